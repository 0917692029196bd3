package io.ike4j.core.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProposalParserTest {
    private static Proposal ike(String s) throws ProposalParseException {
        return ProposalParser.parseOne(ProtocolId.IKE, s);
    }

    private static Proposal esp(String s) throws ProposalParseException {
        return ProposalParser.parseOne(ProtocolId.ESP, s);
    }

    @Test
    void aeadIkeProposal() throws Exception {
        Proposal p = ike("aes256gcm16-prfsha384-x25519");
        assertThat(p.encryption()).containsExactly(new Encryption(EncryptionAlgorithm.AES_GCM_16, 256));
        assertThat(p.prfs()).containsExactly(PrfAlgorithm.HMAC_SHA2_384);
        assertThat(p.integrity()).isEmpty();
        assertThat(p.keyExchanges()).containsExactly(KeyExchangeMethod.CURVE25519);
        assertThat(p.esn()).isEmpty();
        assertThat(p).hasToString("AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519");
        assertThat(p.toLogString()).isEqualTo("IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519");
        assertThat(p.toKeywords()).isEqualTo("aes256gcm16-prfsha384-x25519");
    }

    @Test
    void classicIkeIntegrityImpliesPrf() throws Exception {
        Proposal p = ike("aes128-sha256-modp2048");
        assertThat(p.encryption()).containsExactly(new Encryption(EncryptionAlgorithm.AES_CBC, 128));
        assertThat(p.integrity()).containsExactly(IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThat(p.prfs()).containsExactly(PrfAlgorithm.HMAC_SHA2_256);
        assertThat(p).hasToString("AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048");
    }

    @Test
    void severalOfAKindKeepOrder() throws Exception {
        Proposal p = ike("aes128-aes256-sha256-sha1-modp2048-ecp256");
        assertThat(p.encryption()).extracting(Encryption::keyBits).containsExactly(128, 256);
        assertThat(p.integrity()).containsExactly(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA1_96);
        assertThat(p.prfs()).containsExactly(PrfAlgorithm.HMAC_SHA2_256, PrfAlgorithm.HMAC_SHA1);
        assertThat(p.keyExchanges()).containsExactly(KeyExchangeMethod.MODP_2048, KeyExchangeMethod.ECP_256);
    }

    @Test
    void espIntegrityHasNoPrfAndDefaultsToNoEsn() throws Exception {
        Proposal p = esp("aes128-sha256");
        assertThat(p.prfs()).isEmpty();
        assertThat(p.integrity()).containsExactly(IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThat(p.keyExchanges()).isEmpty();
        assertThat(p.esn()).containsExactly(EsnMode.NO_ESN);
        assertThat(p).hasToString("AES_CBC_128/HMAC_SHA2_256_128/NO_EXT_SEQ");
        assertThat(p.toKeywords()).isEqualTo("aes128-sha256");
    }

    @Test
    void espKeGroupMeansPfsAndEsnKeywords() throws Exception {
        Proposal p = esp("aes128gcm16-ecp256-esn-noesn");
        assertThat(p.keyExchanges()).containsExactly(KeyExchangeMethod.ECP_256);
        assertThat(p.esn()).containsExactly(EsnMode.ESN, EsnMode.NO_ESN);
        assertThat(p).hasToString("AES_GCM_16_128/ECP_256/EXT_SEQ/NO_EXT_SEQ");
        assertThat(ProposalParser.parseOne(ProtocolId.ESP, p.toKeywords())).isEqualTo(p);
    }

    @Test
    void optionalPfsWithNone() throws Exception {
        assertThat(esp("aes256gcm16-modp2048-none").keyExchanges())
                .containsExactly(KeyExchangeMethod.MODP_2048, KeyExchangeMethod.NONE);
    }

    @Test
    void additionalKeyExchanges() throws Exception {
        Proposal p = ike("aes256gcm16-prfsha384-x25519-ke1_mlkem768-ke1_none-ke3_mlkem1024");
        assertThat(p.additionalKeyExchange(1)).containsExactly(KeyExchangeMethod.ML_KEM_768, KeyExchangeMethod.NONE);
        assertThat(p.additionalKeyExchange(2)).isEmpty();
        assertThat(p.additionalKeyExchange(3)).containsExactly(KeyExchangeMethod.ML_KEM_1024);
        assertThat(p.toString()).contains("KE1_ML_KEM_768/KE1_KE_NONE/KE3_ML_KEM_1024");
        assertThat(ike(p.toKeywords())).isEqualTo(p);
    }

    @Test
    void commaSeparatedListGivesSeveralProposals() throws Exception {
        List<Proposal> ps = ProposalParser.parse(ProtocolId.IKE, "aes256gcm16-prfsha384-x25519, aes128-sha256-modp2048");
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).isAead()).isTrue();
        assertThat(ps.get(1).isAead()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "aes128, AES_CBC, 128", "aes192, AES_CBC, 192", "aes256, AES_CBC, 256", "aes, AES_CBC, 128",
        "aes128gcm8, AES_GCM_8, 128", "aes128gcm12, AES_GCM_12, 128", "aes128gcm16, AES_GCM_16, 128",
        "aes128gcm, AES_GCM_16, 128", "aes192gcm8, AES_GCM_8, 192", "aes192gcm12, AES_GCM_12, 192",
        "aes192gcm16, AES_GCM_16, 192", "aes192gcm, AES_GCM_16, 192", "aes256gcm8, AES_GCM_8, 256",
        "aes256gcm12, AES_GCM_12, 256", "aes256gcm16, AES_GCM_16, 256", "aes256gcm, AES_GCM_16, 256",
        "aes256gcm128, AES_GCM_16, 256", "aes128ccm16, AES_CCM_16, 128", "aes256ctr, AES_CTR, 256",
        "chacha20poly1305, CHACHA20_POLY1305, 0", "3des, TRIPLE_DES, 0", "AES256GCM16, AES_GCM_16, 256"
    })
    void encryptionKeywords(String kw, EncryptionAlgorithm alg, int bits) throws Exception {
        String spec = new Encryption(alg, bits).isAead() ? kw : kw + "-sha256";
        assertThat(esp(spec).encryption()).containsExactly(new Encryption(alg, bits));
    }

    @ParameterizedTest
    @CsvSource({
        "sha1, HMAC_SHA1_96, HMAC_SHA1", "sha, HMAC_SHA1_96, HMAC_SHA1",
        "sha256, HMAC_SHA2_256_128, HMAC_SHA2_256", "sha384, HMAC_SHA2_384_192, HMAC_SHA2_384",
        "sha512, HMAC_SHA2_512_256, HMAC_SHA2_512", "md5, HMAC_MD5_96, HMAC_MD5",
        "aesxcbc, AES_XCBC_96, AES128_XCBC", "aescmac, AES_CMAC_96, AES128_CMAC"
    })
    void integrityKeywordsAddMatchingPrfInIke(String kw, IntegrityAlgorithm integ, PrfAlgorithm prf) throws Exception {
        Proposal p = ike("aes128-" + kw + "-modp2048");
        assertThat(p.integrity()).containsExactly(integ);
        assertThat(p.prfs()).containsExactly(prf);
        assertThat(esp("aes128-" + kw).integrity()).containsExactly(integ);
    }

    @ParameterizedTest
    @CsvSource({"prfsha1, HMAC_SHA1", "prfsha256, HMAC_SHA2_256", "prfsha384, HMAC_SHA2_384",
        "prfsha512, HMAC_SHA2_512", "prfaesxcbc, AES128_XCBC", "prfaescmac, AES128_CMAC", "prfmd5, HMAC_MD5"})
    void prfKeywords(String kw, PrfAlgorithm prf) throws Exception {
        assertThat(ike("aes128gcm16-" + kw + "-ecp256").prfs()).containsExactly(prf);
    }

    @ParameterizedTest
    @CsvSource({
        "modp768, MODP_768", "modp1024, MODP_1024", "modp1536, MODP_1536", "modp2048, MODP_2048",
        "modp3072, MODP_3072", "modp4096, MODP_4096", "modp6144, MODP_6144", "modp8192, MODP_8192",
        "modp2048s256, MODP_2048_256", "ecp256, ECP_256", "ecp384, ECP_384", "ecp521, ECP_521",
        "ecp256bp, BRAINPOOL_P256R1", "x25519, CURVE25519", "curve25519, CURVE25519", "x448, CURVE448",
        "curve448, CURVE448", "mlkem512, ML_KEM_512", "mlkem768, ML_KEM_768", "mlkem1024, ML_KEM_1024"
    })
    void keyExchangeKeywords(String kw, KeyExchangeMethod ke) throws Exception {
        assertThat(ike("aes128-sha256-" + kw).keyExchanges()).containsExactly(ke);
        assertThat(esp("aes128-sha256-ke2_" + kw).additionalKeyExchange(2)).containsExactly(ke);
    }

    @Test
    void unknownKeywordNamesKeywordAndPosition() {
        assertThatThrownBy(() -> ike("aes999-sha256-modp2048"))
                .isInstanceOf(ProposalParseException.class)
                .hasMessageStartingWith("unknown algorithm 'aes999' in proposal 'aes999-sha256-modp2048'")
                .satisfies(e -> {
                    assertThat(((ProposalParseException) e).keyword()).isEqualTo("aes999");
                    assertThat(((ProposalParseException) e).position()).isZero();
                });
        assertThatThrownBy(() -> ProposalParser.parse(ProtocolId.ESP, "aes128-sha256, aes256-sha256_96"))
                .isInstanceOf(ProposalParseException.class).hasMessageContaining("'sha256_96'")
                .satisfies(e -> assertThat(((ProposalParseException) e).position()).isEqualTo(22));
    }

    @Test
    void structuralErrors() {
        assertThatThrownBy(() -> ike("aes256gcm16-sha256-x25519")).hasMessageContaining("not allowed with AEAD");
        assertThatThrownBy(() -> ike("aes256gcm16-x25519")).hasMessageContaining("PRF algorithm is mandatory");
        assertThatThrownBy(() -> ike("aes128-sha256")).hasMessageContaining("key exchange method");
        assertThatThrownBy(() -> ike("sha256-modp2048")).hasMessageContaining("encryption algorithm is mandatory");
        assertThatThrownBy(() -> ike("aes128-prfsha256-modp2048")).hasMessageContaining("integrity algorithm is mandatory");
        assertThatThrownBy(() -> ike("aes128-aes128gcm16-sha256-modp2048")).hasMessageContaining("can't be mixed");
        assertThatThrownBy(() -> ike("aes128-sha256-modp2048-esn")).hasMessageContaining("not allowed for IKE");
        assertThatThrownBy(() -> esp("aes128-sha256-prfsha256")).hasMessageContaining("only allowed for IKE");
        assertThatThrownBy(() -> esp("aes128")).hasMessageContaining("integrity algorithm is mandatory");
        assertThatThrownBy(() -> esp("aes128-sha256-ke8_mlkem768")).hasMessageContaining("'ke8_mlkem768'");
        assertThatThrownBy(() -> esp("aes128-sha256-ke1_sha256")).hasMessageContaining("not a key exchange method");
        assertThatThrownBy(() -> esp("aes128--sha256")).hasMessageContaining("empty algorithm");
        assertThatThrownBy(() -> ProposalParser.parse(ProtocolId.ESP, "aes128-sha256,,aes256-sha256"))
                .hasMessageContaining("empty proposal");
        assertThatThrownBy(() -> ProposalParser.parseOne(ProtocolId.AH, "aes128-sha256"))
                .hasMessageContaining("not allowed for AH");
    }

    @Test
    void defaultKeyword() throws Exception {
        List<Proposal> ike = ProposalParser.parse(ProtocolId.IKE, "default");
        assertThat(ike).hasSize(2);
        assertThat(ike.get(0).encryption()).first().isEqualTo(new Encryption(EncryptionAlgorithm.AES_CBC, 128));
        assertThat(ike.get(0).keyExchanges()).contains(KeyExchangeMethod.CURVE25519, KeyExchangeMethod.MODP_2048);
        assertThat(ike.get(1).isAead()).isTrue();
        assertThat(ike.get(1).encryption()).contains(Encryption.of(EncryptionAlgorithm.CHACHA20_POLY1305));
        List<Proposal> esp = ProposalParser.parse(ProtocolId.ESP, "aes256gcm16,default");
        assertThat(esp).hasSize(3);
        assertThat(esp).allSatisfy(p -> assertThat(p.esn()).containsExactly(EsnMode.NO_ESN));
        assertThat(esp.get(1)).hasToString("AES_GCM_16_128/AES_GCM_16_192/AES_GCM_16_256/NO_EXT_SEQ");
    }
}
