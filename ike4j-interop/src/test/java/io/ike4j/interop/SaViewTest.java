package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code swanctl --list-sas --pretty} into {@link SaView}s and comparing two sides. Runs anywhere. */
class SaViewTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = SaViewTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesIkeAndChildSaFromPrettyOutput() throws IOException {
        List<SaView> sas = SaView.fromSwanctlPretty(resource("list-sas-right.txt"));

        assertThat(sas).hasSize(1);
        SaView sa = sas.getFirst();
        assertThat(sa.name()).isEqualTo("c");
        assertThat(sa.version()).isEqualTo(2);
        assertThat(sa.established()).isTrue();
        assertThat(sa.localHost()).isEqualTo("192.0.2.2");
        assertThat(sa.localPort()).isEqualTo(4500);
        assertThat(sa.localId()).as("values with spaces survive").isEqualTo("C=CH, O=ike4j, CN=right");
        assertThat(sa.initiator()).isFalse();
        assertThat(sa.responderSpi()).as("SPIs are lower-cased").isEqualTo("89b1869f9cd19abe");
        assertThat(sa.natRemote()).isTrue();
        assertThat(sa.natLocal()).isFalse();
        assertThat(sa.encrAlg()).isEqualTo("AES_CBC");
        assertThat(sa.encrKeysize()).isEqualTo(256);
        assertThat(sa.integAlg()).isEqualTo("HMAC_SHA2_256_128");
        assertThat(sa.dhGroup()).isEqualTo("CURVE_25519");

        ChildSaView child = sa.installedChild("net").orElseThrow();
        assertThat(child.spiIn()).isEqualTo("d6896d8b");
        assertThat(child.spiOut()).isEqualTo("285cdf28");
        assertThat(child.encap()).isTrue();
        assertThat(child.integAlg()).isNull();
        assertThat(child.localTs()).containsExactly("10.2.0.0/16", "10.3.0.0/16");
        assertThat(child.remoteTs()).containsExactly("10.1.0.0/16");
        assertThat(child.bytesIn()).isEqualTo(168);
        assertThat(child.packetsOut()).isEqualTo(2);
    }

    @Test
    void noSasGivesEmptyList() {
        assertThat(SaView.fromSwanctlPretty("list-sas reply {\n}\n")).isEmpty();
        assertThat(SaView.fromSwanctlPretty("")).isEmpty();
    }

    @Test
    void mirroredViewsAgreeAndTamperedOnesDoNot() throws IOException {
        SaView right = SaView.fromSwanctlPretty(resource("list-sas-right.txt")).getFirst();
        ChildSaView rc = right.children().getFirst();
        ChildSaView lc = new ChildSaView("net", "INSTALLED", "TUNNEL", "ESP", true, rc.spiOut(), rc.spiIn(),
                "AES_GCM_16", 128, null, null, rc.remoteTs(), rc.localTs(), 0, 0, 0, 0);
        SaView left = new SaView("c", 2, "ESTABLISHED", "192.0.2.1", 4500, "192.0.2.2", 4500, right.remoteId(),
                right.localId(), true, right.initiatorSpi(), right.responderSpi(), true, false, true, "AES_CBC", 256,
                "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "CURVE_25519", List.of(lc));

        assertThat(SaAgreement.disagreements(left, right)).isEmpty();

        ChildSaView uncrossed = new ChildSaView("net", "INSTALLED", "TUNNEL", "ESP", true, rc.spiIn(), rc.spiOut(),
                "AES_GCM_16", 128, null, null, rc.remoteTs(), rc.localTs(), 0, 0, 0, 0);
        SaView bad = new SaView("c", 2, "ESTABLISHED", "192.0.2.1", 4500, "192.0.2.2", 4500, right.remoteId(),
                right.localId(), false, right.initiatorSpi(), "0000000000000001", true, false, true, "AES_GCM_16", 256,
                "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "CURVE_25519", List.of(uncrossed));
        assertThat(SaAgreement.disagreements(bad, right))
                .anySatisfy(d -> assertThat(d).startsWith("both sides claim initiator"))
                .anySatisfy(d -> assertThat(d).startsWith("responder-spi"))
                .anySatisfy(d -> assertThat(d).startsWith("encr-alg"))
                .anySatisfy(d -> assertThat(d).contains("no child on the other side"));
    }

    @Test
    void keyIdsCompareInStrongSwansDisplayForm() {
        assertThat(SaAgreement.canonicalId("@#0a0b0c")).isEqualTo("0a:0b:0c");
        assertThat(SaAgreement.canonicalId("@#414243")).isEqualTo("ABC");
        assertThat(SaAgreement.canonicalId("0a:0b:0c")).isEqualTo("0a:0b:0c");
        assertThat(SaAgreement.canonicalId("left@ike4j.test")).isEqualTo("left@ike4j.test");
        assertThat(SaAgreement.canonicalId("@#0")).isEqualTo("@#0");
        assertThat(SaAgreement.canonicalId(null)).isNull();
    }
}
