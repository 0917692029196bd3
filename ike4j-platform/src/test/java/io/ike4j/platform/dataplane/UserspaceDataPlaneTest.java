package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.esp.EspDrop;
import io.ike4j.platform.esp.EspEvent;
import io.ike4j.platform.net.EspSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two user-space data planes wired back to back: A's ESP-in-UDP goes straight into B's {@code EspSink} and vice
 * versa, the devices are queues and the routes are recorded. Checks the whole packet path (selection, encapsulation,
 * endpoints, decapsulation, the inbound selector check), counters, route reference counting and lifetime events.
 */
class UserspaceDataPlaneTest {
    static final TrafficSelectorSubstructure NET_A = ts(10, 1);
    static final TrafficSelectorSubstructure NET_B = ts(10, 2);

    /** A device whose "kernel side" is two queues. */
    static final class QueueDevice implements PacketDevice {
        final BlockingQueue<byte[]> fromKernel = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> toKernel = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public String name() {
            return "test0";
        }

        @Override
        public int read(byte[] dst, int off, int len, int timeoutMillis) throws IOException {
            try {
                byte[] p = fromKernel.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (p == null) return 0;
                System.arraycopy(p, 0, dst, off, p.length);
                return p.length;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void write(byte[] src, int off, int len) {
            toKernel.add(Arrays.copyOfRange(src, off, off + len));
        }

        @Override
        public void close() {
            closed = true;
        }

        byte[] next() throws InterruptedException {
            return toKernel.poll(5, TimeUnit.SECONDS);
        }
    }

    record Route(String op, String cidr, Optional<String> source) {}

    static final class Routes implements RouteInstaller {
        final List<Route> log = new CopyOnWriteArrayList<>();

        @Override
        public void add(String cidr, Optional<String> source) {
            log.add(new Route("add", cidr, source));
        }

        @Override
        public void delete(String cidr) {
            log.add(new Route("del", cidr, Optional.empty()));
        }

        @Override
        public void addAddress(String cidr) {
            log.add(new Route("addr-add", cidr, Optional.empty()));
        }

        @Override
        public void deleteAddress(String cidr) {
            log.add(new Route("addr-del", cidr, Optional.empty()));
        }
    }

    @Test
    void virtualIpsGoOnTheDeviceOncePerAddressAndComeOffWithTheLastHolder() throws Exception {
        start();
        InetAddress vip = InetAddress.getByName("10.3.0.1");
        InetAddress vip6 = InetAddress.getByName("fd00::1");
        a.addVirtualIp(vip, null);
        a.addVirtualIp(vip, null); // a second IKE SA holding the same address (reauthentication)
        a.addVirtualIp(vip6, null);
        assertThat(a.virtualIps()).containsEntry(vip, 2).containsEntry(vip6, 1);
        assertThat(a.removeVirtualIp(vip)).isTrue();
        assertThat(a.removeVirtualIp(vip)).isTrue();
        assertThat(a.removeVirtualIp(vip)).isFalse();
        assertThat(routesA.log).containsExactly(new Route("addr-add", "10.3.0.1/32", Optional.empty()),
                new Route("addr-add", "fd00:0:0:0:0:0:0:1/128", Optional.empty()),
                new Route("addr-del", "10.3.0.1/32", Optional.empty()));
    }

    /** Delivers to the peer plane's sink; remembers where packets went. */
    static final class Wire implements EspSender {
        volatile UserspaceDataPlane peer;
        final List<Endpoint[]> sent = new CopyOnWriteArrayList<>();

        @Override
        public boolean sendEsp(Endpoint local, Endpoint remote, byte[] packet, int off, int len) {
            sent.add(new Endpoint[] {local, remote});
            byte[] copy = new byte[len + 7]; // an offset, as in a transport's receive buffer
            System.arraycopy(packet, off, copy, 7, len);
            return peer.onEspPacket(remote, local, copy, 7, len);
        }

        @Override
        public int natTraversalPort() {
            return 4500;
        }
    }

    final QueueDevice devA = new QueueDevice();
    final QueueDevice devB = new QueueDevice();
    final Routes routesA = new Routes();
    final Routes routesB = new Routes();
    final Wire wireA = new Wire();
    final Wire wireB = new Wire();
    final List<EspEvent> eventsA = new CopyOnWriteArrayList<>();
    UserspaceDataPlane a;
    UserspaceDataPlane b;

    void start() throws UnknownHostException {
        List<InetAddress> hostA = List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("10.1.0.1"));
        List<InetAddress> hostB = List.of(InetAddress.getByName("192.0.2.2"), InetAddress.getByName("10.2.0.1"));
        a = UserspaceDataPlane.start(devA, routesA, () -> hostA, wireA, RandomSource.secure(), eventsA::add, 4500);
        b = UserspaceDataPlane.start(devB, routesB, () -> hostB, wireB, RandomSource.secure(), e -> { }, 4500);
        wireA.peer = b;
        wireB.peer = a;
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void packetsCrossInBothDirectionsWithCountersRoutesAndEndpoints() throws Exception {
        start();
        a.install(spec(true, 1, 0x1000a, 0x1000b, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 1, 0x1000b, 0x1000a, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(routesA.log).containsExactly(new Route("add", "10.2.0.0/16", Optional.of("10.1.0.1")));
        assertThat(routesB.log).containsExactly(new Route("add", "10.1.0.0/16", Optional.of("10.2.0.1")));

        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        devA.fromKernel.add(ping);
        assertThat(devB.next()).isEqualTo(ping);
        byte[] pong = ipv4(new byte[] {10, 2, 0, 1}, new byte[] {10, 1, 0, 1}, 1, 84);
        devB.fromKernel.add(pong);
        assertThat(devA.next()).isEqualTo(pong);
        byte[] big = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 6, 1400);
        devA.fromKernel.add(big);
        assertThat(devB.next()).isEqualTo(big);

        assertThat(a.counters(1, 1)).contains(new SaCounters(84, 1, 84 + 1400, 2));
        assertThat(b.counters(1, 1)).contains(new SaCounters(84 + 1400, 2, 84, 1));
        // no UDP encapsulation negotiated: ESP-in-UDP from our NAT-T port to the peer's port 4500 anyway
        Endpoint[] first = wireA.sent.getFirst();
        assertThat(first[0]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.1"), 4500));
        assertThat(first[1]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.2"), 4500));

        assertThat(a.remove(1, 1, 0x1000a, 0x1000b)).isTrue();
        assertThat(a.counters(1, 1)).isEmpty();
        assertThat(routesA.log).last().isEqualTo(new Route("del", "10.2.0.0/16", Optional.empty()));
        // routed into the device with no SA left: discarded, counted
        devA.fromKernel.add(ping);
        awaitTrue(() -> a.stats().noSa() == 1);
        // B's inbound SA is gone from A, but B still holds its own: a replayed packet would now be refused by B
        assertThat(b.remove(1, 1, 0x1000b, 0x1000a)).isTrue();
    }

    @Test
    void everyNegotiableSuiteCarriesTraffic() throws Exception {
        start();
        int n = 0;
        for (Object[] s : new Object[][] {{EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE},
                {EncryptionAlgorithm.AES_GCM_8, 256, IntegrityAlgorithm.NONE},
                {EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE},
                {EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA1_96},
                {EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_512_256}}) {
            n++;
            var enc = (EncryptionAlgorithm) s[0];
            int bits = (int) s[1];
            var integ = (IntegrityAlgorithm) s[2];
            int inA = 0x2000 + n, inB = 0x3000 + n;
            a.install(spec(true, n, inA, inB, ChildSaSpec.Lifetimes.NONE, true, enc, bits, integ));
            b.install(spec(false, n, inB, inA, ChildSaSpec.Lifetimes.NONE, true, enc, bits, integ));
            byte[] p = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 17, 200 + n);
            devA.fromKernel.add(p);
            assertThat(devB.next()).as(enc + "/" + integ).isEqualTo(p);
            assertThat(a.remove(1, n, inA, inB)).isTrue();
            assertThat(b.remove(1, n, inB, inA)).isTrue();
        }
        // UDP encapsulation negotiated: the IKE SA's (NAT-T) endpoints are used as they are
        assertThat(wireA.sent.getLast()[1]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.2"), 4501));
    }

    @Test
    void rekeyKeepsTheRouteUntilTheLastSaGoesAndTheNewestSaCarriesTraffic() throws Exception {
        start();
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        a.install(spec(true, 2, 0xa2, 0xb2, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 2, 0xb2, 0xa2, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(a.routes()).containsEntry("10.2.0.0/16", 2);
        assertThat(routesA.log).hasSize(1);
        devA.fromKernel.add(ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 17, 100));
        assertThat(devB.next()).isNotNull();
        assertThat(a.counters(1, 2).orElseThrow().outboundPackets()).isEqualTo(1);
        assertThat(a.counters(1, 1).orElseThrow().outboundPackets()).isZero();
        assertThat(a.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(routesA.log).hasSize(1);
        assertThat(a.remove(1, 2, 0xa2, 0xb2)).isTrue();
        assertThat(routesA.log).hasSize(2);
        assertThat(a.routes()).isEmpty();
    }

    @Test
    void innerPacketOutsideTheSelectorsIsDiscardedAfterDecryption() throws Exception {
        start();
        // B believes its local side is 10.1/16 too: it sends what A's SA never agreed to carry
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        ChildSaSpec rogue = new ChildSaSpec(1, 1, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL,
                ep("192.0.2.2", 500), ep("192.0.2.1", 500), false, false, 32, keys(0xb1, 1), keys(0xa1, 2),
                List.of(ts(10, 9)), List.of(NET_A), ChildSaSpec.Lifetimes.NONE);
        b.install(rogue);
        devB.fromKernel.add(ipv4(new byte[] {10, 9, 0, 1}, new byte[] {10, 1, 0, 1}, 17, 100));
        awaitTrue(() -> a.stats().policyDrops() == 1);
        assertThat(devA.toKernel).isEmpty();
        assertThat(a.counters(1, 1).orElseThrow().inboundPackets()).as("authenticated, then refused").isEqualTo(1);
    }

    @Test
    void byteLifetimesAreReportedSoftThenHard() throws Exception {
        start();
        var lifetimes = new ChildSaSpec.Lifetimes(0, 0, 250, 450, 0, 0);
        a.install(spec(true, 1, 0xa1, 0xb1, lifetimes, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        for (int i = 0; i < 4; i++) devA.fromKernel.add(ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 17, 200));
        for (int i = 0; i < 3; i++) assertThat(devB.next()).isNotNull();
        awaitTrue(() -> a.find(1, 1).orElseThrow().outbound().counters().drops(EspDrop.LIFETIME_EXPIRED) == 1);
        assertThat(eventsA).extracting(EspEvent::kind)
                .containsExactly(EspEvent.Kind.SOFT_LIFETIME, EspEvent.Kind.HARD_LIFETIME);
        assertThat(eventsA).allMatch(e -> e.direction() == EspEvent.Direction.OUTBOUND && e.spi() == 0xb1);
    }

    @Test
    void reassignedSaKeepsItsTrafficAndCountersUnderTheNewIkeSaId() throws Exception {
        start();
        var lifetimes = new ChildSaSpec.Lifetimes(0, 0, 500, 100_000, 0, 0);
        a.install(spec(true, 1, 0xa1, 0xb1, lifetimes, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        byte[] p = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 17, 200);
        devA.fromKernel.add(p);
        assertThat(devB.next()).isEqualTo(p);

        assertThat(a.reassign(1, 7, 1, 0xa1, 0xbad)).as("SPIs must match").isFalse();
        assertThat(a.reassign(1, 7, 1, 0xa1, 0xb1)).isTrue();
        assertThat(a.counters(1, 1)).isEmpty();
        assertThat(a.counters(7, 1)).contains(new SaCounters(0, 0, 200, 1));
        assertThat(a.reassign(1, 7, 1, 0xa1, 0xb1)).as("nothing left under the old id").isFalse();

        // the same SA pair carries on: sequence numbers, counters, routes; its lifetime events name the new id
        for (int i = 0; i < 2; i++) {
            devA.fromKernel.add(p);
            assertThat(devB.next()).isEqualTo(p);
        }
        devB.fromKernel.add(ipv4(new byte[] {10, 2, 0, 1}, new byte[] {10, 1, 0, 1}, 17, 100));
        assertThat(devA.next()).isNotNull();
        assertThat(a.counters(7, 1)).contains(new SaCounters(100, 1, 600, 3));
        awaitTrue(() -> !eventsA.isEmpty());
        assertThat(eventsA).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EspEvent.Kind.SOFT_LIFETIME);
            assertThat(e.ikeSaId()).isEqualTo(7);
            assertThat(e.childSaId()).isEqualTo(1);
        });
        assertThat(a.installedCount()).isEqualTo(1);
        assertThat(a.remove(1, 1, 0xa1, 0xb1)).isFalse();
        assertThat(a.remove(7, 1, 0xa1, 0xb1)).isTrue();
        assertThat(a.routes()).isEmpty();
    }

    @Test
    void transportModeAndDuplicatesAreRefusedWithoutLeavingRoutes() throws Exception {
        start();
        ChildSaSpec s = spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false);
        ChildSaSpec transport = new ChildSaSpec(1, 9, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TRANSPORT,
                s.local(), s.remote(), false, false, 32, keys(0xa9, 1), keys(0xb9, 2), s.localSelectors(),
                s.remoteSelectors(), ChildSaSpec.Lifetimes.NONE);
        assertThatThrownBy(() -> a.install(transport)).isInstanceOf(DataPlaneException.class).hasMessageContaining("tunnel");
        a.install(s);
        assertThatThrownBy(() -> a.install(spec(true, 1, 0xa3, 0xb3, ChildSaSpec.Lifetimes.NONE, false)))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("already installed");
        assertThatThrownBy(() -> a.install(spec(true, 5, 0xa1, 0xb5, ChildSaSpec.Lifetimes.NONE, false)))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("000000a1");
        assertThat(a.routes()).containsExactly(java.util.Map.entry("10.2.0.0/16", 1));
        a.close();
        assertThat(devA.closed).isTrue();
        assertThatThrownBy(() -> a.install(s)).isInstanceOf(DataPlaneException.class);
    }

    @Test
    void aRouteThatCannotBeAddedFailsTheInstallAndTakesItsSiblingsAlong() throws Exception {
        List<Route> log = new CopyOnWriteArrayList<>();
        RouteInstaller failing = new RouteInstaller() {
            @Override
            public void add(String cidr, Optional<String> source) throws IOException {
                log.add(new Route("add", cidr, source));
                if (cidr.equals("10.2.2.0/24")) throw new IOException("RTNETLINK answers: File exists");
            }

            @Override
            public void delete(String cidr) {
                log.add(new Route("del", cidr, Optional.empty()));
            }
        };
        List<InetAddress> none = List.of(InetAddress.getByName("192.0.2.1"));
        a = UserspaceDataPlane.start(devA, failing, () -> none, wireA, RandomSource.secure(), e -> { }, 4500);
        ChildSaSpec base = spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false);
        var wide = new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
                new byte[] {10, 2, 0, 0}, new byte[] {10, 2, 2, (byte) 255});
        ChildSaSpec s = new ChildSaSpec(1, 1, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, base.local(),
                base.remote(), false, false, 32, keys(0xa1, 2), keys(0xb1, 1), base.localSelectors(), List.of(wide),
                ChildSaSpec.Lifetimes.NONE);
        assertThatThrownBy(() -> a.install(s)).isInstanceOf(DataPlaneException.class).hasMessageContaining("File exists");
        // no local address inside 10.1/16 here: routes without a preferred source
        assertThat(log).containsExactly(new Route("add", "10.2.0.0/23", Optional.empty()),
                new Route("add", "10.2.2.0/24", Optional.empty()), new Route("del", "10.2.0.0/23", Optional.empty()));
        assertThat(a.counters(1, 1)).isEmpty();
        assertThat(a.routes()).isEmpty();
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false)); // the SPI is free again
    }

