package io.ike4j.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTransportTest {
    record Received(Endpoint local, Endpoint remote, byte[] data) {}

    private final BlockingQueue<Received> ike = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> esp = new LinkedBlockingQueue<>();
    private InetAddress a1;
    private InetAddress a2;
    private UdpTransport transport;
    private DatagramChannel peer;

    @BeforeEach
    void setUp() throws Exception {
        a1 = InetAddress.getByName("127.0.0.1");
        a2 = InetAddress.getByName("127.0.0.2");
        transport = UdpTransport.open(TransportConfig.ephemeral(a1, a2),
                (l, r, d) -> ike.add(new Received(l, r, d)),
                (l, r, p) -> p[0] == 0x11 && esp.add(new Received(l, r, p)));
        peer = DatagramChannel.open().bind(new InetSocketAddress(a1, 0));
    }

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
        peer.close();
    }

    private Endpoint peerEndpoint() throws Exception {
        return Endpoint.of((InetSocketAddress) peer.getLocalAddress());
    }

    private void sendTo(InetAddress address, int port, byte... data) throws Exception {
        peer.send(ByteBuffer.wrap(data), new InetSocketAddress(address, port));
    }

    private byte[] receiveAtPeer() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(70_000);
        peer.receive(b);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private Received next(BlockingQueue<Received> q) throws InterruptedException {
        Received r = q.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("datagram delivered").isNotNull();
        return r;
    }

    @Test
    void bindsOneChannelPerAddressAndKindSharingThePorts() {
        int ikePort = transport.ikePort();
        int natT = transport.natTraversalPort();
        assertThat(ikePort).isPositive().isNotEqualTo(natT);
        assertThat(transport.localEndpoints()).containsExactly(new Endpoint(a1, ikePort), new Endpoint(a2, ikePort),
                new Endpoint(a1, natT), new Endpoint(a2, natT));
        assertThat(transport.ikeEndpoint(a2)).contains(new Endpoint(a2, ikePort));
        assertThat(transport.natTraversalEndpoint(a1)).contains(new Endpoint(a1, natT));
    }

    @Test
    void ikeDatagramReportsTheExactLocalEndpointItArrivedOn() throws Exception {
        sendTo(a2, transport.ikePort(), (byte) 1, (byte) 2, (byte) 3);
        Received r = next(ike);
        assertThat(r.local()).isEqualTo(new Endpoint(a2, transport.ikePort()));
        assertThat(r.remote()).isEqualTo(peerEndpoint());
        assertThat(r.data()).containsExactly(1, 2, 3);

        sendTo(a1, transport.ikePort(), (byte) 9);
        assertThat(next(ike).local()).isEqualTo(new Endpoint(a1, transport.ikePort()));
        assertThat(transport.counters().ikeReceived()).isEqualTo(2);
    }

    @Test
    void natTraversalPortStripsTheNonEspMarkerForIke() throws Exception {
        sendTo(a1, transport.natTraversalPort(), (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0x2a, (byte) 0x2b);
        Received r = next(ike);
        assertThat(r.local()).isEqualTo(new Endpoint(a1, transport.natTraversalPort()));
        assertThat(r.data()).containsExactly(0x2a, 0x2b);
    }

    @Test
    void keepalivesAreCountedNotDelivered() throws Exception {
        sendTo(a1, transport.natTraversalPort(), (byte) 0xFF);
        sendTo(a1, transport.natTraversalPort(), (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 7); // a marker to sync on
        assertThat(next(ike).data()).containsExactly(7);
        assertThat(transport.counters().keepalivesReceived()).isEqualTo(1);
        assertThat(ike).isEmpty();
    }

    @Test
    void espInUdpGoesToTheSinkOrIsCountedAsDropped() throws Exception {
        byte[] accepted = {0x11, 0, 0, 1, 0, 0, 0, 1, 0x55};
        byte[] refused = {0x22, 0, 0, 1, 0, 0, 0, 1};
        sendTo(a2, transport.natTraversalPort(), accepted);
        Received r = next(esp);
        assertThat(r.data()).isEqualTo(accepted);
        assertThat(r.local()).isEqualTo(new Endpoint(a2, transport.natTraversalPort()));
        sendTo(a2, transport.natTraversalPort(), refused);
        sendTo(a2, transport.natTraversalPort(), (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 1); // sync
        next(ike);
        TransportCounters c = transport.counters();
        assertThat(c.espReceived()).isEqualTo(2);
        assertThat(c.espDropped()).isEqualTo(1);
    }

    @Test
    void garbageNeverStopsTheLoops() throws Exception {
        int natT = transport.natTraversalPort();
        sendTo(a1, natT); // empty
        sendTo(a1, natT, (byte) 1, (byte) 2); // too short for anything
        sendTo(a1, natT, (byte) 0, (byte) 0, (byte) 0, (byte) 0); // marker without IKE
        sendTo(a1, natT, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5); // ESP too short
        sendTo(a1, transport.ikePort()); // empty IKE
        byte[] big = new byte[65_000];
        big[0] = 0x11;
        sendTo(a1, natT, big); // a large ESP packet is fine
        sendTo(a1, natT, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 42);
        assertThat(next(esp).data()).hasSize(65_000);
        assertThat(next(ike).data()).containsExactly(42);
        sendTo(a1, transport.ikePort(), (byte) 43); // the IKE port has its own loop: sync on it too
        assertThat(next(ike).data()).containsExactly(43);
        assertThat(transport.counters().malformedDropped()).isEqualTo(5);

        UdpTransport failing = UdpTransport.open(TransportConfig.ephemeral(a1),
                (l, r, d) -> { throw new IllegalStateException("handler bug"); }, EspSink.DROP);
        try {
            sendTo(a1, failing.ikePort(), (byte) 1);
            sendTo(a1, failing.ikePort(), (byte) 2);
            waitFor(() -> failing.counters().receiveErrors() == 2);
            assertThat(failing.counters().ikeReceived()).isEqualTo(2);
        } finally {
            failing.close();
        }
    }

    @Test
    void sendsFromTheRequestedLocalEndpointAddingTheMarkerOnNatT() throws Exception {
        Endpoint ike2 = new Endpoint(a2, transport.ikePort());
        assertThat(transport.sendIke(ike2, peerEndpoint(), new byte[] {5, 6})).isTrue();
        ByteBuffer b = ByteBuffer.allocate(100);
        InetSocketAddress from = (InetSocketAddress) peer.receive(b);
        assertThat(Endpoint.of(from)).isEqualTo(ike2);
        assertThat(Arrays.copyOf(b.array(), b.position())).containsExactly(5, 6);

        Endpoint natT1 = new Endpoint(a1, transport.natTraversalPort());
        assertThat(transport.sendIke(natT1, peerEndpoint(), new byte[] {5, 6})).isTrue();
        assertThat(receiveAtPeer()).containsExactly(0, 0, 0, 0, 5, 6);
        assertThat(transport.sendKeepalive(natT1, peerEndpoint())).isTrue();
        assertThat(receiveAtPeer()).containsExactly(0xFF);
        TransportCounters c = transport.counters();
        assertThat(c.ikeSent()).isEqualTo(2);
        assertThat(c.keepalivesSent()).isEqualTo(1);
    }

    @Test
    void espGoesOutWithoutTheMarkerFromTheNatTSocketOnly() throws Exception {
        Endpoint natT1 = new Endpoint(a1, transport.natTraversalPort());
        byte[] buf = {9, 9, 0x11, 0, 0, 1, 0, 0, 0, 7, 0x42, 9};
        assertThat(transport.sendEsp(natT1, peerEndpoint(), buf, 2, 9)).isTrue();
        ByteBuffer b = ByteBuffer.allocate(100);
        InetSocketAddress from = (InetSocketAddress) peer.receive(b);
        assertThat(Endpoint.of(from)).isEqualTo(natT1);
        assertThat(Arrays.copyOf(b.array(), b.position())).containsExactly(0x11, 0, 0, 1, 0, 0, 0, 7, 0x42);
        // not from the IKE port, not a zero SPI (that would read as the non-ESP marker), not shorter than SPI + seq
        assertThat(transport.sendEsp(new Endpoint(a1, transport.ikePort()), peerEndpoint(), buf, 2, 9)).isFalse();
        assertThat(transport.sendEsp(natT1, peerEndpoint(), new byte[12], 0, 12)).isFalse();
        assertThat(transport.sendEsp(natT1, peerEndpoint(), buf, 2, 7)).isFalse();
        TransportCounters c = transport.counters();
        assertThat(c.espSent()).isEqualTo(1);
        assertThat(c.sendErrors()).isEqualTo(3);
        assertThat(transport.natTraversalPort()).isEqualTo(natT1.port());
    }

    @Test
    void withKernelEspInUdpTheKernelTakesEspAndIkeStillArrives() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/net/udp")),
                "Linux procfs");
        assertThat(transport.enableKernelEspInUdp()).as("one NAT-T socket per address").isEqualTo(2);
        // ESP-in-UDP (longer than an ESP header) now goes to the kernel's XFRM, which has no SA for it and drops it
        byte[] espPacket = new byte[40];
        espPacket[0] = 0x11;
        espPacket[7] = 1;
        sendTo(a2, transport.natTraversalPort(), espPacket);
        sendTo(a2, transport.natTraversalPort(), (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 7); // IKE behind the marker
        assertThat(next(ike).data()).containsExactly(7);
        assertThat(esp.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(transport.counters().espReceived()).isZero();
    }

    @Test
    void procNetUdpInodesAreFoundByPort() {
        var lines = java.util.List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  1: 0100007F:1194 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4711 2 0000000000000000 0",
                "  2: 0100007F:01F4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4712 2 0000000000000000 0");
        assertThat(KernelEspInUdp.inodesOnPort(lines, 4500)).containsExactly("4711");
        assertThat(KernelEspInUdp.inodesOnPort(lines, 500)).containsExactly("4712");
        assertThat(KernelEspInUdp.inodesOnPort(lines, 4501)).isEmpty();
    }

    @Test
    void zeroCopySinksSeeTheReceiveBufferSlice() throws Exception {
        BlockingQueue<byte[]> slices = new LinkedBlockingQueue<>();
        EspSink sink = new EspSink() {
            @Override
            public boolean onEspPacket(Endpoint local, Endpoint remote, byte[] packet) {
                throw new AssertionError("the transport offers the slice, not a copy");
            }

            @Override
            public boolean onEspPacket(Endpoint local, Endpoint remote, byte[] buffer, int off, int len) {
                slices.add(Arrays.copyOfRange(buffer, off, off + len));
                return true;
            }
        };
        try (UdpTransport t = UdpTransport.open(TransportConfig.ephemeral(a1), (l, r, d) -> { }, sink)) {
            sendTo(a1, t.natTraversalPort(), (byte) 0x11, (byte) 0, (byte) 0, (byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 2);
            assertThat(slices.poll(5, TimeUnit.SECONDS)).containsExactly(0x11, 0, 0, 1, 0, 0, 0, 2);
        }
    }

    @Test
    void wildcardLocalAddressIsResolvedByRoute() throws Exception {
        Endpoint any = new Endpoint(InetAddress.getByName("0.0.0.0"), transport.ikePort());
        assertThat(transport.sendIke(any, peerEndpoint(), new byte[] {1})).isTrue();
        ByteBuffer b = ByteBuffer.allocate(10);
        assertThat(((InetSocketAddress) peer.receive(b)).getAddress()).isEqualTo(a1);
    }

    @Test
    void refusedSendsAreCountedNotThrown() throws Exception {
        Endpoint unbound = new Endpoint(InetAddress.getByName("127.0.0.3"), transport.ikePort());
        assertThat(transport.sendIke(unbound, peerEndpoint(), new byte[] {1})).isFalse();
        Endpoint ike1 = new Endpoint(a1, transport.ikePort());
        assertThat(transport.sendKeepalive(ike1, peerEndpoint())).as("keepalive needs NAT-T").isFalse();
        assertThat(transport.sendIke(ike1, peerEndpoint(), new byte[65_508])).as("over the IPv4 limit").isFalse();
        assertThat(transport.counters().sendErrors()).isEqualTo(3);
        assertThat(transport.counters().ikeSent()).isZero();
    }

    @Test
    void ipv6ChannelsWork() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        UdpTransport t6;
        try {
            t6 = UdpTransport.open(TransportConfig.ephemeral(v6), (l, r, d) -> ike.add(new Received(l, r, d)), EspSink.DROP);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (t6; DatagramChannel p6 = DatagramChannel.open().bind(new InetSocketAddress(v6, 0))) {
            p6.send(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 3}), new InetSocketAddress(v6, t6.natTraversalPort()));
            Received r = next(ike);
            assertThat(r.local()).isEqualTo(new Endpoint(v6, t6.natTraversalPort()));
            assertThat(r.data()).containsExactly(3);
        }
    }

    @Test
    void enumeratesInterfaceAddressesWhenNoneAreConfigured() throws Exception {
        List<InetAddress> all = UdpTransport.interfaceAddresses();
        assertThat(all).contains(a1);
        try (UdpTransport t = UdpTransport.open(new TransportConfig(0, 0, List.of()), (l, r, d) -> { }, EspSink.DROP)) {
            assertThat(t.ikeEndpoint(a1)).isPresent();
            assertThat(t.natTraversalEndpoint(a1)).isPresent();
        }
    }

    @Test
    void closeEndsTheLoopsAndIsIdempotent() throws Exception {
        Endpoint ike1 = new Endpoint(a1, transport.ikePort());
        transport.close();
        transport.close();
        assertThat(transport.sendIke(ike1, peerEndpoint(), new byte[] {1})).isFalse();
        // the port is free again
        try (DatagramChannel again = DatagramChannel.open().bind(ike1.toSocketAddress())) {
            assertThat(again.isOpen()).isTrue();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) Thread.sleep(10);
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }
}
