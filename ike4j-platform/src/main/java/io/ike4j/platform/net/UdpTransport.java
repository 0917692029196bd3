package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.SourceAddressSelector;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * IKE over UDP: the IKE port (500) and the NAT-T port (4500, RFC 3948) on every local address.
 *
 * <p>Java cannot tell which local address a datagram on a wildcard socket was sent to (no IP_PKTINFO), yet the
 * engine needs exactly that for the NAT detection hashes (RFC 7296 2.23). So one channel is bound per local
 * address and port, and each datagram is reported with the endpoint of the channel it arrived on.
 *
 * <p>Each channel has a receive loop: a virtual thread for the IKE port, a platform thread for the NAT-T port (ESP). On the NAT-T port a datagram is either a NAT-keepalive
 * (one byte 0xFF, counted and ignored), IKE behind the four-byte non-ESP marker (stripped), or ESP-in-UDP (handed
 * to the {@link EspSink}). Nothing a peer sends can end a loop; problems are logged and counted.
 */
public final class UdpTransport implements DatagramSender, EspSender, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());
    /** Larger than any UDP payload (65527 bytes at most), so a datagram is never truncated. */
    static final int RECEIVE_BUFFER = 64 * 1024;
    static final int MAX_PAYLOAD_V4 = 65_507; // 65535 - 20 (IPv4 header) - 8 (UDP header)
    static final int MAX_PAYLOAD_V6 = 65_527; // 65535 - 8 (IPv6 payload length covers only UDP header + data)
    static final int NON_ESP_MARKER_LENGTH = 4;
    static final byte KEEPALIVE = (byte) 0xFF;
    /** Requested receive/send buffer of NAT-T sockets (ESP-in-UDP). */
    static final int ESP_SOCKET_BUFFER = 4 << 20;

    /** Copy-on-write (in binding order): read without locks on every send, replaced by {@link #syncAddresses}. */
    private volatile Map<Endpoint, BoundChannel> channels;
    /** Whether the addresses came from the interfaces (then {@link #syncAddresses} follows them) or were configured. */
    private volatile boolean followsInterfaces;
    private final int ikePort;
    private final int natTraversalPort;
    private final DatagramHandler handler;
    private final EspSink espSink;
    private final TransportStats stats = new TransportStats();
    private final List<Thread> loops = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private UdpTransport(Map<Endpoint, BoundChannel> channels, int ikePort, int natTraversalPort,
                         DatagramHandler handler, EspSink espSink) {
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        this.ikePort = ikePort;
        this.natTraversalPort = natTraversalPort;
        this.handler = handler;
        this.espSink = espSink;
    }

    /**
     * Binds all channels and starts their receive loops.
     *
     * @throws IOException if a configured address cannot be bound, or no address at all could be bound
     */
    public static UdpTransport open(TransportConfig config, DatagramHandler handler, EspSink espSink) throws IOException {
        boolean configured = !config.localAddresses().isEmpty();
        List<InetAddress> addresses = configured ? config.localAddresses() : interfaceAddresses();
        Map<Endpoint, BoundChannel> channels = new LinkedHashMap<>();
        try {
            int ike = bindAll(addresses, config.ikePort(), false, configured, channels);
            int natT = bindAll(addresses, config.natTraversalPort(), true, configured, channels);
            UdpTransport transport = new UdpTransport(channels, ike, natT, handler, espSink);
            transport.followsInterfaces = !configured;
            transport.startLoops();
            return transport;
        } catch (IOException | RuntimeException e) {
            channels.values().forEach(BoundChannel::closeQuietly);
            throw e;
        }
    }

    private static int bindAll(List<InetAddress> addresses, int port, boolean natT, boolean configured,
                               Map<Endpoint, BoundChannel> into) throws IOException {
        int chosen = port;
        int bound = 0;
        for (InetAddress address : addresses) {
            DatagramChannel channel = null;
            try {
                channel = DatagramChannel.open(address instanceof Inet4Address
                        ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                if (natT) enlargeBuffers(channel);
                channel.bind(new InetSocketAddress(address, chosen));
                Endpoint local = Endpoint.of((InetSocketAddress) channel.getLocalAddress());
                chosen = local.port(); // port 0: later addresses reuse the port the first one got
                into.put(local, new BoundChannel(local, natT, channel));
                bound++;
            } catch (IOException e) {
                if (channel != null) channel.close();
                if (configured) throw new IOException("cannot bind " + new Endpoint(address, chosen) + ": " + e.getMessage(), e);
                LOG.log(System.Logger.Level.WARNING, "skipping {0}: cannot bind port {1}: {2}",
                        address.getHostAddress(), chosen, e.getMessage());
            }
        }
        if (bound == 0) throw new IOException("no local address could be bound to UDP port " + port);
        return chosen;
    }

    /**
     * ESP-in-UDP comes in bursts (a TCP window at a time): a larger socket buffer absorbs a burst while the receive
     * thread is not scheduled, instead of dropping it. The kernel caps the request at net.core.rmem_max/wmem_max.
     */
    private static void enlargeBuffers(DatagramChannel channel) {
        try {
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, ESP_SOCKET_BUFFER);
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, ESP_SOCKET_BUFFER);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "socket buffers: {0}", e.getMessage());
        }
    }

    /** Addresses of all interfaces that are up, IPv4 and IPv6 (link-local ones carry their scope). */
    public static List<InetAddress> interfaceAddresses() throws SocketException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) continue;
            result.addAll(Collections.list(nif.getInetAddresses()));
        }
        return result;
    }

    private void startLoops() {
        for (BoundChannel c : channels.values()) startLoop(c);
    }

    private synchronized void startLoop(BoundChannel c) {
        // ESP-in-UDP arrives on the NAT-T sockets at packet rates: a platform thread blocks in recvfrom directly,
        // where a virtual thread would park and be woken by the poller for every datagram
        Thread.Builder b = c.natTraversal() ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        loops.add(b.name("ike4j-udp-" + c.local()).start(() -> receiveLoop(c)));
    }

    /**
     * The host's addresses changed (MOBIKE, RFC 4555): binds the IKE and NAT-T ports on new addresses and closes the
     * channels of addresses that are gone. Only for a transport that follows the interfaces (no configured addresses);
     * a configured transport keeps its channels.
     *
     * @return the addresses now bound on both ports
     */
    public synchronized List<InetAddress> syncAddresses(List<InetAddress> current) {
        if (followsInterfaces && !closed.get()) {
            Map<Endpoint, BoundChannel> channels = new LinkedHashMap<>(this.channels);
            for (Endpoint e : List.copyOf(channels.keySet())) {
                if (!current.contains(e.address())) {
                    BoundChannel gone = channels.remove(e);
                    if (gone != null) gone.closeQuietly();
                    LOG.log(System.Logger.Level.INFO, "address {0} gone: closed {1}", e.address().getHostAddress(), e);
                }
            }
            for (InetAddress a : current) {
                for (boolean natT : new boolean[] {false, true}) {
                    Endpoint e = new Endpoint(a, natT ? natTraversalPort : ikePort);
                    if (channels.containsKey(e)) continue;
                    try {
                        DatagramChannel ch = DatagramChannel.open(a instanceof Inet4Address
                                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                        try {
                            if (natT) enlargeBuffers(ch);
                            ch.bind(e.toSocketAddress());
                        } catch (IOException | RuntimeException ex) {
                            ch.close();
                            throw ex;
                        }
                        BoundChannel c = new BoundChannel(e, natT, ch);
                        channels.put(e, c);
                        startLoop(c);
                        LOG.log(System.Logger.Level.INFO, "new address {0}: bound {1}", a.getHostAddress(), e);
                    } catch (IOException | RuntimeException ex) { // e.g. a tentative IPv6 address: retried next time
                        LOG.log(System.Logger.Level.DEBUG, "cannot bind {0} yet: {1}", e, ex.getMessage());
                    }
                }
            }
            this.channels = Collections.unmodifiableMap(channels);
        }
        List<InetAddress> bound = new ArrayList<>();
        for (InetAddress a : current) {
            if (channels.containsKey(new Endpoint(a, ikePort)) && channels.containsKey(new Endpoint(a, natTraversalPort))) bound.add(a);
        }
        return bound;
    }

    private void receiveLoop(BoundChannel c) {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        while (!closed.get()) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) c.channel().receive(buffer);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!c.channel().isOpen()) break;
                stats.receiveErrors.increment();
                LOG.log(System.Logger.Level.WARNING, "receive on {0} failed: {1}", c.local(), e.getMessage());
                continue;
            }
            if (from == null) continue;
            try {
                dispatch(c, Endpoint.of(from), buffer.array(), buffer.position());
            } catch (RuntimeException e) { // a handler bug must not end the loop
                stats.receiveErrors.increment();
                LOG.log(System.Logger.Level.ERROR, "handling a datagram from " + from + " on " + c.local() + " failed", e);
            }
        }
    }

    /** Dispatches the datagram {@code buf[0, len)}; the buffer is reused for the next datagram. */
    private void dispatch(BoundChannel c, Endpoint remote, byte[] buf, int len) {
        if (!c.natTraversal()) {
            if (len == 0) {
                stats.malformed.increment();
                return;
            }
            stats.ikeReceived.increment();
            handler.onIkeDatagram(c.local(), remote, java.util.Arrays.copyOf(buf, len));
            return;
        }
        // RFC 3948 2.3: a NAT-keepalive is a single octet 0xFF.
        if (len == 1 && buf[0] == KEEPALIVE) {
            stats.keepalivesReceived.increment();
            return;
        }
        if (len < NON_ESP_MARKER_LENGTH) {
            stats.malformed.increment();
            return;
        }
        if (hasNonEspMarker(buf)) {
            // RFC 3948 2.2: IKE behind the non-ESP marker.
            if (len == NON_ESP_MARKER_LENGTH) {
                stats.malformed.increment();
                return;
            }
            stats.ikeReceived.increment();
            handler.onIkeDatagram(c.local(), remote, java.util.Arrays.copyOfRange(buf, NON_ESP_MARKER_LENGTH, len));
            return;
        }
        // RFC 3948 2.1: ESP-in-UDP, the SPI (non-zero) comes first; SPI + sequence number at least.
        if (len < 8) {
            stats.malformed.increment();
            return;
        }
        stats.espReceived.increment();
        // no copy: the sink sees the receive buffer for the duration of the call
        if (!espSink.onEspPacket(c.local(), remote, buf, 0, len)) stats.espDropped.increment();
    }

    private static boolean hasNonEspMarker(byte[] d) {
        return hasNonEspMarker(d, 0);
    }

    @Override
    public boolean sendIke(Endpoint local, Endpoint remote, byte[] data) {
        Optional<BoundChannel> c = channelFor(local, remote);
        if (c.isEmpty()) return sendFailed("no socket bound to " + local);
        byte[] datagram = data;
        if (c.get().natTraversal()) { // RFC 3948 2.2: prepend the non-ESP marker
            datagram = new byte[data.length + NON_ESP_MARKER_LENGTH];
            System.arraycopy(data, 0, datagram, NON_ESP_MARKER_LENGTH, data.length);
        }
        if (send(c.get(), remote, datagram)) {
            stats.ikeSent.increment();
            return true;
        }
        return false;
    }

    @Override
    public boolean sendKeepalive(Endpoint local, Endpoint remote) {
        Optional<BoundChannel> c = channelFor(local, remote);
        if (c.isEmpty() || !c.get().natTraversal()) return sendFailed("no NAT-T socket bound to " + local);
        if (send(c.get(), remote, new byte[] {KEEPALIVE})) {
            stats.keepalivesSent.increment();
            return true;
        }
        return false;
    }

    /**
     * Sends the ESP packet {@code packet[off, off+len)} (starting at the SPI) as ESP-in-UDP (RFC 3948 2.1: no
     * non-ESP marker) from the NAT-T socket at {@code local} (a wildcard address is resolved as for IKE). Allocates
     * nothing but the JDK's send path needs; safe to call from several threads.
     */
    @Override
    public boolean sendEsp(Endpoint local, Endpoint remote, byte[] packet, int off, int len) {
        Optional<BoundChannel> c = channelFor(local, remote);
        if (c.isEmpty() || !c.get().natTraversal()) return sendFailed("no NAT-T socket bound to " + local);
        if (len < 8 || hasNonEspMarker(packet, off)) return sendFailed("not an ESP packet (" + len + " bytes)");
        int max = remote.address() instanceof Inet4Address ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        if (len > max) return sendFailed("ESP packet of " + len + " bytes exceeds " + max);
        if (closed.get()) return sendFailed("transport closed");
        try {
            c.get().channel().send(ByteBuffer.wrap(packet, off, len), remote.toSocketAddress());
            stats.espSent.increment();
            return true;
        } catch (IOException | RuntimeException e) {
            return sendFailed("sending ESP " + c.get().local() + " -> " + remote + " failed: " + e.getMessage());
        }
    }

    private static boolean hasNonEspMarker(byte[] d, int off) {
        return d[off] == 0 && d[off + 1] == 0 && d[off + 2] == 0 && d[off + 3] == 0;
    }

    private boolean send(BoundChannel c, Endpoint remote, byte[] datagram) {
        int max = remote.address() instanceof Inet4Address ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        if (datagram.length > max) return sendFailed("datagram of " + datagram.length + " bytes exceeds " + max);
        if (closed.get()) return sendFailed("transport closed");
        try {
            c.channel().send(ByteBuffer.wrap(datagram), remote.toSocketAddress());
            return true;
        } catch (IOException | RuntimeException e) { // e.g. address family mismatch, unreachable network
            return sendFailed("sending " + c.local() + " -> " + remote + " failed: " + e.getMessage());
        }
    }

    private boolean sendFailed(String why) {
        stats.sendErrors.increment();
        LOG.log(System.Logger.Level.WARNING, why);
        return false;
    }

    /** The channel bound to {@code local}; a wildcard address is replaced by the address the kernel routes from. */
    private Optional<BoundChannel> channelFor(Endpoint local, Endpoint remote) {
        BoundChannel c = channels.get(local);
        if (c != null) return Optional.of(c);
        if (local.address().isAnyLocalAddress()) {
            return sourceAddressFor(remote.address()).map(a -> channels.get(new Endpoint(a, local.port())));
        }
        return Optional.empty();
    }

    /**
     * The local address the kernel would send from to reach {@code remote} (a connected UDP socket sends nothing).
     * Lets an initiator with no configured local address pick its source, as the routing table says.
     */
    public static Optional<InetAddress> sourceAddressFor(InetAddress remote) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(remote, 9);
            InetAddress a = probe.getLocalAddress();
            return a == null || a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The engine's seam for {@link #sourceAddressFor}: a wildcard local address becomes the routed source address. */
    public static SourceAddressSelector sourceAddressSelector() {
        return UdpTransport::sourceAddressFor;
    }

    /**
     * For the kernel data plane (XFRM): makes the kernel take ESP-in-UDP arriving on the NAT-T sockets (RFC 3948,
     * {@code UDP_ENCAP_ESPINUDP}); IKE behind the non-ESP marker still arrives here. Without it the kernel would hand
     * ESP-in-UDP to this process, which has no SAs. Linux only.
     *
     * @return the number of sockets switched (one per local address)
     * @throws IOException if the option cannot be set
     */
    public int enableKernelEspInUdp() throws IOException {
        return KernelEspInUdp.enable(natTraversalPort);
    }

    /** Every bound local endpoint (IKE and NAT-T), in binding order. */
    public List<Endpoint> localEndpoints() {
        return List.copyOf(channels.keySet());
    }

    /** The IKE endpoint bound on {@code address}, if any. */
    public Optional<Endpoint> ikeEndpoint(InetAddress address) {
        return find(address, false);
    }

    /** The NAT-T endpoint bound on {@code address}, if any. */
    public Optional<Endpoint> natTraversalEndpoint(InetAddress address) {
        return find(address, true);
    }

    private Optional<Endpoint> find(InetAddress address, boolean natT) {
        BoundChannel c = channels.get(new Endpoint(address, natT ? natTraversalPort : ikePort));
        return c == null ? Optional.empty() : Optional.of(c.local());
    }

    /** Whether the channels follow the interfaces' addresses ({@link #syncAddresses}); false with configured addresses. */
    public boolean followsInterfaces() {
        return followsInterfaces;
    }

    /** The IKE port all addresses share (the ephemeral one if 0 was configured). */
    public int ikePort() {
        return ikePort;
    }

    /** The NAT-T port all addresses share. */
    @Override
    public int natTraversalPort() {
        return natTraversalPort;
    }

    public TransportCounters counters() {
        return stats.snapshot();
    }

    /** Closes every channel and waits for the receive loops to end. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        channels.values().forEach(BoundChannel::closeQuietly);
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(loops);
        }
        for (Thread t : all) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record BoundChannel(Endpoint local, boolean natTraversal, DatagramChannel channel) {
        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", local, e.getMessage());
            }
        }
    }
}
