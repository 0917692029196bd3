package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Configurations that cannot agree fail with the right error on both sides, in both directions: the initiator's
 * tool exits non-zero naming the error, the responder logs why it refused, and the initiator logs the notify it
 * received. ike4j's log names notify errors by their RFC 7296 3.10.1 name or number ({@code notify 14}).
 */
class Ike4jMismatchInteropTest extends SharedDirectLab {

    /** No proposal in common: the responder answers IKE_SA_INIT with NO_PROPOSAL_CHOSEN (RFC 7296 2.7), no SA remains. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void noCommonProposalFailsWithNoProposalChosen(Direction d) {
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(ike, (side, c) -> side == initiator
                ? c.proposals("aes128-sha256-modp2048")
                : c.proposals("aes256gcm16-prfsha384-ecp384")));

        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);

        assertThat(r.ok()).as(r.describe()).isFalse();
        assertNotify(r.stdout() + r.stderr(), "NO_PROPOSAL_CHOSEN", 14, "initiator's tool");
        if (d == Direction.IKE4J_INITIATES) {
            assertNotify(ike4jLog.text(), "NO_PROPOSAL_CHOSEN", 14, "ike4j's log");
            assertThat(swanLog.text()).contains("received proposals unacceptable")
                    .contains("N(NO_PROP)");
        } else {
            assertThat(swanLog.text()).contains("received NO_PROPOSAL_CHOSEN notify error")
                    .as("ike4j answered IKE_SA_INIT with NO_PROPOSAL_CHOSEN").contains("IKE_SA_INIT response 0 [ N(NO_PROP) ]");
            // ike4j's own log line about it: see ike4jResponderLogsNoProposalChosen
        }
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
    }

    /** As a responder, ike4j says in its log why it refused an IKE_SA_INIT (strongSwan: "received proposals unacceptable"). */
    @org.junit.jupiter.api.Test
    void ike4jResponderLogsNoProposalChosen() {
        String ike = freshConnection();
        Side initiator = pair.side(pair.strongSwan());
        pair.reload(conf(ike, (side, c) -> side == initiator
                ? c.proposals("aes128-sha256-modp2048")
                : c.proposals("aes256gcm16-prfsha384-ecp384")));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        assertThat(pair.strongSwan().tryInitiate(CHILD).ok()).isFalse();

        assertNotify(ike4jLog.text(), "NO_PROPOSAL_CHOSEN", 14, "ike4j's log");
    }

    /**
     * The responder holds a different PSK: it cannot verify the initiator's AUTH and answers AUTHENTICATION_FAILED
     * (RFC 7296 2.15, 2.21.2); neither side keeps an IKE SA.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void wrongPskFailsWithAuthenticationFailed(Direction d) {
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(ike, (side, c) -> side == initiator ? c : c.psk("not-the-initiators-psk")));

        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);

        assertThat(r.ok()).as(r.describe()).isFalse();
        assertNotify(r.stdout() + r.stderr(), "AUTHENTICATION_FAILED", 24, "initiator's tool");
        if (d == Direction.IKE4J_INITIATES) {
            assertThat(swanLog.text()).contains("but MAC mismatched").contains("N(AUTH_FAILED)");
            assertNotify(ike4jLog.text(), "AUTHENTICATION_FAILED", 24, "ike4j's log");
        } else {
            assertThat(swanLog.text()).contains("received AUTHENTICATION_FAILED notify error");
            assertNotify(ike4jLog.text(), "AUTHENTICATION_FAILED", 24, "ike4j's log");
        }
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
    }

    /**
     * The responder's traffic selectors do not overlap the initiator's: the CHILD_SA fails with TS_UNACCEPTABLE
     * (RFC 7296 2.9) while the IKE SA is established and kept on both sides.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void disjointSelectorsFailTheChildWithTsUnacceptable(Direction d) {
        String ike = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(ike, (side, c) -> side == initiator ? c : c.localTs("10.9.0.0/16").remoteTs("10.8.0.0/16")));

        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);

        assertThat(r.ok()).as(r.describe()).isFalse();
        assertNotify(r.stdout() + r.stderr(), "TS_UNACCEPTABLE", 38, "initiator's tool");
        if (d == Direction.IKE4J_INITIATES) {
            assertThat(swanLog.text()).contains("unacceptable").contains("N(TS_UNACCEPT)");
            assertNotify(ike4jLog.text(), "TS_UNACCEPTABLE", 38, "ike4j's log");
        } else {
            assertThat(swanLog.text()).contains("received TS_UNACCEPTABLE notify");
            assertThat(ike4jLog.text()).containsPattern("(?i)TS_UNACCEPTABLE|notify 38|traffic selectors.*unacceptable");
        }
        SaView i = Ike4jStrongSwanInteropTest.awaitIkeWithoutChild(pair.initiator(d), ike);
        SaView resp = Ike4jStrongSwanInteropTest.awaitIkeWithoutChild(pair.responder(d), ike);
        assertThat(i.initiatorSpi()).isEqualTo(resp.initiatorSpi());
        assertThat(i.responderSpi()).isEqualTo(resp.responderSpi());
        pair.terminate(d, ike);
    }

    /** {@code text} names notify {@code name} (strongSwan's wording, ike4j's) or its number as {@code notify N}. */
    static void assertNotify(String text, String name, int number, String where) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "|notify " + number + "\\b");
        assertThat(p.matcher(text).find()).as(where + " names " + name + ":\n" + text).isTrue();
    }
}
