package io.ike4j.platform.xfrm;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.util.Optional;

/**
 * Maps IKEv2 transform IDs (RFC 7296 3.3.2) to Linux crypto API names as XFRM expects them, the same names
 * iproute2 and strongSwan's kernel-netlink use. Empty when the kernel has no ESP equivalent.
 */
public final class XfrmAlgorithmNames {
    private XfrmAlgorithmNames() {
    }

    /** Kernel name of an encryption transform (AEAD or cipher). */
    public static Optional<String> encryption(EncryptionAlgorithm e) {
        return Optional.ofNullable(switch (e) {
            case AES_GCM_8, AES_GCM_12, AES_GCM_16 -> "rfc4106(gcm(aes))"; // RFC 4106
            case AES_CCM_8, AES_CCM_12, AES_CCM_16 -> "rfc4309(ccm(aes))"; // RFC 4309
            case CHACHA20_POLY1305 -> "rfc7539esp(chacha20,poly1305)"; // RFC 7634
            case NULL_AUTH_AES_GMAC -> "rfc4543(gcm(aes))"; // RFC 4543
            case AES_CBC -> "cbc(aes)";
            case AES_CTR -> "rfc3686(ctr(aes))";
            case TRIPLE_DES -> "cbc(des3_ede)";
            case CAMELLIA_CBC -> "cbc(camellia)";
            case NULL -> "ecb(cipher_null)";
            default -> null;
        });
    }

    /** ICV length in bits for an AEAD transform (NULL_AUTH_AES_GMAC is AEAD to the kernel, 128 bits). */
    public static int aeadIcvBits(EncryptionAlgorithm e) {
        return e == EncryptionAlgorithm.NULL_AUTH_AES_GMAC ? 128 : e.icvLength() * 8;
    }

    /** True when the kernel takes the transform through XFRMA_ALG_AEAD. */
    public static boolean isKernelAead(EncryptionAlgorithm e) {
        return e.isAead() || e == EncryptionAlgorithm.NULL_AUTH_AES_GMAC;
    }

    /** Kernel name of an integrity transform. */
    public static Optional<String> integrity(IntegrityAlgorithm i) {
        return Optional.ofNullable(switch (i) {
            case HMAC_MD5_96 -> "hmac(md5)";
            case HMAC_SHA1_96 -> "hmac(sha1)";
            case AES_XCBC_96 -> "xcbc(aes)";
            case AES_CMAC_96 -> "cmac(aes)";
            case HMAC_SHA2_256_128 -> "hmac(sha256)"; // RFC 4868 2.3
            case HMAC_SHA2_384_192 -> "hmac(sha384)";
            case HMAC_SHA2_512_256 -> "hmac(sha512)";
            default -> null;
        });
    }

    /**
     * The XFRM algorithms for one direction of a CHILD_SA; empty if a transform has no kernel name.
     * The returned object holds copies of the keys (wipe it after use).
     */
    public static Optional<XfrmAlgorithms> of(EncryptionAlgorithm encryption, byte[] encryptionKey,
                                              IntegrityAlgorithm integrity, byte[] integrityKey) {
        Optional<String> enc = encryption(encryption);
        if (enc.isEmpty()) return Optional.empty();
        if (isKernelAead(encryption)) {
            return Optional.of(new XfrmAlgorithms.Aead(enc.get(), encryptionKey, aeadIcvBits(encryption)));
        }
        if (integrity == null || integrity == IntegrityAlgorithm.NONE) {
            return Optional.of(new XfrmAlgorithms.CipherAuth(enc.get(), encryptionKey, null, null, 0));
        }
        return integrity(integrity).map(auth -> new XfrmAlgorithms.CipherAuth(enc.get(), encryptionKey, auth,
                integrityKey, integrity.icvLength() * 8));
    }
}
