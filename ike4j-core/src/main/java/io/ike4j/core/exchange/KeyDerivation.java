package io.ike4j.core.exchange;

import io.ike4j.core.crypto.KeyMaterialLengths;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.PrfPlus;
import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.IkeTransforms;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** IKE SA and CHILD_SA key derivation (RFC 7296 2.13, 2.14, 2.17). Callers wipe the returned arrays. */
public final class KeyDerivation {
    private KeyDerivation() {}

    /** SK_d, SK_ai, SK_ar, SK_ei, SK_er, SK_pi, SK_pr in this order (RFC 7296 2.14). */
    public record IkeKeyMaterial(byte[] skD, byte[] skAi, byte[] skAr, byte[] skEi, byte[] skEr, byte[] skPi, byte[] skPr) {
        public void wipe() {
            for (byte[] b : new byte[][] {skD, skAi, skAr, skEi, skEr, skPi, skPr}) Arrays.fill(b, (byte) 0);
        }

        @Override
        public String toString() {
            return "IkeKeyMaterial[hidden]";
        }
    }

    /**
     * SKEYSEED = prf(Ni | Nr, g^ir); {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr).
     */
    public static IkeKeyMaterial ikeKeys(IkeTransforms t, byte[] sharedSecret, byte[] ni, byte[] nr, long spiI, long spiR)
            throws PrfPlusLengthException {
        Prf prf = Prf.of(t.prf());
        byte[] nonces = concat(ni, nr);
        byte[] skeyseed = prf.compute(nonces, sharedSecret);
        int p = prf.outputLength();
        int a = KeyMaterialLengths.integrity(t.integrity());
        int e = KeyMaterialLengths.encryption(t.encryption(), t.encryptionKeyBits());
        byte[] seed = concat(nonces, ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
        byte[] stream = PrfPlus.expand(prf, skeyseed, seed, 3 * p + 2 * a + 2 * e);
        try {
            int o = 0;
            byte[] d = Arrays.copyOfRange(stream, o, o += p);
            byte[] ai = Arrays.copyOfRange(stream, o, o += a);
            byte[] ar = Arrays.copyOfRange(stream, o, o += a);
            byte[] ei = Arrays.copyOfRange(stream, o, o += e);
            byte[] er = Arrays.copyOfRange(stream, o, o += e);
            byte[] pi = Arrays.copyOfRange(stream, o, o += p);
            byte[] pr = Arrays.copyOfRange(stream, o, o + p);
            return new IkeKeyMaterial(d, ai, ar, ei, er, pi, pr);
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
            Arrays.fill(stream, (byte) 0);
        }
    }

    /** One direction's CHILD_SA keys. */
    public record ChildKeys(byte[] encryption, byte[] integrity) {
        @Override
        public String toString() {
            return "ChildKeys[hidden]";
        }
    }

    /** Initiator-to-responder keys first, then responder-to-initiator (RFC 7296 2.17). */
    public record ChildKeyMaterial(ChildKeys initiatorToResponder, ChildKeys responderToInitiator) {
        public void wipe() {
            Arrays.fill(initiatorToResponder.encryption(), (byte) 0);
            Arrays.fill(initiatorToResponder.integrity(), (byte) 0);
            Arrays.fill(responderToInitiator.encryption(), (byte) 0);
            Arrays.fill(responderToInitiator.integrity(), (byte) 0);
        }
    }

    /** KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296 2.17). */
    public static ChildKeyMaterial childKeys(Prf prf, byte[] skD, byte[] sharedSecretOrEmpty, byte[] ni, byte[] nr,
                                             EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity)
            throws PrfPlusLengthException {
        int e = KeyMaterialLengths.encryption(encryption, keyBits);
        int a = KeyMaterialLengths.integrity(integrity);
        byte[] seed = concat(sharedSecretOrEmpty, concat(ni, nr));
        byte[] stream = PrfPlus.expand(prf, skD, seed, 2 * (e + a));
        try {
            int o = 0;
            byte[] ei = Arrays.copyOfRange(stream, o, o += e);
            byte[] ai = Arrays.copyOfRange(stream, o, o += a);
            byte[] er = Arrays.copyOfRange(stream, o, o += e);
            byte[] ar = Arrays.copyOfRange(stream, o, o + a);
            return new ChildKeyMaterial(new ChildKeys(ei, ai), new ChildKeys(er, ar));
        } finally {
            Arrays.fill(stream, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
