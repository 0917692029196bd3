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
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(0).blockThreshold(3)
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

    /** The request with a COOKIE notify first (RFC 7296 2.6), as an initiator answering a demand sends it. */
    private static byte[] withCookie(byte[] request, IkeMessage demand) {
        IkeMessage req = ((DecodeResult.Decoded) CODEC.decode(request)).message();
        NotifyPayload cookie = demand.all(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.COOKIE.value()).findFirst().orElseThrow();
        List<io.ike4j.core.codec.payload.Payload> ps = new java.util.ArrayList<>();
        ps.add(cookie);
        ps.addAll(req.payloads());
        return CODEC.encode(new IkeMessage(req.header(), ps));
    }

    /** The demand with its cookie's last byte flipped: a cookie the responder never made. */
    private static IkeMessage forged(IkeMessage demand) {
        NotifyPayload n = demand.all(NotifyPayload.class).getFirst();
        byte[] c = n.data().clone();
        c[c.length - 1] ^= 1;
        return new IkeMessage(demand.header(), List.of(NotifyPayload.of(NotifyType.COOKIE, c)));
    }

    private static int halfOpen(TwoPeers t) {
        return t.b.engine.halfOpenCount();
    }

    @Test
    void defaultsAreStrongSwansThresholdsPlusAHardCap() {
        EngineSettings d = EngineSettings.DEFAULTS;
        assertThat(d.cookieThreshold()).isEqualTo(30);
        assertThat(d.cookieThresholdIp()).isEqualTo(3);
        assertThat(d.blockThreshold()).isEqualTo(5);
        assertThat(d.halfOpenLimit()).isEqualTo(10_000);
        assertThat(d.halfOpenTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void perAddressCookieThresholdDemandsACookieFromABusyAddressOnly() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(2).blockThreshold(0).build(), req);
        for (int i = 0; i < 2; i++) {
            assertThat(send(t, req[0], "198.51.100.7", 1000 + i)).singleElement()
                    .satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        }
        // the third from that address must prove it is reachable there; nothing is kept for the demand
        IkeMessage demand = send(t, req[0], "198.51.100.7", 1002).getFirst();
        assertThat(demandsCookie(demand)).isTrue();
        assertThat(demand.header().responderSpi()).isZero();
        assertThat(halfOpen(t)).isEqualTo(2);
        // another address is answered without a cookie
        assertThat(send(t, req[0], "198.51.100.8", 1000)).singleElement().satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        // returning the cookie from the same endpoint gets a real answer and state
        assertThat(send(t, withCookie(req[0], demand), "198.51.100.7", 1002)).singleElement().satisfies(m -> {
            assertThat(demandsCookie(m)).isFalse();
            assertThat(m.header().responderSpi()).isNotZero();
        });
        assertThat(halfOpen(t)).isEqualTo(4);
        // a forged cookie is refused with a fresh demand, nothing kept
        assertThat(send(t, withCookie(req[0], forged(demand)), "198.51.100.7", 1003)).singleElement()
                .satisfies(m -> assertThat(demandsCookie(m)).isTrue());
        assertThat(halfOpen(t)).isEqualTo(4);
    }

    @Test
    void perAddressCookieThresholdZeroIsOff() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(0).blockThreshold(0).build(), req);
        for (int i = 0; i < 10; i++) {
            assertThat(send(t, req[0], "198.51.100.7", 1000 + i)).singleElement()
                    .satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        }
    }

    @Test
    void blockThresholdAppliesEvenToAnAddressThatAnswersCookies() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(1).blockThreshold(2).build(), req);
        assertThat(send(t, req[0], "198.51.100.7", 1000)).singleElement().satisfies(m -> assertThat(demandsCookie(m)).isFalse());
        IkeMessage demand = send(t, req[0], "198.51.100.7", 1001).getFirst();
        assertThat(demandsCookie(demand)).isTrue();
        assertThat(send(t, withCookie(req[0], demand), "198.51.100.7", 1001)).singleElement()
                .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
        // two half-open now: a valid cookie no longer helps, the request is dropped silently
        IkeMessage again = send(t, req[0], "198.51.100.7", 1002).getFirst();
        assertThat(send(t, withCookie(req[0], again), "198.51.100.7", 1002)).isEmpty();
        assertThat(halfOpen(t)).isEqualTo(2);
    }

    @Test
    void halfOpenLimitDropsNewRequestsFromEveryAddressUntilSasTimeOut() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(0).blockThreshold(0)
                .halfOpenLimit(4).halfOpenTimeout(Duration.ofSeconds(20)).build(), req);
        for (int i = 1; i <= 4; i++) {
            assertThat(send(t, req[0], "198.51.100." + i, 500)).singleElement()
                    .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
        }
        for (int i = 5; i <= 40; i++) assertThat(send(t, req[0], "198.51.100." + i, 500)).isEmpty();
        assertThat(halfOpen(t)).isEqualTo(4);
        assertThat(TwoPeers.tableSizes(t.b)[0]).isEqualTo(4);
        assertThat(t.b.log).anyMatch(l -> l.contains("ignoring IKE_SA_INIT from") && l.contains("half-open limit 4"));
        // a retransmission of a held SA still gets its cached answer
        assertThat(send(t, req[0], "198.51.100.1", 500)).hasSize(1);
        t.run(Duration.ofSeconds(21));
        assertThat(halfOpen(t)).isZero();
        assertThat(TwoPeers.tableSizes(t.b)[0]).isZero();
        assertThat(send(t, req[0], "198.51.100.40", 500)).singleElement()
                .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
    }

    @Test
    void halfOpenSasTimeOutAndTheStateCountReturnsToZero() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(1000).cookieThresholdIp(0).blockThreshold(0)
                .halfOpenTimeout(Duration.ofSeconds(12)).build(), req);
        for (int i = 0; i < 60; i++) assertThat(send(t, req[0], "203.0.113." + (i % 30), 2000 + i)).hasSize(1);
        assertThat(halfOpen(t)).isEqualTo(60);
        t.run(Duration.ofSeconds(11)); // not yet
        assertThat(halfOpen(t)).isEqualTo(60);
        t.run(Duration.ofSeconds(60));
        assertThat(halfOpen(t)).isZero();
        assertThat(TwoPeers.tableSizes(t.b)).containsExactly(0, 0);
        assertThat(t.b.timers.keySet()).noneMatch(id -> id.kind() == TimerId.TimerKind.HALF_OPEN_TIMEOUT);
        assertThat(t.b.engine.listSas()).isEmpty();
    }

    @Test
    void withCookiesOnASpoofedFloodKeepsNoStateWhileACookieAnsweringPeerGetsIn() throws Exception {
        byte[][] req = new byte[1][];
        TwoPeers t = responder(EngineSettings.builder().cookieThreshold(0).build(), req); // 0: cookies always
        for (int i = 0; i < 200; i++) {
            assertThat(send(t, req[0], "10.9." + (i / 250) + "." + (i % 250 + 1), 500)).singleElement()
                    .satisfies(m -> assertThat(demandsCookie(m)).isTrue());
        }
        assertThat(halfOpen(t)).isZero();
        assertThat(TwoPeers.tableSizes(t.b)[0]).isZero();
        IkeMessage demand = send(t, req[0], "192.0.2.50", 500).getFirst();
        assertThat(send(t, withCookie(req[0], demand), "192.0.2.50", 500)).singleElement()
                .satisfies(m -> assertThat(m.header().responderSpi()).isNotZero());
        assertThat(halfOpen(t)).isEqualTo(1);
    }
}
