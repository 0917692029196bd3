package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every IKE encryption algorithm, PRF/integrity algorithm and key-exchange method ike4j offers strongSwan is
 * negotiated at least once in each direction: ENCR AES-CBC 128/192/256, AES-GCM 8/12/16 (128 and 256),
 * ChaCha20-Poly1305; PRF and integrity SHA-1, SHA-256, SHA-384, SHA-512; groups MODP 2048/3072/4096, ECP 256/384/521,
 * Curve25519, Curve448. Nine cases, each the only proposal on both sides, so each transform is really used; the
 * CHILD_SA uses the same encryption (and integrity) for ESP. The names in both views are strongSwan's.
 */
class Ike4jAlgorithmInteropTest extends SharedDirectLab {

    /** One proposal and what both sides must report for it. */
    record Suite(String ike, String esp, String encr, Integer keysize, String integ, String prf, String group) {
        @Override
        public String toString() {
            return ike;
        }
    }

    static final Suite[] SUITES = {
        new Suite("aes128-sha1-modp2048", "aes128-sha1", "AES_CBC", 128, "HMAC_SHA1_96", "PRF_HMAC_SHA1", "MODP_2048"),
        new Suite("aes192-sha256-modp3072", "aes192-sha256", "AES_CBC", 192, "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_3072"),
        new Suite("aes256-sha384-modp4096", "aes256-sha384", "AES_CBC", 256, "HMAC_SHA2_384_192", "PRF_HMAC_SHA2_384", "MODP_4096"),
        new Suite("aes256-sha512-ecp256", "aes256-sha512", "AES_CBC", 256, "HMAC_SHA2_512_256", "PRF_HMAC_SHA2_512", "ECP_256"),
        new Suite("aes128gcm8-prfsha256-ecp384", "aes128gcm8", "AES_GCM_8", 128, null, "PRF_HMAC_SHA2_256", "ECP_384"),
        new Suite("aes128gcm12-prfsha384-ecp521", "aes128gcm12", "AES_GCM_12", 128, null, "PRF_HMAC_SHA2_384", "ECP_521"),
        new Suite("aes128gcm16-prfsha512-x25519", "aes128gcm16", "AES_GCM_16", 128, null, "PRF_HMAC_SHA2_512", "CURVE_25519"),
        new Suite("aes256gcm16-prfsha1-x448", "aes256gcm16", "AES_GCM_16", 256, null, "PRF_HMAC_SHA1", "CURVE_448"),
        // strongSwan reports no key size for ChaCha20-Poly1305 (fixed 256-bit key, no Key Length attribute)
        new Suite("chacha20poly1305-prfsha256-x25519", "chacha20poly1305", "CHACHA20_POLY1305", null, null, "PRF_HMAC_SHA2_256", "CURVE_25519"),
    };

    static Stream<Arguments> suites() {
        return Stream.of(Direction.values()).flatMap(d -> Stream.of(SUITES).map(s -> Arguments.of(d, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suites")
    void suiteIsNegotiatedAndBothViewsAgree(Direction d, Suite s) {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> c.proposals(s.ike()).espProposals(s.esp())));

        Agreed sa = pair.establish(d, ike, CHILD);

        for (SaView v : new SaView[] {sa.initiator(), sa.responder()}) {
            assertThat(v.encrAlg()).isEqualTo(s.encr());
            assertThat(v.encrKeysize()).isEqualTo(s.keysize());
            assertThat(v.integAlg()).isEqualTo(s.integ());
            assertThat(v.prfAlg()).isEqualTo(s.prf());
            assertThat(v.dhGroup()).isEqualTo(s.group());
            ChildSaView c = v.installedChild(CHILD).orElseThrow();
            assertThat(c.encrAlg()).isEqualTo(s.encr());
            assertThat(c.encrKeysize()).isEqualTo(s.keysize());
            assertThat(c.integAlg()).isEqualTo(s.integ());
        }
        pair.terminate(d, ike);
    }
}