    // ---- fixtures

    static ChildSaSpec spec(boolean sideA, long child, int spiIn, int spiOut, ChildSaSpec.Lifetimes lifetimes,
                            boolean encap) throws UnknownHostException {
        return spec(sideA, child, spiIn, spiOut, lifetimes, encap, EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE);
    }

    static ChildSaSpec spec(boolean sideA, long child, int spiIn, int spiOut, ChildSaSpec.Lifetimes lifetimes,
                            boolean encap, EncryptionAlgorithm enc, int bits, IntegrityAlgorithm integ)
            throws UnknownHostException {
        // the SA from A to B uses key seed 1, from B to A seed 2
        int seedIn = sideA ? 2 : 1;
        int seedOut = sideA ? 1 : 2;
        int port = encap ? 4501 : 500;
        Endpoint local = ep(sideA ? "192.0.2.1" : "192.0.2.2", port);
        Endpoint remote = ep(sideA ? "192.0.2.2" : "192.0.2.1", port);
        return new ChildSaSpec(1, child, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, local, remote,
                encap, false, 32, keys(spiIn, seedIn, enc, bits, integ), keys(spiOut, seedOut, enc, bits, integ),
                List.of(sideA ? NET_A : NET_B), List.of(sideA ? NET_B : NET_A), lifetimes);
    }

