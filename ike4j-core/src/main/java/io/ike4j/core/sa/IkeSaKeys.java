package io.ike4j.core.sa;

import io.ike4j.core.crypto.SkProtection;
import java.util.Arrays;

/**
 * The keys of an established (or authenticating) IKE SA (RFC 7296 2.14): SK_d for CHILD_SA keying, SK_pi/SK_pr for
 * AUTH, and the SK protections for our outbound and the peer's inbound messages. Never printed; {@link #wipe()}
 * when the SA dies.
 */
public final class IkeSaKeys {
    private final byte[] skD;
    private final byte[] skPi;
    private final byte[] skPr;
    private final SkProtection inbound;
    private final SkProtection outbound;

    public IkeSaKeys(byte[] skD, byte[] skPi, byte[] skPr, SkProtection inbound, SkProtection outbound) {
        this.skD = skD.clone();
        this.skPi = skPi.clone();
        this.skPr = skPr.clone();
        this.inbound = inbound;
        this.outbound = outbound;
    }

    public byte[] skD() { return skD.clone(); }

    public byte[] skPi() { return skPi.clone(); }

    public byte[] skPr() { return skPr.clone(); }

    /** Opens messages from the peer. */
    public SkProtection inbound() { return inbound; }

    /** Seals our messages. */
    public SkProtection outbound() { return outbound; }

    /**
     * RFC 8784 3: the same SK protections with other SK_d, SK_pi and SK_pr (PPK mixed in, or taken out again);
     * this instance's copies of the three keys are wiped.
     */
    public IkeSaKeys withDerivationKeys(byte[] newSkD, byte[] newSkPi, byte[] newSkPr) {
        IkeSaKeys k = new IkeSaKeys(newSkD, newSkPi, newSkPr, inbound, outbound);
        Arrays.fill(skD, (byte) 0);
        Arrays.fill(skPi, (byte) 0);
        Arrays.fill(skPr, (byte) 0);
        return k;
    }

    public void wipe() {
        Arrays.fill(skD, (byte) 0);
        Arrays.fill(skPi, (byte) 0);
        Arrays.fill(skPr, (byte) 0);
        inbound.wipe();
        outbound.wipe();
    }

    @Override
    public String toString() {
        return "IkeSaKeys[hidden]";
    }
}
