package io.ike4j.core.auth.eap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EAP peer against authenticator in process: MD5, MSCHAPv2, Identity handling, Nak, retransmissions. */
class EapSessionTest {
    static final Map<String, String> USERS = Map.of("alice", "Pa55word!", "DOMAIN\\bob", "bobpw");
    static final EapPasswordLookup LOOKUP = id -> Optional.ofNullable(USERS.get(id));

    static EapServerSession server(int... types) {
        EapServerSession.Builder b = EapServerSession.builder().firstIdentifier(250);
        for (int t : types) {
            if (t == 4) b.method(4, () -> new EapMd5Server(new TestRandom(1), LOOKUP, "gw"));
            if (t == 26) b.method(26, () -> new EapMsChapV2Server(new TestRandom(2), LOOKUP, "gw"));
        }
        return b.build();
    }

    static EapClientSession client(String user, String password, int... types) {
        EapClientSession.Builder b = EapClientSession.builder(user.getBytes(StandardCharsets.UTF_8));
        for (int t : types) {
            if (t == 4) b.method(4, () -> new EapMd5Client(user, password));
            if (t == 26) b.method(26, () -> new EapMsChapV2Client(new TestRandom(3), user, password));
        }
        return b.build();
    }

    @Test
    void md5SucceedsWithoutMskAndIdentifiersIncrementAcrossWrap() {
        EapServerSession server = server(4);
        EapConversation c = EapConversation.run(server, client("alice", "Pa55word!", 4));
        assertThat(c.server()).isInstanceOf(EapStep.Success.class);
        assertThat(((EapStep.Success) c.server()).msk()).isEmpty();
        assertThat(c.client()).isInstanceOf(EapStep.Success.class);
        assertThat(((EapStep.Success) c.client()).msk()).isEmpty();
        assertThat(c.wire()).extracting(EapMessage::identifier).containsExactly(250, 250, 251, 251, 251);
        assertThat(new String(server.peerIdentity().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("alice");
    }

    @Test
    void md5WrongPasswordFails() {
        EapConversation c = EapConversation.run(server(4), client("alice", "nope", 4));
        assertThat(c.server()).isInstanceOf(EapStep.Failure.class);
        assertThat(c.client()).isEqualTo(new EapStep.Failure("EAP-Failure received"));
        assertThat(c.wire().getLast().code()).isEqualTo(EapCode.FAILURE);
    }

    @Test
    void mschapv2SucceedsWithEqual64ByteMsks() {
        EapConversation c = EapConversation.run(server(26), client("alice", "Pa55word!", 26));
        assertThat(c.server()).isInstanceOf(EapStep.Success.class);
        assertThat(c.client()).isInstanceOf(EapStep.Success.class);
        assertThat(c.serverMsk()).hasSize(64).isEqualTo(c.clientMsk());
        // Identity, Challenge/Response, Success request/ack, EAP-Success
        assertThat(c.wire()).extracting(EapMessage::code).containsExactly(EapCode.REQUEST, EapCode.RESPONSE,
                EapCode.REQUEST, EapCode.RESPONSE, EapCode.REQUEST, EapCode.RESPONSE, EapCode.SUCCESS);
        assertThat(c.wire()).extracting(EapMessage::identifier).containsExactly(250, 250, 251, 251, 252, 252, 252);
    }

    @Test
    void mschapv2DomainUserNameIsHashedWithoutDomain() {
        EapConversation c = EapConversation.run(server(26), client("DOMAIN\\bob", "bobpw", 26));
        assertThat(c.serverMsk()).isEqualTo(c.clientMsk());
    }

    @Test
    void mschapv2WrongPasswordFailsAfterFailureAck() {
        EapConversation c = EapConversation.run(server(26), client("alice", "wrong", 26));
        assertThat(c.server()).isEqualTo(new EapStep.Failure("MSCHAPv2 authentication failed: wrong password for 'alice'"));
        assertThat(c.client()).isInstanceOf(EapStep.Failure.class);
    }

    @Test
    void mschapv2PeerRejectsForgedAuthenticatorResponse() {
        EapServerSession server = server(26);
        EapClientSession client = client("alice", "Pa55word!", 26);
        EapStep s = client.process(((EapStep.Send) server.start()).message());
        s = client.process(((EapStep.Send) server.process(((EapStep.Send) s).message())).message());
        EapMessage challenge = ((EapStep.Send) server.process(((EapStep.Send) s).message())).message();
        byte[] forged = challenge.typeData();
        forged[6] = (byte) (forged[6] == '0' ? '1' : '0'); // first hex digit after "S="
        EapStep out = client.process(EapMessage.request(challenge.identifier(), 26, forged));
        assertThat(out).isEqualTo(new EapStep.Failure("MSCHAPv2 authenticator response did not verify"));
    }

    @Test
    void peerNaksUnsupportedMethodAndServerSwitches() {
        EapConversation c = EapConversation.run(server(4, 26), client("alice", "Pa55word!", 26));
        assertThat(c.wire().get(3)).isEqualTo(EapMessage.nak(c.wire().get(2).identifier(), java.util.List.of(26)));
        assertThat(c.serverMsk()).isEqualTo(c.clientMsk());
    }

    @Test
    void nakWithNothingAcceptableFails() {
        EapConversation c = EapConversation.run(server(4), client("alice", "Pa55word!", 26));
        assertThat(c.server()).isInstanceOf(EapStep.Failure.class);
    }

    @Test
    void eapOnlyWithoutIdentityRoundUsesPresetIdentity() {
        EapServerSession server = EapServerSession.builder().requestIdentity(false)
                .identity("alice".getBytes(StandardCharsets.UTF_8))
                .method(26, () -> new EapMsChapV2Server(new TestRandom(2), LOOKUP, "gw")).build();
        EapConversation c = EapConversation.run(server, client("alice", "Pa55word!", 26));
        assertThat(c.wire().getFirst().type()).isEqualTo(26);
        assertThat(c.serverMsk()).isEqualTo(c.clientMsk());
    }

    @Test
    void peerAnswersRetransmittedRequestWithPreviousResponse() {
        EapServerSession server = server(26);
        EapClientSession client = client("alice", "Pa55word!", 26);
        EapMessage idReq = ((EapStep.Send) server.start()).message();
        EapMessage idResp = ((EapStep.Send) client.process(idReq)).message();
        EapMessage challenge = ((EapStep.Send) server.process(idResp)).message();
        EapMessage first = ((EapStep.Send) client.process(challenge)).message();
        EapMessage again = ((EapStep.Send) client.process(challenge)).message();
        assertThat(again).isEqualTo(first); // same peer challenge: not recomputed
        // the authenticator ignores a duplicate of an already-answered response and one with a stale identifier
        EapMessage next = ((EapStep.Send) server.process(first)).message();
        assertThat(server.process(first)).isInstanceOf(EapStep.Ignore.class);
        assertThat(server.process(idResp)).isInstanceOf(EapStep.Ignore.class);
        assertThat(server.process(EapMessage.request(next.identifier(), 26, new byte[] {1}))).isInstanceOf(EapStep.Ignore.class);
    }

    @Test
    void peerHandlesNotificationAndRejectsPrematureSuccess() {
        EapClientSession client = client("alice", "pw", 26);
        assertThat(client.process(EapMessage.request(1, 2, "hello".getBytes())))
                .isEqualTo(new EapStep.Send(EapMessage.response(1, 2, new byte[0])));
        assertThat(client.process(EapMessage.success(1))).isInstanceOf(EapStep.Failure.class);
        assertThat(client.process(EapMessage.success(1))).isInstanceOf(EapStep.Ignore.class);
    }

    @Test
    void peerNaksExpandedTypeRequests() {
        EapClientSession client = client("alice", "pw", 26, 4);
        EapStep s = client.process(EapMessage.request(5, 254, new byte[] {0, 0, 0, 0, 0, 0, 1}));
        assertThat(s).isEqualTo(new EapStep.Send(EapMessage.nak(5, java.util.List.of(26, 4))));
    }

    @Test
    void malformedMethodDataNeverThrows() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[rnd.nextInt(70)];
            rnd.nextBytes(data);
            EapClientSession client = client("alice", "pw", 4, 26);
            EapStep a = client.process(EapMessage.request(1, i % 2 == 0 ? 4 : 26, data));
            assertThat(a).isNotNull();
            EapServerSession server = server(i % 2 == 0 ? 4 : 26);
            EapMessage req = ((EapStep.Send) server.start()).message();
            server.process(EapMessage.response(req.identifier(), 1, "alice".getBytes()));
            EapStep b = server.process(EapMessage.response(EapMessage.next(req.identifier()), i % 2 == 0 ? 4 : 26, data));
            assertThat(b).isNotNull();
        }
    }
}
