package io.ike4j.core.crypto;

import java.util.Arrays;

/**
 * RFC 9867 (mixing a postquantum preshared key in IKE_INTERMEDIATE): the PPK Confirmation carried in
 * PPK_IDENTITY_KEY and the IKE SA keys recalculated with the PPK. Pure functions; callers wipe what they pass in.
 */
public final class PpkKeyDerivation {
    /** RFC 9867 3.1: the PPK Confirmation is the first 8 octets of prf(PPK, Ni | Nr | SPIi | SPIr). */
    public static final int CONFIRMATION_LENGTH = 8;

    private PpkKeyDerivation() {}

    /** RFC 9867 3.1: PPK Confirmation = prf(PPK, Ni | Nr | SPIi | SPIr), truncated to 8 octets. */
    public static byte[] confirmation(Prf prf, byte[] ppk, byte[] ni, byte[] nr, byte[] spiI, byte[] spiR) {
        byte[] full = prf.compute(ppk, ni, nr, spiI, spiR);
        try {
            return Arrays.copyOf(full, CONFIRMATION_LENGTH);
        } finally {
            Arrays.fill(full, (byte) 0);
        }
    }

    /**
     * RFC 9867 "Computing IKE SA Keys": once the PPK is agreed in the last IKE_INTERMEDIATE exchange, SKEYSEED' = prf+(PPK, SK_d) (as
     * long as SK_d) and {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED', Ni | Nr | SPIi | SPIr);
     * {@code skD} is the SK_d after every other IKE_INTERMEDIATE key update (RFC 9370 2.2.2).
     */
    public static IkeSaKeys ikeSaKeys(Prf prf, byte[] ppk, byte[] skD, byte[] ni, byte[] nr, byte[] spiI, byte[] spiR,
            IkeKeyLengths lengths) throws PrfPlusLengthException {
        byte[] skeyseed = PrfPlus.expand(prf, ppk, skD, skD.length);
        try {
            return IkeKeyDerivation.ikeSaKeys(prf, skeyseed, ni, nr, spiI, spiR, lengths);
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
        }
    }
}
