package io.ike4j.platform.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import org.junit.jupiter.api.Test;

class XfrmAlgorithmNamesTest {

    @Test
    void aeadTransformsMapToKernelAeadWithIcvAndSaltedKey() {
        var gcm = (XfrmAlgorithms.Aead) XfrmAlgorithmNames.of(EncryptionAlgorithm.AES_GCM_16, Fixtures.key(36),
                IntegrityAlgorithm.NONE, new byte[0]).orElseThrow();
        assertThat(gcm.name()).isEqualTo("rfc4106(gcm(aes))");
        assertThat(gcm.icvBits()).isEqualTo(128);
        assertThat(gcm.key()).hasSize(36); // 256-bit key + 4-byte salt
        var chacha = (XfrmAlgorithms.Aead) XfrmAlgorithmNames.of(EncryptionAlgorithm.CHACHA20_POLY1305, Fixtures.key(36),
                null, null).orElseThrow();
        assertThat(chacha.name()).isEqualTo("rfc7539esp(chacha20,poly1305)");
        assertThat(XfrmAlgorithmNames.aeadIcvBits(EncryptionAlgorithm.AES_GCM_8)).isEqualTo(64);
        assertThat(gcm.toString()).doesNotContain("0001");
    }

    @Test
    void cipherWithTruncatedHmac() {
        var cbc = (XfrmAlgorithms.CipherAuth) XfrmAlgorithmNames.of(EncryptionAlgorithm.AES_CBC, Fixtures.key(16),
                IntegrityAlgorithm.HMAC_SHA2_384_192, Fixtures.key(48)).orElseThrow();
        assertThat(cbc.cipherName()).isEqualTo("cbc(aes)");
        assertThat(cbc.authName()).isEqualTo("hmac(sha384)");
        assertThat(cbc.truncationBits()).isEqualTo(192);
        assertThat(XfrmAlgorithmNames.integrity(IntegrityAlgorithm.HMAC_SHA1_96)).contains("hmac(sha1)");
        assertThat(XfrmAlgorithmNames.integrity(IntegrityAlgorithm.HMAC_SHA2_512_256)).contains("hmac(sha512)");
        cbc.wipe();
        assertThat(cbc.cipherKey()).containsOnly((byte) 0);
        assertThat(cbc.authKey()).containsOnly((byte) 0);
    }

    @Test
    void transformsWithoutKernelNameAreEmpty() {
        assertThat(XfrmAlgorithmNames.of(EncryptionAlgorithm.DES_IV64, new byte[8], IntegrityAlgorithm.NONE, null)).isEmpty();
        assertThat(XfrmAlgorithmNames.of(EncryptionAlgorithm.AES_CBC, new byte[16], IntegrityAlgorithm.DES_MAC, new byte[8])).isEmpty();
    }
}
