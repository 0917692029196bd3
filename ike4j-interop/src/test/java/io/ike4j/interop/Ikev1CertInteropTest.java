package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 Main Mode with signatures (RFC 2409 5.1; ECDSA per RFC 4754) between ike4j (LEFT) and strongSwan 5.9.8
 * (RIGHT), both directions, {@code version = 1}, {@code auth = pubkey} with CA → intermediate → leaf chains from
 * strongSwan's {@code pki}: RSA 3072 and ECDSA P-256/P-384. ike4j holds the intermediate, strongSwan only the root, so
 * ike4j's intermediate must reach strongSwan in a CERT payload; strongSwan's certificates come after our CERTREQ.
 */
class Ikev1CertInteropTest extends SharedDirectLab {
    private static final List<String> TYPES = List.of("rsa", "ecdsa256", "ecdsa384");
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki-v1");
        pki = new LabPki(pkiDir);
        for (String t : TYPES) pki.chain(t);
        pki.chain("ecdsa256-other");
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String name(Side side) {
        return side.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The credentials of {@code type} only: strongSwan picks its IKEv1 authentication method from the first private
     * key it finds for its identity, so the other types' keys (same identity) must not be there.
     */
    private void install(String type) {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        for (String t : TYPES) {
            pki.install(ike4j, "x509ca", t + "-ca.pem");
            pki.install(swan, "x509ca", t + "-ca.pem");
            pki.install(ike4j, "x509ca", t + "-inter.pem");
            for (String side : List.of("left", "right")) {
                Path d = side.equals("left") ? ike4j : swan;
                if (t.equals(type)) {
                    pki.install(d, "x509", t + "-" + side + ".pem");
                    pki.install(d, "private", t + "-" + side + ".key");
                } else {
                    LabPki.uninstall(d, "x509", t + "-" + side + ".pem");
                    LabPki.uninstall(d, "private", t + "-" + side + ".key");
                }
            }
        }
        for (String side : List.of("left", "right")) {
            Path d = side.equals("left") ? ike4j : swan;
            LabPki.uninstall(d, "x509", "ecdsa256-other-" + side + ".pem");
            LabPki.uninstall(d, "private", "ecdsa256-other-" + side + ".key");
            LabPki.uninstall(d, "x509ca", "ecdsa256-other-inter.pem");
        }
    }

    private java.util.function.Function<Side, SwanctlConf> certConf(String ike, java.util.function.Function<Side, String> certOf) {
        return conf(ike, (side, c) -> c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256")
                .localAuth("auth = pubkey\ncerts = " + certOf.apply(side) + ".pem\nid = " + name(side) + ".ike4j.test")
                .remoteAuth("auth = pubkey\nid = " + name(side.other()) + ".ike4j.test"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"rsa, IKE4J_INITIATES, RSA_SIGNATURES, RSA_EMSA_PKCS1_NULL", "rsa, STRONGSWAN_INITIATES, RSA_SIGNATURES, RSA_EMSA_PKCS1_NULL",
            "ecdsa256, IKE4J_INITIATES, ECDSA_SHA256_P256, ECDSA_WITH_NULL", "ecdsa256, STRONGSWAN_INITIATES, ECDSA_SHA256_P256, ECDSA_WITH_NULL",
            "ecdsa384, IKE4J_INITIATES, ECDSA_SHA384_P384, ECDSA_WITH_NULL", "ecdsa384, STRONGSWAN_INITIATES, ECDSA_SHA384_P384, ECDSA_WITH_NULL"})
    void mainModeWithCertificates(String type, Direction d, String ike4jMethod, String swanScheme) {
        install(type);
        String ike = freshConnection();
        pair.reload(certConf(ike, side -> type + "-" + name(side)));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        PeerPair.Agreed sa = pair.establish(d, ike, CHILD);
        assertThat(sa.initiator().installedChild(CHILD)).isPresent();
        assertThat(sa.responder().installedChild(CHILD)).isPresent();
        assertThat(swanLog.text()).as("strongSwan verified ike4j's signature")
                .containsPattern("authentication of 'left.ike4j.test' with " + swanScheme + " successful");
        assertThat(ike4jLog.text()).contains("authentication of right.ike4j.test with " + ike4jMethod + " successful");
        pair.terminate(d, ike);
    }

    /**
     * RSA certificates followed by XAuth (XAUTH_INIT_RSA; strongSwan: {@code pubkey} round, then {@code xauth}): the
     * initiator is the XAuth client ({@code local-2}), the responder the gateway ({@code remote-2}), both directions.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void rsaCertificatesWithXauth(Direction d) {
        install("rsa");
        String ike = freshConnection();
        Side client = pair.side(pair.initiator(d));
        String secrets = "secrets {\n  xauth-carol {\n    id = carol\n    secret = \"carol's xauth\"\n  }\n}\n";
        pair.reload(side -> {
            SwanctlConf c = certConf(ike, s -> "rsa-" + name(s)).apply(side).extra(secrets);
            String local = "auth = pubkey\ncerts = rsa-" + name(side) + ".pem\nid = " + name(side) + ".ike4j.test";
            String remote = "auth = pubkey\nid = " + name(side.other()) + ".ike4j.test";
            return side == client ? c.localAuth(local + "\n}\nlocal-2 {\nauth = xauth\nxauth_id = carol")
                    : c.remoteAuth(remote + "\n}\nremote-2 {\nauth = xauth");
        });
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        PeerPair.Agreed sa = pair.establish(d, ike, CHILD);
        assertThat(sa.initiator().installedChild(CHILD)).isPresent();
        assertThat(ike4jLog.text()).contains("authentication of right.ike4j.test with XAUTH_INIT_RSA successful")
                .contains(d == Direction.IKE4J_INITIATES ? "XAuth authentication of 'carol' (myself) successful"
                        : "XAuth authentication of 'carol' successful");
        assertThat(swanLog.text()).contains("XAuth authentication of 'carol'");
        pair.terminate(d, ike);
    }

    /** A certificate from a CA the responder does not trust fails the exchange on both sides, no SA left. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void untrustedCertificateFails(Direction d) {
        install("ecdsa256");
        Side initiator = pair.side(pair.initiator(d));
        Path dir = initiator == pair.side(pair.ike4j()) ? pair.ike4j().dir() : pair.strongSwan().dir();
        String leaf = "ecdsa256-other-" + name(initiator);
        LabPki.uninstall(dir, "x509", "ecdsa256-" + name(initiator) + ".pem");
        LabPki.uninstall(dir, "private", "ecdsa256-" + name(initiator) + ".key");
        pki.install(dir, "x509", leaf + ".pem");
        pki.install(dir, "private", leaf + ".key");
        pki.install(dir, "x509ca", "ecdsa256-other-inter.pem");
        String ike = freshConnection();
        pair.reload(certConf(ike, side -> side == initiator ? leaf : "ecdsa256-" + name(side)));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.initiator(d).awaitNoSas(java.time.Duration.ofSeconds(40));
        pair.responder(d).awaitNoSas(java.time.Duration.ofSeconds(40));
        if (d == Direction.STRONGSWAN_INITIATES) {
            assertThat(ike4jLog.text()).contains("authentication of right.ike4j.test with ECDSA_SHA256_P256 failed")
                    .contains("untrusted chain");
        } else {
            assertThat(swanLog.text()).containsPattern("no trusted ECDSA public key found for 'left.ike4j.test'|no issuer certificate found|AUTH_FAILED");
        }
    }
}
