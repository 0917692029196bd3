package io.ike4j.core.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * ML-KEM key encodings: the raw FIPS 203 byte strings IKEv2 carries (draft-ietf-ipsecme-ikev2-mlkem 2.1: "encoded
 * as a raw byte array (i.e., output of ByteEncode)") against the X.509 / PKCS#8 wrappers the JCA speaks
 * (draft-ietf-lamps-kyber-certificates: OIDs 2.16.840.1.101.3.4.4.1-3, parameters absent, the public key
 * the BIT STRING content, the private key the {@code expandedKey} OCTET STRING choice), and the input checks of
 * FIPS 203 7.2 and 7.3.
 */
final class MlKemKeys {

    private MlKemKeys() {}

    /**
     * FIPS 203 7.2 input checking of an encapsulation key: the type check (length 384k + 32) and the modulus check
     * (ek[0:384k] = ByteEncode12(ByteDecode12(ek[0:384k])), that is every 12-bit little-endian coefficient is
     * below q = 3329). A failure is the peer's malformed Key Exchange Data; draft-ietf-ipsecme-ikev2-mlkem 2.2: the
     * responder MUST reject it and SHOULD answer INVALID_SYNTAX (both reasons used here are syntax errors).
     */
    static void checkEncapsulationKey(MlKemParameterSet set, byte[] ek) throws KeyExchangeException {
        if (ek == null || ek.length != set.encapsulationKeyLength()) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    set + " encapsulation key must be " + set.encapsulationKeyLength() + " bytes");
        }
        int end = 384 * set.k();
        for (int i = 0; i < end; i += 3) {
            // ByteDecode12: two 12-bit coefficients in three bytes, little-endian.
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int c0 = b0 | (b1 & 0x0f) << 8;
            int c1 = b1 >>> 4 | b2 << 4;
            if (c0 >= MlKemParameterSet.Q || c1 >= MlKemParameterSet.Q) {
                throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE,
                        set + " encapsulation key fails the modulus check");
            }
        }
    }

    /** FIPS 203 7.3 ciphertext type check: the length must be exactly the parameter set's. */
    static void checkCiphertext(MlKemParameterSet set, byte[] c) throws KeyExchangeException {
        if (c == null || c.length != set.ciphertextLength()) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    set + " ciphertext must be " + set.ciphertextLength() + " bytes");
        }
    }

    /** The JCA public key for a raw (already checked) encapsulation key. */
    static PublicKey publicKey(CryptoProvider provider, MlKemParameterSet set, byte[] ek)
            throws GeneralSecurityException {
        return provider.keyFactory(set.jcaName()).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(set, ek)));
    }

    /** The raw encapsulation key inside a JCA public key, checked against the expected X.509 framing. */
    static byte[] rawEncapsulationKey(MlKemParameterSet set, PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] expectedPrefix = subjectPublicKeyInfo(set, new byte[set.encapsulationKeyLength()]);
        int prefix = expectedPrefix.length - set.encapsulationKeyLength();
        if (encoded == null || encoded.length != expectedPrefix.length
                || !Arrays.equals(encoded, 0, prefix, expectedPrefix, 0, prefix)) {
            throw new CryptoUnavailableException(set.jcaName() + " public key encoding",
                    new IllegalStateException("unexpected X.509 framing"));
        }
        return Arrays.copyOfRange(encoded, prefix, encoded.length);
    }

    /** The JCA private key for a raw FIPS 203 decapsulation key (PKCS#8, expandedKey choice). */
    static PrivateKey privateKey(CryptoProvider provider, MlKemParameterSet set, byte[] dk)
            throws GeneralSecurityException {
        byte[] pkcs8 = der(0x30, Bytes.concat(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier(set),
                der(0x04, der(0x04, dk))));
        try {
            return provider.keyFactory(set.jcaName()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } finally {
            Bytes.wipe(pkcs8);
        }
    }

    private static byte[] subjectPublicKeyInfo(MlKemParameterSet set, byte[] ek) {
        return der(0x30, Bytes.concat(algorithmIdentifier(set), der(0x03, Bytes.concat(new byte[] {0}, ek))));
    }

    /** id-alg-ml-kem-512/768/1024 = 2.16.840.1.101.3.4.4.{1,2,3}, parameters absent. */
    private static byte[] algorithmIdentifier(MlKemParameterSet set) {
        byte[] oid = {0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, (byte) (set.ordinal() + 1)};
        return der(0x30, oid);
    }

    /** One DER TLV; lengths up to 65535 (ML-KEM keys are at most 3168 bytes). */
    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] header = n < 0x80 ? new byte[] {(byte) tag, (byte) n}
                : n < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (n >>> 8), (byte) n};
        return Bytes.concat(header, content);
    }
}
