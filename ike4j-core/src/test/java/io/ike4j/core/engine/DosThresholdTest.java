package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.EngineSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The responder's denial-of-service thresholds (RFC 7296 2.6; strongSwan's charon.cookie_threshold and
 * charon.block_threshold): one captured IKE_SA_INIT replayed from many source endpoints, as a flood would.
 */
class DosThresholdTest {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    /** A responder b with these settings, and the IKE_SA_INIT request a sent it (the network drops everything). */
    private static TwoPeers responder(EngineSettings settings, byte[][] request) throws Exception {
        Configs c = new Configs();
        c.settingsB = settings;
        TwoPeers t = c.peers();
        t.network = p -> {
            if (p.from() == t.a && request[0] == null) request[0] = p.data();
            return List.of();
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        assertThat(request[0]).isNotNull();
        return t;
    }

    /** Feeds the request to b from {@code ip:port}; returns b's answers. */
    private static List<IkeMessage> send(TwoPeers t, byte[] request, String ip, int port) throws Exception {
        int before = t.b.all.size();
        t.input(t.b, new EngineInput.DatagramReceived(t.b.address, new Endpoint(InetAddress.getByName(ip), port), request));
        return t.b.all.subList(before, t.b.all.size()).stream()
                .filter(EngineOutput.SendDatagram.class::isInstance).map(EngineOutput.SendDatagram.class::cast)
                .map(d -> ((DecodeResult.Decoded) CODEC.decode(d.data())).message()).toList();
    }

    private static boolean demandsCookie(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.COOKIE.value());
    }

    @Test
    void blockThresholdDropsFurtherRequestsFromOneAddressUntilHalfOpenSasTimeOut() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).blockThreshold(3)
                .halfOpenTimeout(Duration.ofSeconds(10)).build(), req);
        for (int i = 0; i < 3; i++) {
            List<IkeMessage> out = send(t, req[0], "198.51.100.7", 1000 + i);
            assertThat(out).singleElement().satisfies(m -> {
                assertThat(m.header().responderSpi()).isNotZero(); // a real answer: state was kept
                assertThat(demandsCookie(m)).isFalse();
            });
        }
        // the fourth and fifth from the same address (other ports): silently dropped, logged
        assertThat(send(t, req[0], "198.51.100.7", 2000)).isEmpty();
        assertThat(send(t, req[0], "198.51.100.7", 2001)).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("ignoring IKE_SA_INIT from") && l.contains("block threshold 3"));
        // a retransmission of an SA it already holds still gets its cached answer (no new state)
        assertThat(send(t, req[0], "198.51.100.7", 1000)).hasSize(1);
        // another address is not affected
        assertThat(send(t, req[0], "198.51.100.8", 1000)).singleElement()
                .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
        // the half-open SAs time out, after which the blocked address is served again
        t.run(Duration.ofSeconds(31));
        assertThat(t.b.log).anyMatch(l -> l.contains("half-open timeout"));
        assertThat(send(t, req[0], "198.51.100.7", 3000)).singleElement()
                .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
    }

    @Test
    void cookieThresholdCountsHalfOpenSasFromAllAddresses() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(2).blockThreshold(0).build(), req);
        assertThat(send(t, req[0], "198.51.100.1", 500)).singleElement().satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        assertThat(send(t, req[0], "198.51.100.2", 500)).singleElement().satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        // at the threshold: a COOKIE demand with responder SPI 0, nothing kept
        for (int i = 3; i < 10; i++) {
            assertThat(send(t, req[0], "198.51.100." + i, 500)).singleElement().satisfies(m -> {
                assertThat(demandsCookie(m)).isTrue();
                assertThat(m.header().responderSpi()).isZero();
            });
        }
    }

    @Test
    void blockThresholdZeroIsOff() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).blockThreshold(0).build(), req);
        for (int i = 0; i < 20; i++) {
            assertThat(send(t, req[0], "198.51.100.7", 1000 + i)).hasSize(1);
        }
    }
}
