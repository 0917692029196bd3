package io.ike4j.core.crypto;

import java.util.Arrays;

/**
 * The seven IKE SA keys of RFC 7296 2.14. Accessors return copies; {@link #wipe()} overwrites the held keys.
 * {@code toString} shows lengths only.
 */
public final class IkeSaKeys {

    private final byte[] skD;
    private final byte[] skAi;
    private final byte[] skAr;
    private final byte[] skEi;
    private final byte[] skEr;
    private final byte[] skPi;
    private final byte[] skPr;

    /** Splits prf+ output {@code keyStream} in the order SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr. */
    IkeSaKeys(byte[] keyStream, IkeKeyLengths lengths) {
        int off = 0;
        skD = Arrays.copyOfRange(keyStream, off, off += lengths.prf());
        skAi = Arrays.copyOfRange(keyStream, off, off += lengths.integrity());
        skAr = Arrays.copyOfRange(keyStream, off, off += lengths.integrity());
        skEi = Arrays.copyOfRange(keyStream, off, off += lengths.encryption());
        skEr = Arrays.copyOfRange(keyStream, off, off += lengths.encryption());
        skPi = Arrays.copyOfRange(keyStream, off, off += lengths.prf());
        skPr = Arrays.copyOfRange(keyStream, off, off += lengths.prf());
    }

    /** Key for deriving Child SA keys and the next SKEYSEED. */
    public byte[] skD() {
        return skD.clone();
    }

    /** Integrity key, initiator to responder (empty with AEAD). */
    public byte[] skAi() {
        return skAi.clone();
    }

    /** Integrity key, responder to initiator (empty with AEAD). */
    public byte[] skAr() {
        return skAr.clone();
    }

    /** Encryption key (with salt for AEAD), initiator to responder. */
    public byte[] skEi() {
        return skEi.clone();
    }

    /** Encryption key (with salt for AEAD), responder to initiator. */
    public byte[] skEr() {
        return skEr.clone();
    }

    /** Key for the initiator's AUTH computation (RFC 7296 2.15). */
    public byte[] skPi() {
        return skPi.clone();
    }

    /** Key for the responder's AUTH computation (RFC 7296 2.15). */
    public byte[] skPr() {
        return skPr.clone();
    }

    public void wipe() {
        for (byte[] k : new byte[][] {skD, skAi, skAr, skEi, skEr, skPi, skPr}) Arrays.fill(k, (byte) 0);
    }

    @Override
    public String toString() {
        return "IkeSaKeys[d=" + skD.length + "B, a=" + skAi.length + "B, e=" + skEi.length + "B, p=" + skPi.length
                + "B]";
    }
}
