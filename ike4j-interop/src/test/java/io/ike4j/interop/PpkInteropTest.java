package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Postquantum preshared keys (RFC 8784) with strongSwan 6.1 ({@link StrongSwan61}), both directions on a direct
 * link: a PPK both sides require, the NO_PPK_AUTH fallback when the responder lacks the initiator's PPK and neither
 * requires it, and different PPKs under one PPK_ID failing with AUTHENTICATION_FAILED. A ping crosses each tunnel.
 */
class PpkInteropTest extends SharedDirectLab {
    private static final String PPK_ID = "pqpsk@ike4j.example";
    private static final String PPK = "0x7a3b1f0e9c5d4a2b8e6f1c3d5a7b9e0f2c4d6e8fa1b3c5d7e9f0a2b4c6d8e0f1";

    @Override
    Path strongSwanRoot() {
        return StrongSwan61.assumeAvailable();
    }

    private static String ppkSecret(String id, String secret) {
        return """
                secrets {
                  ppk-%s {
                    id = %s
                    secret = %s
                  }
                }
                """.formatted(id.replaceAll("[^A-Za-z0-9]", ""), id, secret);
    }

    private static String ppkSettings(String id, boolean required) {
        return "ppk_id = " + id + "\nppk_required = " + (required ? "yes" : "no");
    }

    /** Both sides hold the PPK and require it: the IKE SA's keys include it and the tunnel carries traffic. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void requiredPpkOnBothSides(Direction d) {
        String ike = freshConnection();
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.reload(conf(ike, (side, c) -> c.proposals("aes256gcm16-prfsha256-x25519").espProposals("aes256gcm16")
                .connectionSettings(ppkSettings(PPK_ID, true)).extra(ppkSecret(PPK_ID, PPK))));

        pair.establish(d, ike, CHILD);

        String swan = swanLog.text();
        assertThat(swan).as("strongSwan used the PPK").containsPattern("(?i)using PPK")
                .doesNotContainPattern("(?i)falling back|NO_PPK_AUTH.*(used|using)");
        assertThat(ike4jLog.text()).contains(d == Direction.IKE4J_INITIATES ? "using PPK " + PPK_ID + " (required)"
                : "using PPK for the peer's PPK_ID");
        TrafficProbe.ping(lab(), 3);
        pair.terminate(d, ike);
    }

    /**
     * The initiator offers its PPK without requiring it; the responder lacks it, and both continue without a PPK
     * (RFC 8784 3). ike4j as responder holds another PPK, so it answers USE_PPK and authenticates the initiator with
     * NO_PPK_AUTH; strongSwan as responder has no PPK configured (with a ppk_id of its own it would refuse any other
     * PPK_ID), so ike4j must not insist on one.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void responderWithoutThePpkFallsBack(Direction d) {
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.reload(conf(ike, (side, c) -> {
            c.proposals("aes256gcm16-prfsha256-x25519").espProposals("aes256gcm16");
            if (side == initiator) return c.connectionSettings(ppkSettings(PPK_ID, false)).extra(ppkSecret(PPK_ID, PPK));
            return d == Direction.STRONGSWAN_INITIATES ? c.extra(ppkSecret("other@ike4j.example", PPK)) : c;
        }));

        pair.establish(d, ike, CHILD);

        String swan = swanLog.text();
        assertThat(swan).doesNotContainPattern("(?i)using PPK");
        if (d == Direction.STRONGSWAN_INITIATES) {
            assertThat(swan).containsPattern("generating IKE_AUTH request 1 \\[[^\\]]*N\\(NO_PPK\\)")
                    .containsPattern("generating IKE_AUTH request 1 \\[[^\\]]*N\\(PPK_ID\\)");
            assertThat(ike4jLog.text()).contains("authenticating with NO_PPK_AUTH");
        } else {
            assertThat(ike4jLog.text()).doesNotContain("using PPK");
        }
        TrafficProbe.ping(lab(), 3);
        pair.terminate(d, ike);
    }

    /** Different PPKs under the same PPK_ID: the responder cannot verify the AUTH; AUTHENTICATION_FAILED, no SA. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void differentPpksFailWithAuthenticationFailed(Direction d) {
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(ike, (side, c) -> c.proposals("aes256gcm16-prfsha256-x25519").espProposals("aes256gcm16")
                .connectionSettings(ppkSettings(PPK_ID, true))
                .extra(ppkSecret(PPK_ID, side == initiator ? PPK : "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"))));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        ExecResult r = pair.initiator(d).tryInitiate(CHILD);

        assertThat(r.ok()).as(r.describe()).isFalse();
        Ike4jMismatchInteropTest.assertNotify(r.stdout() + r.stderr(), "AUTHENTICATION_FAILED", 24, "initiator's tool");
        Ike4jMismatchInteropTest.assertNotify(ike4jLog.text(), "AUTHENTICATION_FAILED", 24, "ike4j's log");
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
    }
}
