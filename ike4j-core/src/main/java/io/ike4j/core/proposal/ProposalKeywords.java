package io.ike4j.core.proposal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * strongSwan's algorithm keywords (swanctl.conf proposals / esp_proposals), mapped to transforms.
 * The first keyword registered for a transform is its canonical spelling (used by {@link Proposal#toKeywords()}).
 */
final class ProposalKeywords {
    /** One keyword's meaning. */
    sealed interface Token {
        record Enc(Encryption encryption) implements Token {}
        record Integ(IntegrityAlgorithm algorithm) implements Token {}
        record Prf(PrfAlgorithm algorithm) implements Token {}
        record Ke(KeyExchangeMethod method) implements Token {}
        record Esn(EsnMode mode) implements Token {}
    }

    private static final Map<String, Token> BY_KEYWORD = new LinkedHashMap<>();
    private static final Map<Token, String> CANONICAL = new HashMap<>();

    static {
        for (int bits : new int[] {128, 192, 256}) {
            enc("aes" + bits, EncryptionAlgorithm.AES_CBC, bits);
            enc("aes" + bits + "ctr", EncryptionAlgorithm.AES_CTR, bits);
            enc("camellia" + bits, EncryptionAlgorithm.CAMELLIA_CBC, bits);
            aeadFamily("aes" + bits + "gcm", bits, EncryptionAlgorithm.AES_GCM_8, EncryptionAlgorithm.AES_GCM_12,
                    EncryptionAlgorithm.AES_GCM_16);
            aeadFamily("aes" + bits + "ccm", bits, EncryptionAlgorithm.AES_CCM_8, EncryptionAlgorithm.AES_CCM_12,
                    EncryptionAlgorithm.AES_CCM_16);
            enc("aes" + bits + "gmac", EncryptionAlgorithm.NULL_AUTH_AES_GMAC, bits);
        }
        enc("aes", EncryptionAlgorithm.AES_CBC, 128);
        enc("camellia", EncryptionAlgorithm.CAMELLIA_CBC, 128);
        enc("chacha20poly1305", EncryptionAlgorithm.CHACHA20_POLY1305, 0);
        enc("3des", EncryptionAlgorithm.TRIPLE_DES, 0);
        enc("null", EncryptionAlgorithm.NULL, 0);

        integ("sha1", IntegrityAlgorithm.HMAC_SHA1_96);
        integ("sha", IntegrityAlgorithm.HMAC_SHA1_96);
        integ("sha256", IntegrityAlgorithm.HMAC_SHA2_256_128);
        integ("sha2_256", IntegrityAlgorithm.HMAC_SHA2_256_128);
        integ("sha384", IntegrityAlgorithm.HMAC_SHA2_384_192);
        integ("sha2_384", IntegrityAlgorithm.HMAC_SHA2_384_192);
        integ("sha512", IntegrityAlgorithm.HMAC_SHA2_512_256);
        integ("sha2_512", IntegrityAlgorithm.HMAC_SHA2_512_256);
        integ("md5", IntegrityAlgorithm.HMAC_MD5_96);
        integ("aesxcbc", IntegrityAlgorithm.AES_XCBC_96);
        integ("aescmac", IntegrityAlgorithm.AES_CMAC_96);

        prf("prfsha1", PrfAlgorithm.HMAC_SHA1);
        prf("prfsha256", PrfAlgorithm.HMAC_SHA2_256);
        prf("prfsha384", PrfAlgorithm.HMAC_SHA2_384);
        prf("prfsha512", PrfAlgorithm.HMAC_SHA2_512);
        prf("prfmd5", PrfAlgorithm.HMAC_MD5);
        prf("prfaesxcbc", PrfAlgorithm.AES128_XCBC);
        prf("prfaescmac", PrfAlgorithm.AES128_CMAC);

        ke("none", KeyExchangeMethod.NONE);
        ke("modp768", KeyExchangeMethod.MODP_768);
        ke("modp1024", KeyExchangeMethod.MODP_1024);
        ke("modp1536", KeyExchangeMethod.MODP_1536);
        ke("modp2048", KeyExchangeMethod.MODP_2048);
        ke("modp3072", KeyExchangeMethod.MODP_3072);
        ke("modp4096", KeyExchangeMethod.MODP_4096);
        ke("modp6144", KeyExchangeMethod.MODP_6144);
        ke("modp8192", KeyExchangeMethod.MODP_8192);
        ke("modp1024s160", KeyExchangeMethod.MODP_1024_160);
        ke("modp2048s224", KeyExchangeMethod.MODP_2048_224);
        ke("modp2048s256", KeyExchangeMethod.MODP_2048_256);
        ke("ecp192", KeyExchangeMethod.ECP_192);
        ke("ecp224", KeyExchangeMethod.ECP_224);
        ke("ecp256", KeyExchangeMethod.ECP_256);
        ke("ecp384", KeyExchangeMethod.ECP_384);
        ke("ecp521", KeyExchangeMethod.ECP_521);
        ke("ecp224bp", KeyExchangeMethod.BRAINPOOL_P224R1);
        ke("ecp256bp", KeyExchangeMethod.BRAINPOOL_P256R1);
        ke("ecp384bp", KeyExchangeMethod.BRAINPOOL_P384R1);
        ke("ecp512bp", KeyExchangeMethod.BRAINPOOL_P512R1);
        ke("x25519", KeyExchangeMethod.CURVE25519);
        ke("curve25519", KeyExchangeMethod.CURVE25519);
        ke("x448", KeyExchangeMethod.CURVE448);
        ke("curve448", KeyExchangeMethod.CURVE448);
        ke("mlkem512", KeyExchangeMethod.ML_KEM_512);
        ke("mlkem768", KeyExchangeMethod.ML_KEM_768);
        ke("mlkem1024", KeyExchangeMethod.ML_KEM_1024);

        put("esn", new Token.Esn(EsnMode.ESN));
        put("noesn", new Token.Esn(EsnMode.NO_ESN));
    }

    private ProposalKeywords() {
    }

    private static void aeadFamily(String prefix, int bits, EncryptionAlgorithm icv8, EncryptionAlgorithm icv12,
                                   EncryptionAlgorithm icv16) {
        enc(prefix + "16", icv16, bits);
        enc(prefix + "12", icv12, bits);
        enc(prefix + "8", icv8, bits);
        enc(prefix, icv16, bits);
        // ICV length in bits, as strongSwan also accepts (aes128gcm128 = aes128gcm16)
        enc(prefix + "128", icv16, bits);
        enc(prefix + "96", icv12, bits);
        enc(prefix + "64", icv8, bits);
    }

    private static void enc(String keyword, EncryptionAlgorithm alg, int bits) {
        put(keyword, new Token.Enc(new Encryption(alg, bits)));
    }

    private static void integ(String keyword, IntegrityAlgorithm alg) {
        put(keyword, new Token.Integ(alg));
    }

    private static void prf(String keyword, PrfAlgorithm alg) {
        put(keyword, new Token.Prf(alg));
    }

    private static void ke(String keyword, KeyExchangeMethod method) {
        put(keyword, new Token.Ke(method));
    }

    private static void put(String keyword, Token token) {
        BY_KEYWORD.put(keyword, token);
        CANONICAL.putIfAbsent(token, keyword);
    }

    static Optional<Token> lookup(String keyword) {
        return Optional.ofNullable(BY_KEYWORD.get(keyword));
    }

    /** The canonical keyword of a transform, if strongSwan has one. */
    static Optional<String> keyword(Token token) {
        return Optional.ofNullable(CANONICAL.get(token));
    }

    /** In IKE proposals an integrity keyword also adds the PRF based on the same hash (as strongSwan does). */
    static Optional<PrfAlgorithm> prfFor(IntegrityAlgorithm integrity) {
        return Optional.ofNullable(switch (integrity) {
            case HMAC_MD5_96, HMAC_MD5_128 -> PrfAlgorithm.HMAC_MD5;
            case HMAC_SHA1_96, HMAC_SHA1_160 -> PrfAlgorithm.HMAC_SHA1;
            case HMAC_SHA2_256_128 -> PrfAlgorithm.HMAC_SHA2_256;
            case HMAC_SHA2_384_192 -> PrfAlgorithm.HMAC_SHA2_384;
            case HMAC_SHA2_512_256 -> PrfAlgorithm.HMAC_SHA2_512;
            case AES_XCBC_96 -> PrfAlgorithm.AES128_XCBC;
            case AES_CMAC_96 -> PrfAlgorithm.AES128_CMAC;
            default -> null;
        });
    }
}
