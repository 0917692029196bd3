package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * strongSwan semantics: an integrity keyword in an IKE proposal also adds the PRF of the same hash (listed first).
 * Every supported ENCR × INTEG/PRF × KE group at least once, with each peer in each role. */
class AlgorithmMatrixTest {

    private static TwoPeers run(String ike, String esp, boolean bInitiates) throws Exception {
        Configs c = new Configs();
        c.ike = ike;
        c.esp = esp;
        TwoPeers t = c.peers();
        if (bInitiates) {
            // swap roles: b gets a's initiator configuration by reversing the address roles is not needed;
            // b's connection accepts %any, so give a the same "responder-capable" config and let b initiate to a.
            Configs r = new Configs();
            r.ike = ike;
            r.esp = esp;
            r.addrA = c.addrB;
            r.addrB = c.addrA;
            r.idA = c.idB;
            r.idB = c.idA;
            t = new TwoPeers(r.b(), java.net.InetAddress.getByName(r.addrB), r.a(), java.net.InetAddress.getByName(r.addrA));
            t.input(t.b, new EngineInput.Initiate("gw", "net"));
        } else {
            t.input(t.a, new EngineInput.Initiate("gw", "net"));
        }
        t.run(Duration.ofSeconds(1));
        return t;
    }

    @ParameterizedTest(name = "{0} / {1} (b initiates: {2})")
    @CsvSource({
        "aes128-sha1-modp2048,               aes128-sha1,        false, AES_CBC,            128, HMAC_SHA1_96,      PRF_HMAC_SHA1,     MODP_2048",
        "aes192-sha256-modp3072,             aes192-sha256,      true,  AES_CBC,            192, HMAC_SHA2_256_128, PRF_HMAC_SHA2_256, MODP_3072",
        "aes256-sha384-modp4096,             aes256-sha384,      false, AES_CBC,            256, HMAC_SHA2_384_192, PRF_HMAC_SHA2_384, MODP_4096",
        "aes128-sha512-ecp256,               aes256-sha512,      true,  AES_CBC,            128, HMAC_SHA2_512_256, PRF_HMAC_SHA2_512, ECP_256",
        "aes256-sha1-prfsha256-ecp384,       aes128gcm8,         false, AES_CBC,            256, HMAC_SHA1_96,      PRF_HMAC_SHA1,     ECP_384",
        "aes192gcm12-prfsha384-ecp521,       aes192gcm12,        true,  AES_GCM_12,         192, '',                PRF_HMAC_SHA2_384, ECP_521",
        "aes128gcm8-prfsha512-x25519,        aes256gcm16,        false, AES_GCM_8,          128, '',                PRF_HMAC_SHA2_512, CURVE_25519",
        "aes256gcm16-prfsha1-x448,           chacha20poly1305,   true,  AES_GCM_16,         256, '',                PRF_HMAC_SHA1,     CURVE_448",
        "chacha20poly1305-prfsha256-x25519,  aes128-sha256,      false, CHACHA20_POLY1305,  0,   '',                PRF_HMAC_SHA2_256, CURVE_25519",
        "chacha20poly1305-prfsha384-ecp256,  aes192-sha384,      true,  CHACHA20_POLY1305,  0,   '',                PRF_HMAC_SHA2_384, ECP_256",
        "aes128gcm16-prfsha256-modp2048,     aes256-sha1,        false, AES_GCM_16,         128, '',                PRF_HMAC_SHA2_256, MODP_2048",
        "aes192-sha384-prfsha512-x448,       aes128gcm12,        true,  AES_CBC,            192, HMAC_SHA2_384_192, PRF_HMAC_SHA2_384, CURVE_448",
    })
    void establishesWith(String ike, String esp, boolean bInitiates, String encr, int bits, String integ, String prf, String ke)
            throws Exception {
        TwoPeers t = run(ike, esp, bInitiates);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).as("a established").hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).as("b established").hasSize(1);
        for (TwoPeers.Peer p : java.util.List.of(t.a, t.b)) {
            IkeSaInfo i = p.engine.listSas().getFirst();
            assertThat(i.encryption()).isEqualTo(encr);
            if (bits != 0) assertThat(i.encryptionKeyBits()).isEqualTo(bits);
            assertThat(i.integrity()).isEqualTo(integ == null ? "" : integ);
            assertThat(i.prf()).isEqualTo(prf);
            assertThat(i.keyExchange()).isEqualTo(ke);
            assertThat(i.initiator()).isEqualTo(p == t.b ? bInitiates : !bInitiates);
        }
        ChildSaSpec a = EstablishTest.installed(t.a), b = EstablishTest.installed(t.b);
        EstablishTest.assertKeysMatch(a, b);
        int expectedKeyLength = switch (a.outbound().encryption()) {
            case AES_CBC -> a.outbound().encryptionKeyBits() / 8;
            case CHACHA20_POLY1305 -> 36;
            default -> a.outbound().encryptionKeyBits() / 8 + 4;
        };
        assertThat(a.outbound().encryptionKey()).hasSize(expectedKeyLength);
        assertThat(a.outbound().integrityKey()).hasSize(a.outbound().integrity().keyLength());
    }
}
