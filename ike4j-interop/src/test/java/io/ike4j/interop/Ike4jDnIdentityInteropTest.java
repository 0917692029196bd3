package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Subject DNs as identities (ID_DER_ASN1_DN, RFC 7296 3.5) with strongSwan 5.9.8, certificate authentication both
 * directions: {@code local.id} and {@code remote.id} as the certificates' subject DNs; {@code remote.id} as the
 * wildcard DN {@code "C=CH, O=ike4j lab, CN=*"}; a DN that does not match refused with AUTHENTICATION_FAILED by the
 * verifying side (ike4j or strongSwan), and a wildcard DN ike4j's responder does not match refused by ike4j.
 */
class Ike4jDnIdentityInteropTest extends SharedDirectLab {
    private static final String TYPE = "ecdsa256";
    private static final String WILDCARD = "C=CH, O=ike4j lab, CN=*";
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki");
        pki = new LabPki(pkiDir);
        pki.chain(TYPE);
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void install() {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        pki.install(ike4j, "x509", TYPE + "-left.pem");
        pki.install(ike4j, "private", TYPE + "-left.key");
        pki.install(swan, "x509", TYPE + "-right.pem");
        pki.install(swan, "private", TYPE + "-right.key");
        for (Path d : new Path[] {ike4j, swan}) {
            pki.install(d, "x509ca", TYPE + "-ca.pem");
            pki.install(d, "x509ca", TYPE + "-inter.pem");
        }
    }

    /** The subject DN of {@code side}'s certificate, as strongSwan prints it. */
    private static String dn(Side side) {
        return "C=CH, O=ike4j lab, CN=" + side.name().toLowerCase(Locale.ROOT) + ".ike4j.test";
    }

    /** Both sides use their DN as {@code local.id}; {@code remoteIdOf} gives each side's {@code remote.id}. */
    private Function<Side, SwanctlConf> dnConf(String ike, Function<Side, String> remoteIdOf) {
        return conf(ike, (side, c) -> c
                .localAuth("auth = pubkey\ncerts = " + TYPE + "-" + side.name().toLowerCase(Locale.ROOT) + ".pem\nid = \"" + dn(side) + "\"")
                .remoteAuth("auth = pubkey\nid = \"" + remoteIdOf.apply(side) + "\""));
    }

    @ParameterizedTest(name = "exact DNs, {0}")
    @EnumSource(Direction.class)
    void exactDns(Direction d) {
        install();
        String ike = freshConnection();
        pair.reload(dnConf(ike, side -> dn(side.other())));
        assertEstablishedWithDns(d, ike);
    }

    @ParameterizedTest(name = "wildcard DN, {0}")
    @EnumSource(Direction.class)
    void wildcardDn(Direction d) {
        install();
        String ike = freshConnection();
        pair.reload(dnConf(ike, side -> WILDCARD));
        assertEstablishedWithDns(d, ike);
    }

    private void assertEstablishedWithDns(Direction d, String ike) {
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        PeerPair.Agreed sa = pair.establish(d, ike, CHILD);
        Side init = pair.side(pair.initiator(d));
        assertThat(sa.initiator().localId()).isEqualTo(dn(init));
        assertThat(sa.initiator().remoteId()).isEqualTo(dn(init.other()));
        assertThat(sa.responder().localId()).isEqualTo(dn(init.other()));
        assertThat(sa.responder().remoteId()).isEqualTo(dn(init));
        assertThat(swanLog.text()).containsPattern("authentication of '" + dn(pair.ike4jSide()) + "' with ECDSA\\S* successful");
        assertThat(ike4jLog.text()).contains("authentication of " + dn(pair.side(pair.strongSwan())) + " with public key successful");
        pair.terminate(d, ike);
    }

    /** The responder expects another CN: the responder (ike4j, then strongSwan) refuses the initiator. */
    @ParameterizedTest(name = "mismatch refused by the responder, {0}")
    @EnumSource(Direction.class)
    void mismatchedDnIsRefusedByTheResponder(Direction d) {
        install();
        String ike = freshConnection();
        Side responder = pair.side(pair.responder(d));
        pair.reload(dnConf(ike, side -> side == responder ? "C=CH, O=ike4j lab, CN=mallory.ike4j.test" : dn(side.other())));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        assertThat(r.stdout() + r.stderr()).contains("AUTHENTICATION_FAILED");
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
        if (d == Direction.STRONGSWAN_INITIATES) {
            assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED").contains(dn(pair.side(pair.strongSwan())));
            assertThat(swanLog.text()).contains("received AUTHENTICATION_FAILED");
        } else {
            assertThat(swanLog.text()).contains("no matching peer config found").contains("N(AUTH_FAILED)");
        }
    }

    /** ike4j initiates expecting a wildcard DN of another organisation: it refuses strongSwan's IDr itself. */
    @Test
    void wildcardMismatchIsRefusedByIke4jAsInitiator() {
        install();
        String ike = freshConnection();
        Side ike4j = pair.ike4jSide();
        pair.reload(dnConf(ike, side -> side == ike4j ? "C=CH, O=other lab, CN=*" : dn(side.other())));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.ike4j().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED").contains(dn(pair.side(pair.strongSwan())));
    }
}
