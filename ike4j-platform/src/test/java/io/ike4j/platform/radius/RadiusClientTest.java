package io.ike4j.platform.radius;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RadiusClientTest {
    static final byte[] SECRET = "sharedsecret".getBytes(StandardCharsets.US_ASCII);

    static RadiusConfig config(FakeRadiusServer s) throws Exception {
        return new RadiusConfig(s.address(), SECRET, Duration.ofMillis(500), 1, "nas1", Optional.empty(), 8);
    }

    @Test
    void malformedAndForgedRepliesAreDroppedAndTheValidOneIsDelivered() throws Exception {
        byte[] eapReq = EapMessage.request(5, 4, HexFormat.of().parseHex("10" + "00".repeat(16))).encode();
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> {
            byte[] auth = req.authenticator();
            List<RadiusAttribute> eap = RadiusPacket.eapAttributes(eapReq);
            byte[] good = FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, req.identifier(), auth, SECRET, eap, true);
            byte[] wrongId = FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, (req.identifier() + 1) & 0xff, auth, SECRET, eap, true);
            byte[] forged = good.clone();
            forged[forged.length - 1] ^= 1;
            byte[] noMa = FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, req.identifier(), auth, SECRET, eap, false);
            return List.of(new byte[] {1, 2, 3}, wrongId, forged, noMa, good);
        })) {
            List<RadiusDrop> drops = new CopyOnWriteArrayList<>();
            try (RadiusClient c = new RadiusClient(config(srv), RandomSource.secure(), drops::add)) {
                RadiusOutcome out = c.send(List.of(RadiusAttribute.text(RadiusAttributeType.USER_NAME, "alice")));
                assertThat(out).isInstanceOf(RadiusOutcome.Reply.class);
                assertThat(((RadiusOutcome.Reply) out).packet().eapMessage()).hasValueSatisfying(b -> assertThat(b).isEqualTo(eapReq));
                assertThat(drops).extracting(RadiusDrop::kind).containsExactly(RadiusDrop.Kind.TOO_SHORT,
                        RadiusDrop.Kind.UNKNOWN_IDENTIFIER, RadiusDrop.Kind.BAD_RESPONSE_AUTHENTICATOR,
                        RadiusDrop.Kind.MISSING_MESSAGE_AUTHENTICATOR);
                RadiusPacket sent = srv.requests.getFirst();
                assertThat(sent.first(RadiusAttributeType.MESSAGE_AUTHENTICATOR)).isPresent();
            }
        }
    }

    @Test
    void retransmitsTheSamePacketThenTimesOut() throws Exception {
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> List.of());
                RadiusClient c = new RadiusClient(config(srv).withTimeout(Duration.ofMillis(100), 2), RandomSource.secure())) {
            assertThat(c.send(List.of())).isEqualTo(new RadiusOutcome.TimedOut(3));
            assertThat(srv.requests).hasSize(3);
            assertThat(srv.requests.get(1)).isEqualTo(srv.requests.get(0));
            assertThat(srv.requests.get(2)).isEqualTo(srv.requests.get(0));
        }
    }

    @Test
    void concurrentRequestsUseDistinctIdentifiersWithinTheBound() throws Exception {
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> List.of(FakeRadiusServer.reply(RadiusCode.ACCESS_REJECT,
                req.identifier(), req.authenticator(), SECRET, List.of(), true)));
                RadiusClient c = new RadiusClient(config(srv).withMaxOutstanding(3), RandomSource.secure())) {
            List<CompletableFuture<RadiusOutcome>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) fs.add(c.sendAsync(List.of(RadiusAttribute.text(1, "u" + i))));
            for (var f : fs) assertThat(f.get()).isInstanceOfSatisfying(RadiusOutcome.Reply.class,
                    r -> assertThat(r.packet().code()).isEqualTo(RadiusCode.ACCESS_REJECT));
            assertThat(srv.requests).hasSize(40);
        }
    }

    @Test
    void proxyRelaysChallengeWithStateAndMapsAcceptToMsk() throws Exception {
        byte[] state = {9, 9, 9};
        byte[] md5Req = EapMessage.request(8, 4, HexFormat.of().parseHex("10" + "11".repeat(16))).encode();
        byte[] recv = new byte[32], send = new byte[32];
        java.util.Arrays.fill(recv, (byte) 1);
        java.util.Arrays.fill(send, (byte) 2);
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> {
            byte[] a = req.authenticator();
            if (n == 1) {
                List<RadiusAttribute> attrs = new ArrayList<>(RadiusPacket.eapAttributes(md5Req));
                attrs.add(new RadiusAttribute(RadiusAttributeType.STATE, state));
                return List.of(FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, req.identifier(), a, SECRET, attrs, true));
            }
            return List.of(FakeRadiusServer.reply(RadiusCode.ACCESS_ACCEPT, req.identifier(), a, SECRET, List.of(
                    new RadiusAttribute(RadiusAttributeType.EAP_MESSAGE, EapMessage.success(9).encode()),
                    new RadiusAttribute(26, new VendorAttribute(311, 16, RadiusCrypto.encryptMppeKey(send, SECRET, a, new byte[] {1, 1})).encode()),
                    new RadiusAttribute(26, new VendorAttribute(311, 17, RadiusCrypto.encryptMppeKey(recv, SECRET, a, new byte[] {1, 2})).encode())), true));
        }); RadiusClient c = new RadiusClient(config(srv), RandomSource.secure())) {
            RadiusEapProxy proxy = new RadiusEapProxy(c, Optional.of("gw"), Optional.of("peer"));
            assertThat(proxy.type()).isEqualTo(EapServerMethod.PASS_THROUGH);
            EapMessage idResp = EapMessage.response(7, 1, "alice".getBytes(StandardCharsets.UTF_8));
            EapStep s = proxy.start(new EapStart(8, Optional.of("alice".getBytes(StandardCharsets.UTF_8)), Optional.of(idResp)));
            assertThat(s).isEqualTo(new EapStep.Send(EapMessage.request(8, 4, HexFormat.of().parseHex("10" + "11".repeat(16)))));
            assertThat(srv.requests.get(0).eapMessage()).hasValueSatisfying(b -> assertThat(b).isEqualTo(idResp.encode()));
            assertThat(srv.requests.get(0).first(RadiusAttributeType.STATE)).isEmpty();
            assertThat(srv.requests.get(0).first(RadiusAttributeType.NAS_IDENTIFIER).map(a -> new String(a.value()))).contains("nas1");
            assertThat(srv.requests.get(0).first(RadiusAttributeType.USER_NAME).map(a -> new String(a.value()))).contains("alice");
            EapStep done = proxy.process(EapMessage.response(8, 4, new byte[17]));
            assertThat(srv.requests.get(1).first(RadiusAttributeType.STATE).map(RadiusAttribute::value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(state));
            assertThat(srv.requests.get(1).first(RadiusAttributeType.CALLED_STATION_ID).map(a -> new String(a.value()))).contains("gw");
            byte[] expected = new byte[64];
            System.arraycopy(recv, 0, expected, 0, 32);
            System.arraycopy(send, 0, expected, 32, 32);
            assertThat(done).isInstanceOfSatisfying(EapStep.Success.class, ok -> assertThat(ok.msk().orElseThrow()).isEqualTo(expected));
        }
    }
}
