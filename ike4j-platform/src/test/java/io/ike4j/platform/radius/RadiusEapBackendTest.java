package io.ike4j.platform.radius;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.crypto.RandomSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's eap-radius seam: one proxy per conversation over a lazily opened client, station ids from the SA. */
class RadiusEapBackendTest {
    private static final byte[] SECRET = "sharedsecret".getBytes(StandardCharsets.US_ASCII);

    @Test
    void eachConversationIsAPassThroughProxyWithStationIds() throws Exception {
        byte[] challenge = EapMessage.request(7, 4, new byte[17]).encode();
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> List.of(FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE,
                req.identifier(), req.authenticator(), SECRET, RadiusPacket.eapAttributes(challenge), true)));
             RadiusEapBackend backend = new RadiusEapBackend(RadiusClientTest.config(srv), RandomSource.secure())) {
            EapServerMethod m = backend.open("rw", InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"));
            assertThat(m.type()).isEqualTo(EapServerMethod.PASS_THROUGH);
            EapMessage identity = EapMessage.response(1, 1, "carol".getBytes(StandardCharsets.UTF_8));
            EapStep step = m.start(new EapStart(2, Optional.of("carol".getBytes(StandardCharsets.UTF_8)), Optional.of(identity)));
            assertThat(step).isInstanceOf(EapStep.Send.class);
            assertThat(((EapStep.Send) step).message().encode()).isEqualTo(challenge);
            RadiusPacket sent = srv.requests.getFirst();
            assertThat(sent.first(RadiusAttributeType.CALLED_STATION_ID).map(a -> new String(a.value(), StandardCharsets.US_ASCII)))
                    .contains("192.0.2.1");
            assertThat(sent.first(RadiusAttributeType.CALLING_STATION_ID).map(a -> new String(a.value(), StandardCharsets.US_ASCII)))
                    .contains("192.0.2.2");
            assertThat(sent.eapMessage()).hasValueSatisfying(b -> assertThat(b).isEqualTo(identity.encode()));
        }
    }

    /** IKEv1 xauth-radius: User-Name and the User-Password hidden per RFC 2865 5.2; Accept or Reject decides. */
    @Test
    void papCheckHidesThePasswordAndFollowsTheServersVerdict() throws Exception {
        try (FakeRadiusServer srv = new FakeRadiusServer((req, n) -> {
            byte[] hidden = req.first(RadiusAttributeType.USER_PASSWORD).orElseThrow().value();
            byte[] plain = RadiusCrypto.revealPassword(hidden, SECRET, req.authenticator());
            boolean ok = new String(plain, StandardCharsets.UTF_8).replace("\0", "").equals("carol's password");
            return List.of(FakeRadiusServer.reply(ok ? RadiusCode.ACCESS_ACCEPT : RadiusCode.ACCESS_REJECT, req.identifier(),
                    req.authenticator(), SECRET, List.of(), true));
        });
             RadiusEapBackend backend = new RadiusEapBackend(RadiusClientTest.config(srv), RandomSource.secure())) {
            InetAddress gw = InetAddress.getByName("192.0.2.1"), peer = InetAddress.getByName("192.0.2.2");
            assertThat(backend.check("rw", gw, peer, "carol", "carol's password".getBytes(StandardCharsets.UTF_8))).isEmpty();
            assertThat(backend.check("rw", gw, peer, "carol", "guess".getBytes(StandardCharsets.UTF_8))).contains("RADIUS ACCESS_REJECT");
            RadiusPacket sent = srv.requests.getFirst();
            assertThat(sent.first(RadiusAttributeType.USER_NAME).map(a -> new String(a.value(), StandardCharsets.UTF_8))).contains("carol");
            byte[] hidden = sent.first(RadiusAttributeType.USER_PASSWORD).orElseThrow().value();
            assertThat(hidden).hasSize(16);
            assertThat(new String(hidden, StandardCharsets.ISO_8859_1)).doesNotContain("carol");
        }
    }

    @Test
    void anUnansweringServerFailsTheConversationInsteadOfThrowing() throws Exception {
        // TEST-NET-1: nobody answers
        RadiusConfig cfg = RadiusConfig.of(new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 1812), "s");
        try (RadiusEapBackend backend = new RadiusEapBackend(cfg.withTimeout(java.time.Duration.ofMillis(50), 0), RandomSource.secure())) {
            EapServerMethod m = backend.open("rw", InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"));
            EapStep step = m.start(new EapStart(1, Optional.empty(), Optional.empty()));
            assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class, f -> assertThat(f.reason()).contains("did not answer"));
        }
    }
}
