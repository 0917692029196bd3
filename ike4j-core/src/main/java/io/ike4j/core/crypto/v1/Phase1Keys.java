package io.ike4j.core.crypto.v1;

import java.util.Arrays;

/**
 * The ISAKMP SA's key material (RFC 2409 5, Appendix B): SKEYID, SKEYID_d (Phase 2 keying), SKEYID_a
 * (authentication of Phase 2/Informational), SKEYID_e and the cipher key Ka derived from it. Accessors return
 * copies; {@link #wipe()} zeroes the held arrays when the SA dies; {@link #toString()} shows no key material.
 */
public final class Phase1Keys {
    private final byte[] skeyid;
    private final byte[] skeyidD;
    private final byte[] skeyidA;
    private final byte[] skeyidE;
    private final byte[] encryptionKey;

    Phase1Keys(byte[] skeyid, byte[] skeyidD, byte[] skeyidA, byte[] skeyidE, byte[] encryptionKey) {
        this.skeyid = skeyid;
        this.skeyidD = skeyidD;
        this.skeyidA = skeyidA;
        this.skeyidE = skeyidE;
        this.encryptionKey = encryptionKey;
    }

    public byte[] skeyid() {
        return skeyid.clone();
    }

    public byte[] skeyidD() {
        return skeyidD.clone();
    }

    public byte[] skeyidA() {
        return skeyidA.clone();
    }

    public byte[] skeyidE() {
        return skeyidE.clone();
    }

    /** Ka: the encryption key for the negotiated cipher. */
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    public void wipe() {
        for (byte[] b : new byte[][] {skeyid, skeyidD, skeyidA, skeyidE, encryptionKey}) Arrays.fill(b, (byte) 0);
    }

    @Override
    public String toString() {
        return "Phase1Keys[" + encryptionKey.length + "-byte Ka]";
    }
}
