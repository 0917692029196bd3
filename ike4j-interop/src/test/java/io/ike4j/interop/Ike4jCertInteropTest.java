package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificate authentication (RFC 7296 2.15, RFC 7427) between ike4j (LEFT) and strongSwan 5.9.8 (RIGHT), both
 * directions, with CA → intermediate → leaf chains made by {@code bin/ike4j pki}: RSA (PKCS#1 v1.5 and PSS), ECDSA
 * P-256/P-384, Ed25519. ike4j holds root and intermediate, strongSwan only the root: ike4j's intermediate reaches
 * strongSwan in a CERT payload. A revoked and an expired certificate are refused with AUTHENTICATION_FAILED by either.
 */
class Ike4jCertInteropTest extends SharedDirectLab {
    private static final List<String> TYPES = List.of("rsa", "ecdsa256", "ecdsa384", "ed25519");
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki");
        pki = new LabPki(pkiDir);
        for (String t : TYPES) pki.chain(t);
        pki.leaf("ecdsa256", "left", "expired-left", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"));
        pki.leaf("ecdsa256", "right", "expired-right", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"));
        pki.crl("ecdsa256", "revokes-left", "ecdsa256-left");
        pki.crl("ecdsa256", "revokes-right", "ecdsa256-right");
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

    /** Each case's credentials, fresh (a restarted lab has new directories); CRLs only where a case asks. */
    private void install(String... crlsForIke4jAndSwan) {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        for (Path d : List.of(ike4j, swan)) {
            try (var s = Files.list(Files.createDirectories(d.resolve("x509crl")))) {
                s.forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String t : TYPES) {
            pki.install(ike4j, "x509", t + "-left.pem");
            pki.install(ike4j, "private", t + "-left.key");
            pki.install(ike4j, "x509ca", t + "-ca.pem");
            pki.install(ike4j, "x509ca", t + "-inter.pem");
            pki.install(swan, "x509", t + "-right.pem");
            pki.install(swan, "private", t + "-right.key");
            pki.install(swan, "x509ca", t + "-ca.pem");
        }
        for (String side : List.of("left", "right")) {
            Path d = side.equals("left") ? ike4j : swan;
            pki.install(d, "x509", "expired-" + side + ".pem");
            pki.install(d, "private", "expired-" + side + ".key");
        }
        if (crlsForIke4jAndSwan.length > 0 && crlsForIke4jAndSwan[0] != null) pki.install(ike4j, "x509crl", crlsForIke4jAndSwan[0] + ".crl");
        if (crlsForIke4jAndSwan.length > 1 && crlsForIke4jAndSwan[1] != null) pki.install(swan, "x509crl", crlsForIke4jAndSwan[1] + ".crl");
    }

    private Function<Side, SwanctlConf> certConf(String ike, String auth, Function<Side, String> certOf) {
        return conf(ike, (side, c) -> c
                .localAuth("auth = " + auth + "\ncerts = " + certOf.apply(side) + ".pem\nid = " + name(side) + ".ike4j.test")
                .remoteAuth("auth = " + auth + "\nid = " + name(side.other()) + ".ike4j.test"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({
            "rsa, pubkey, IKE4J_INITIATES, RSA_EMSA_PKCS1, RSA_PKCS1_SHA", "rsa, pubkey, STRONGSWAN_INITIATES, RSA_EMSA_PKCS1, RSA_PKCS1_SHA",
            "rsa, ike:rsa/pss-sha256, IKE4J_INITIATES, RSA_EMSA_PSS, RSA_PSS_SHA256",
            "rsa, ike:rsa/pss-sha256, STRONGSWAN_INITIATES, RSA_EMSA_PSS, RSA_PSS_SHA256",
            "ecdsa256, pubkey, IKE4J_INITIATES, ECDSA, ECDSA_SHA256", "ecdsa256, pubkey, STRONGSWAN_INITIATES, ECDSA, ECDSA_SHA256",
            "ecdsa384, pubkey, IKE4J_INITIATES, ECDSA, ECDSA_SHA384", "ecdsa384, pubkey, STRONGSWAN_INITIATES, ECDSA, ECDSA_SHA384",
            "ed25519, pubkey, IKE4J_INITIATES, ED25519, ED25519", "ed25519, pubkey, STRONGSWAN_INITIATES, ED25519, ED25519"})
    void certificateChains(String type, String auth, Direction d, String swanScheme, String ike4jScheme) {
        install();
        String ike = freshConnection();
        pair.reload(certConf(ike, auth, side -> type + "-" + name(side)));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(d, ike, CHILD);

        assertThat(sa.initiator().localId()).contains(d == Direction.IKE4J_INITIATES ? "left.ike4j.test" : "right.ike4j.test");
        assertThat(swanLog.text()).as("strongSwan verified ike4j's signature")
                .containsPattern("authentication of 'left.ike4j.test' with " + swanScheme + "\\S* successful");
        assertThat(ike4jLog.text()).contains("authentication of left.ike4j.test (myself) with " + ike4jScheme)
                .contains("authentication of right.ike4j.test with public key successful");
        // CERTREQ both ways: ike4j asked for strongSwan's CA, and (send_cert = ifasked) sent its own chain when asked
        assertThat(swanLog.text()).contains("received cert request for \"C=CH, O=ike4j lab, CN=" + type + " Root CA\"")
                .contains("received end entity cert \"C=CH, O=ike4j lab, CN=left.ike4j.test\"");
        pair.terminate(d, ike);
    }

    /** A revoked certificate (CRL in x509crl/) is refused by the verifying side, whichever initiates. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void revokedCertificateIsRefused(Direction d) {
        // the initiator's certificate is revoked in the responder's CRL
        boolean ike4jInitiates = d == Direction.IKE4J_INITIATES;
        install(ike4jInitiates ? null : "revokes-right", ike4jInitiates ? "revokes-left" : null);
        String ike = freshConnection();
        pair.reload(certConf(ike, "pubkey", side -> "ecdsa256-" + name(side)));
        assertRefused(d, "certificate was revoked", "revoked");
    }

    /** An expired certificate is refused by the verifying side, whichever initiates. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void expiredCertificateIsRefused(Direction d) {
        install();
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(certConf(ike, "pubkey", side -> side == initiator ? "expired-" + name(side) : "ecdsa256-" + name(side)));
        assertRefused(d, "subject certificate invalid \\(valid from", "expired");
    }

    /** {@code swanWhy}: a pattern of strongSwan's refusal line; {@code ike4jWhy}: text of ike4j's AUTHENTICATION_FAILED line. */
    private void assertRefused(Direction d, String swanWhy, String ike4jWhy) {
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        assertThat(r.stdout() + r.stderr()).contains("AUTHENTICATION_FAILED");
        if (d == Direction.IKE4J_INITIATES) {
            assertThat(swanLog.text()).as("strongSwan refused ike4j's certificate").containsPattern(swanWhy)
                    .contains("N(AUTH_FAILED)");
        } else {
            assertThat(ike4jLog.text()).as("ike4j refused strongSwan's certificate").contains("AUTHENTICATION_FAILED").contains(ike4jWhy);
            assertThat(swanLog.text()).contains("AUTHENTICATION_FAILED");
        }
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
    }
}