    static ChildSaSpec.DirectionKeys keys(int spi, int seed) {
        return keys(spi, seed, EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE);
    }

    static ChildSaSpec.DirectionKeys keys(int spi, int seed, EncryptionAlgorithm enc, int bits, IntegrityAlgorithm integ) {
        byte[] ek = new byte[bits / 8 + (enc.isAead() ? 4 : 0)];
        Arrays.fill(ek, (byte) seed);
        byte[] ik = new byte[integ == IntegrityAlgorithm.NONE ? 0 : integ.keyLength()];
        Arrays.fill(ik, (byte) (seed + 50));
        return new ChildSaSpec.DirectionKeys(spi, enc, bits, integ, ek, ik);
    }

    static Endpoint ep(String a, int port) throws UnknownHostException {
        return new Endpoint(InetAddress.getByName(a), port);
    }

    static TrafficSelectorSubstructure ts(int a, int b) {
        return new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
                new byte[] {(byte) a, (byte) b, 0, 0}, new byte[] {(byte) a, (byte) b, (byte) 255, (byte) 255});
    }

    /** A plausible IPv4 packet of {@code len} bytes (header fields the ESP code reads; no checksum). */
    static byte[] ipv4(byte[] src, byte[] dst, int proto, int len) {
        byte[] p = new byte[len];
        p[0] = 0x45;
        p[2] = (byte) (len >>> 8);
        p[3] = (byte) len;
        p[8] = 64;
        p[9] = (byte) proto;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        for (int i = 20; i < len; i++) p[i] = (byte) (i * 7);
        return p;
    }

    static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 5 s");
            Thread.sleep(5);
        }
    }
}
