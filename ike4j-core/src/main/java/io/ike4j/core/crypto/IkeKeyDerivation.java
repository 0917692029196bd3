package io.ike4j.core.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * IKEv2 key derivation: SKEYSEED and the IKE SA keys (RFC 7296 2.14), rekeyed SKEYSEED (RFC 7296 2.18) and
 * Child SA KEYMAT (RFC 7296 2.17). Only HMAC-based PRFs are handled; AES-XCBC/CMAC PRFs take the key from
 * the first 64 bits of each nonce (RFC 7296 2.14) and are not supported by {@link Prf} yet.
 */
public final class IkeKeyDerivation {

    private IkeKeyDerivation() {}

    /** RFC 7296 2.14: SKEYSEED = prf(Ni | Nr, g^ir). */
    public static byte[] skeyseed(Prf prf, byte[] ni, byte[] nr, byte[] sharedSecret) {
        byte[] key = Bytes.concat(ni, nr);
        try {
            return prf.compute(key, sharedSecret);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * RFC 7296 2.18: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), with the nonces of the CREATE_CHILD_SA
     * exchange and the PRF of the new IKE SA. (RFC 9370 intermediate keys use the same shape.)
     */
    public static byte[] rekeyedSkeyseed(Prf prf, byte[] oldSkD, byte[] sharedSecret, byte[] ni, byte[] nr) {
        return prf.compute(oldSkD, sharedSecret, ni, nr);
    }

    /**
     * RFC 9370 2.2.4: rekeying the IKE SA with additional key exchanges (IKE_FOLLOWUP_KE):
     * SKEYSEED = prf(SK_d (old), SK(0) | Ni | Nr | SK(1) | ... | SK(n)); {@code additional} is SK(1) | ... | SK(n).
     */
    public static byte[] rekeyedSkeyseed(Prf prf, byte[] oldSkD, byte[] sharedSecret, byte[] ni, byte[] nr, byte[] additional) {
        return prf.compute(oldSkD, sharedSecret, ni, nr, additional);
    }

    /**
     * RFC 7296 2.14: {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr).
     */
    public static IkeSaKeys ikeSaKeys(Prf prf, byte[] skeyseed, byte[] ni, byte[] nr, byte[] spiI, byte[] spiR,
            IkeKeyLengths lengths) throws PrfPlusLengthException {
        Objects.requireNonNull(lengths, "lengths");
        byte[] seed = Bytes.concat(ni, nr, spiI, spiR);
        byte[] stream = PrfPlus.expand(prf, skeyseed, seed, lengths.total());
        try {
            return new IkeSaKeys(stream, lengths);
        } finally {
            Arrays.fill(stream, (byte) 0);
        }
    }

    /** Both steps for a new IKE SA from IKE_SA_INIT. The intermediate SKEYSEED is wiped. */
    public static IkeSaKeys initialIkeSaKeys(Prf prf, byte[] ni, byte[] nr, byte[] sharedSecret, byte[] spiI,
            byte[] spiR, IkeKeyLengths lengths) throws PrfPlusLengthException {
        byte[] skeyseed = skeyseed(prf, ni, nr, sharedSecret);
        try {
            return ikeSaKeys(prf, skeyseed, ni, nr, spiI, spiR, lengths);
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
        }
    }

    /**
     * RFC 7296 2.17: KEYMAT = prf+(SK_d, Ni | Nr), or prf+(SK_d, g^ir (new) | Ni | Nr) with a key exchange in
     * CREATE_CHILD_SA, split as encr/integ for initiator to responder, then responder to initiator.
     *
     * @param sharedSecret g^ir of the CREATE_CHILD_SA key exchange, or null without one
     * @param encrLength ESP/AH encryption key length in bytes, salt included (0 for AH / ENCR_NULL)
     * @param integLength integrity key length in bytes (0 with AEAD)
     */
    public static ChildSaKeys childSaKeys(Prf prf, byte[] skD, byte[] sharedSecret, byte[] ni, byte[] nr,
            int encrLength, int integLength) throws PrfPlusLengthException {
        return childSaKeys(prf, skD, sharedSecret, ni, nr, new byte[0], encrLength, integLength);
    }

    /**
     * RFC 9370 2.2.4: KEYMAT = prf+(SK_d, SK(0) | Ni | Nr | SK(1) | ... | SK(n)) for a CHILD_SA with additional key
     * exchanges; {@code additional} is SK(1) | ... | SK(n) (empty: RFC 7296 2.17 as above).
     */
    public static ChildSaKeys childSaKeys(Prf prf, byte[] skD, byte[] sharedSecret, byte[] ni, byte[] nr, byte[] additional,
            int encrLength, int integLength) throws PrfPlusLengthException {
        if (encrLength < 0 || integLength < 0) throw new IllegalArgumentException("negative key length");
        byte[] seed = sharedSecret == null ? Bytes.concat(ni, nr, additional) : Bytes.concat(sharedSecret, ni, nr, additional);
        byte[] keymat = PrfPlus.expand(prf, skD, seed, 2 * (encrLength + integLength));
        try {
            return new ChildSaKeys(keymat, encrLength, integLength);
        } finally {
            Arrays.fill(keymat, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }
}
