package io.ike4j.platform.dataplane;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.esp.EspConfigException;
import io.ike4j.platform.esp.EspDrop;
import io.ike4j.platform.esp.EspEvent;
import io.ike4j.platform.esp.EspEventListener;
import io.ike4j.platform.esp.EspSa;
import io.ike4j.platform.esp.EspSaTable;
import io.ike4j.platform.net.EspSender;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.PlainEspSender;
import io.ike4j.platform.net.RawEspSocket;
import io.ike4j.platform.tun.Cidrs;
import io.ike4j.platform.tun.IpRoute2;
import io.ike4j.platform.tun.TunDevice;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * ESP in user space over a TUN device, like strongSwan's kernel-libipsec: CHILD_SAs live in an {@link EspSaTable};
 * routes for each remote traffic selector point into the device (with a local address inside the local selectors as
 * source); one platform thread reads the device, encapsulates (RFC 4303 3.3) and sends ESP-in-UDP (RFC 3948) to the
 * SA's peer through an {@link EspSender}; ESP-in-UDP received by the transport arrives through {@link EspSink},
 * is decapsulated (RFC 4303 3.4), checked against the SA's selectors (RFC 4301 5.2) and written to the device.
 *
 * <p>ESP follows what the IKE SA negotiated (RFC 7296 2.23): behind a NAT, or when either side forced encapsulation
 * (its NAT-D hashes fail to match, as strongSwan's libipsec always makes them), ESP goes in UDP; otherwise it goes as
 * plain ESP (IP protocol 50) through a {@link PlainEspSender} ({@link RawEspSocket}: needs CAP_NET_RAW). Where raw
 * sockets are refused, unencapsulated CHILD_SAs fall back to ESP in UDP to the peer's NAT-T port (logged once);
 * both strongSwan's libipsec and ike4j accept that, and an ike4j peer that receives such ESP-in-UDP for a CHILD_SA it
 * sends as plain ESP answers in UDP from then on (a kernel peer would drop it). Plain ESP received on the raw socket and ESP-in-UDP received by
 * the transport both arrive at {@link #onEspPacket} and are dispatched by SPI. Tunnel mode only.
 * Hot paths reuse their buffers (one per reader thread, one per receiving thread) and allocate per packet only what
 * the JCE and the socket layer do. Byte and packet lifetimes are reported to the listener given at creation.
 */
public final class UserspaceDataPlane implements DataPlane, EspSink {
    private static final System.Logger LOG = System.getLogger(UserspaceDataPlane.class.getName());
    private static final int POLL_MILLIS = 200;
    /** Room for ESP's header, IV, padding and ICV around the largest inner packet. */
    private static final int BUFFER = TunDevice.MAX_PACKET + 256;

    /**
     * Device name and MTU, the peer's NAT-T port used when the IKE SA itself did not float to it, and whether to try
     * plain ESP over raw sockets for CHILD_SAs without UDP encapsulation.
     */
    public record Config(String deviceName, int mtu, int remoteNatTraversalPort, boolean plainEsp) {
        public static final String DEFAULT_DEVICE = "ike4j0";
        /** Leaves room for ESP-in-UDP overhead on a 1500-byte path (kernel-libipsec uses the same). */
        public static final int DEFAULT_MTU = 1400;

        public Config {
            if (mtu < 576 || mtu > TunDevice.MAX_PACKET) throw new IllegalArgumentException("MTU out of range: " + mtu);
            if (remoteNatTraversalPort < 1 || remoteNatTraversalPort > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + remoteNatTraversalPort);
            }
        }

        public Config(String deviceName, int mtu, int remoteNatTraversalPort) {
            this(deviceName, mtu, remoteNatTraversalPort, true);
        }

        public static Config defaults() {
            return new Config(DEFAULT_DEVICE, DEFAULT_MTU, 4500, true);
        }

        public Config withDevice(String name) {
            return new Config(name, mtu, remoteNatTraversalPort, plainEsp);
        }

        public Config withMtu(int m) {
            return new Config(deviceName, m, remoteNatTraversalPort, plainEsp);
        }

        /** Whether to open raw ESP sockets (false: ESP in UDP always, like strongSwan's libipsec). */
        public Config withPlainEsp(boolean on) {
            return new Config(deviceName, mtu, remoteNatTraversalPort, on);
        }
    }

    private record Key(long ikeSaId, long childSaId) {}

    /** One installed CHILD_SA: its ESP SAs, where its ESP goes (plain or in UDP), and the routes it holds. */
    private record Installed(EspSa sa, Endpoint espLocal, Endpoint espRemote, boolean plain, List<String> routes,
                             InetAddress pinnedPeer) {}

    private final PacketDevice device;
    private final RouteBook routes;
    private final Supplier<List<InetAddress>> hostAddresses;
    private final EspSender sender;
    private volatile PlainEspSender plain; // null: every CHILD_SA goes in UDP
    private volatile String plainRefusal = "no raw ESP socket";
    private final RandomSource random;
    private final EspEventListener events;
    private final int remoteNatTraversalPort;
    private final EspSaTable table = new EspSaTable();
    private final Map<Key, Installed> installed = new ConcurrentHashMap<>();
    private final Map<EspSa, Installed> bySa = new ConcurrentHashMap<>(); // identity keys: EspSa has no equals
    private final Map<InetAddress, Integer> virtualIps = new java.util.HashMap<>();
    private final UserspaceTraps traps;
    private final LongAdder trapped = new LongAdder();
    private final LongAdder noSa = new LongAdder();
    private final LongAdder policyDrops = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder deviceErrors = new LongAdder();
    private final ThreadLocal<byte[]> inboundBuffer = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean plainEspLogged = new AtomicBoolean();
    private final Thread reader;

    private UserspaceDataPlane(PacketDevice device, RouteInstaller routes, Supplier<List<InetAddress>> hostAddresses,
                               EspSender sender, RandomSource random, EspEventListener events, int remoteNatTraversalPort) {
        this.device = device;
        this.routes = new RouteBook(routes);
        this.hostAddresses = hostAddresses;
        this.sender = sender;
        this.random = random;
        this.events = events;
        this.remoteNatTraversalPort = remoteNatTraversalPort;
        this.traps = new UserspaceTraps(this.routes, hostAddresses, System::nanoTime);
        this.reader = Thread.ofPlatform().daemon().name("ike4j-esp-" + device.name()).unstarted(this::outboundLoop);
    }

    /**
     * Creates the TUN device in this network namespace (MTU set, link up) and starts the reader thread.
     *
     * @param events receives soft/hard byte and packet lifetime and sequence exhaustion events (on packet threads)
     * @throws IOException if the TUN device cannot be created or configured (no CAP_NET_ADMIN, no /dev/net/tun)
     */
    public static UserspaceDataPlane open(Config config, EspSender sender, RandomSource random, EspEventListener events)
            throws IOException {
        TunDevice tun = TunDevice.open(config.deviceName());
        try {
            IpRoute2 ip = IpRoute2.system();
            ip.setMtu(tun.name(), config.mtu());
            ip.up(tun.name());
            UserspaceDataPlane p = start(PacketDevice.of(tun), RouteInstaller.ipRoute2(ip, tun.name()),
                    LocalSources::hostAddresses, sender, random, events, config.remoteNatTraversalPort());
            if (config.plainEsp()) {
                try {
                    p.usePlainEsp(RawEspSocket.open(p));
                } catch (IOException | RuntimeException e) {
                    p.plainRefusal = e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, "raw ESP sockets refused ({0}): CHILD_SAs without NAT will "
                            + "send ESP in UDP to the peer''s port {1} instead of plain ESP", e.getMessage(),
                            Integer.toString(config.remoteNatTraversalPort()));
                }
            } else {
                p.plainRefusal = "disabled";
            }
            return p;
        } catch (IOException | RuntimeException e) {
            tun.close();
            throw e;
        }
    }

    /** Builds a data plane on any packet device and route installer (tests) and starts its reader thread. */
    public static UserspaceDataPlane start(PacketDevice device, RouteInstaller routes,
                                           Supplier<List<InetAddress>> hostAddresses, EspSender sender,
                                           RandomSource random, EspEventListener events, int remoteNatTraversalPort) {
        UserspaceDataPlane p = new UserspaceDataPlane(device, routes, hostAddresses, sender, random, events,
                remoteNatTraversalPort);
        p.reader.start();
        return p;
    }

    /**
     * Sends CHILD_SAs without UDP encapsulation as plain ESP through {@code s} from now on (their inbound ESP must
     * reach {@link #onEspPacket}); the data plane closes it when it closes. Call before installing SAs.
     */
    public void usePlainEsp(PlainEspSender s) {
        this.plain = s;
        this.plainRefusal = null;
    }

    /** Whether unencapsulated CHILD_SAs go as plain ESP; if not, why ({@code Optional.empty()} when they do). */
    public Optional<String> plainEspUnavailable() {
        return plain != null ? Optional.empty() : Optional.of(plainRefusal);
    }

    /** The device's interface name. */
    public String deviceName() {
        return device.name();
    }

    @Override
    public void install(ChildSaSpec spec) throws DataPlaneException {
        install(spec, false);
    }

    @Override
    public synchronized void install(ChildSaSpec spec, boolean outboundDeferred) throws DataPlaneException {
        if (closed.get()) throw new DataPlaneException("data plane closed");
        Key key = new Key(spec.ikeSaId(), spec.childSaId());
        if (installed.containsKey(key)) {
            throw new DataPlaneException("CHILD_SA " + spec.ikeSaId() + "/" + spec.childSaId() + " already installed");
        }
        EspSa sa;
        try {
            sa = EspSa.create(spec, random, this::onEspEvent);
        } catch (EspConfigException e) {
            throw new DataPlaneException("user-space ESP cannot install " + spec.connection() + "/" + spec.child()
                    + ": " + e.getMessage(), e);
        }
        // a full tunnel (0.0.0.0/0) is routed as two /1 halves; the peer itself keeps its path (host route)
        List<String> cidrs = Cidrs.splitDefault(Cidrs.of(spec.remoteSelectors()));
        InetAddress peer = spec.remote().address();
        InetAddress pin = cidrs.stream().anyMatch(c -> Cidrs.contains(c, peer)) ? peer : null;
        List<InetAddress> addrs = hostAddresses.get();
        Optional<String> src4 = LocalSources.pick(spec.localSelectors(), addrs, false).map(InetAddress::getHostAddress);
        Optional<String> src6 = LocalSources.pick(spec.localSelectors(), addrs, true).map(InetAddress::getHostAddress);
        if (pin != null) {
            try {
                routes.pin(pin);
            } catch (IOException e) {
                sa.wipe();
                throw new DataPlaneException("keeping the peer " + pin.getHostAddress() + " out of the routes " + cidrs
                        + " failed: " + e.getMessage(), e);
            }
        }
        try {
            routes.acquire(cidrs, src4, src6);
        } catch (IOException e) {
            if (pin != null) routes.unpin(pin);
            sa.wipe();
            throw new DataPlaneException("routing " + cidrs + " into " + device.name() + " failed: " + e.getMessage(), e);
        }
        try {
            table.install(sa, outboundDeferred);
        } catch (EspConfigException e) {
            routes.release(cidrs);
            if (pin != null) routes.unpin(pin);
            sa.wipe();
            throw new DataPlaneException(e.getMessage(), e);
        }
        // RFC 7296 2.23 / RFC 3948: UDP encapsulation only when the IKE SA detected (or was forced into) a NAT
        boolean plainEsp = !spec.udpEncapsulation() && plain != null;
        if (!spec.udpEncapsulation() && !plainEsp && plainEspLogged.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "the IKE SA of {0}/{1} negotiated no UDP encapsulation, but plain ESP is "
                    + "unavailable ({2}): sending ESP in UDP to the peer''s port {3}",
                    spec.connection(), spec.child(), plainRefusal, Integer.toString(remoteNatTraversalPort));
        }
        Installed i = new Installed(sa, espLocal(spec.local(), plainEsp), espRemote(spec.remote(), spec.udpEncapsulation(), plainEsp),
                plainEsp, cidrs, pin);
        bySa.put(sa, i);
        installed.put(key, i);
        LOG.log(System.Logger.Level.DEBUG, "installed {0}: {1} {2} -> {3}, routes {4} dev {5} src {6}", sa,
                plainEsp ? "plain ESP" : "ESP-in-UDP", i.espLocal(), i.espRemote(), cidrs, device.name(),
                src4.or(() -> src6).orElse("-"));
    }

    /**
     * Puts the virtual IP on the TUN device (as kernel-libipsec does), so routes into the device pick it as their
     * source: install it before the CHILD_SAs that use it as local selector.
     */
    @Override
    public synchronized void addVirtualIp(InetAddress address, InetAddress peer) throws DataPlaneException {
        if (closed.get()) throw new DataPlaneException("data plane closed");
        if (virtualIps.merge(address, 1, Integer::sum) > 1) return;
        try {
            routes.addAddress(hostCidr(address));
        } catch (IOException e) {
            virtualIps.remove(address);
            throw new DataPlaneException("adding virtual IP " + address.getHostAddress() + " to " + device.name()
                    + " failed: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "installed virtual IP {0} on {1}", address.getHostAddress(), device.name());
    }

    @Override
    public synchronized boolean removeVirtualIp(InetAddress address) {
        Integer n = virtualIps.get(address);
        if (n == null) return false;
        if (n > 1) {
            virtualIps.put(address, n - 1);
            return true;
        }
        virtualIps.remove(address);
        try {
            routes.deleteAddress(hostCidr(address));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "removing virtual IP {0}: {1}", address.getHostAddress(), e.getMessage());
        }
        return true;
    }

    /** Virtual IPs on the device, with the number of IKE SAs holding each. */
    public synchronized Map<InetAddress, Integer> virtualIps() {
        return Map.copyOf(virtualIps);
    }

    private static String hostCidr(InetAddress a) {
        return a.getHostAddress() + (a instanceof java.net.Inet4Address ? "/32" : "/128");
    }

    @Override
    public synchronized boolean activateOutbound(long ikeSaId, long childSaId, int inboundSpi) {
        Installed i = installed.get(new Key(ikeSaId, childSaId));
        if (i == null || i.sa().inbound().spi() != inboundSpi) return false;
        return table.activate(inboundSpi);
    }

    @Override
    public synchronized boolean remove(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        Key key = new Key(ikeSaId, childSaId);
        Installed i = installed.get(key);
        if (i == null || i.sa().inbound().spi() != inboundSpi || i.sa().outbound().spi() != outboundSpi) return false;
        installed.remove(key);
        bySa.remove(i.sa());
        table.remove(inboundSpi); // wipes the keys
        routes.release(i.routes());
        if (i.pinnedPeer() != null) routes.unpin(i.pinnedPeer());
        return true;
    }

    /**
     * MOBIKE (RFC 4555 3.5): the SA pair keeps its keys, sequence numbers and routes; only where ESP goes changes,
     * chosen as at install (plain ESP without encapsulation where raw sockets serve, else ESP in UDP).
     */
    /** Our end of a CHILD_SA's ESP: the NAT-T socket for ESP in UDP, no port for plain ESP. */
    private Endpoint espLocal(Endpoint ike, boolean plainEsp) {
        return new Endpoint(ike.address(), plainEsp ? 0 : sender.natTraversalPort());
    }

    /** The peer's end: its IKE endpoint when encapsulated (RFC 3948: the NAT mapping), else its NAT-T port or none. */
    private Endpoint espRemote(Endpoint ike, boolean udpEncapsulation, boolean plainEsp) {
        return udpEncapsulation ? ike : new Endpoint(ike.address(), plainEsp ? 0 : remoteNatTraversalPort);
    }

    @Override
    public synchronized boolean updateEndpoints(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi,
                                                Endpoint local, Endpoint remote, boolean udpEncapsulation) {
        Key key = new Key(ikeSaId, childSaId);
        Installed i = installed.get(key);
        if (i == null || i.sa().inbound().spi() != inboundSpi || i.sa().outbound().spi() != outboundSpi) return false;
        boolean plainEsp = !udpEncapsulation && plain != null; // as at install (RFC 3948: UDP only with a NAT)
        Endpoint espLocal = espLocal(local, plainEsp);
        Endpoint espRemote = espRemote(remote, udpEncapsulation, plainEsp);
        Installed moved = new Installed(i.sa(), espLocal, espRemote, plainEsp, i.routes(), i.pinnedPeer());
        bySa.put(i.sa(), moved);
        installed.put(key, moved);
        LOG.log(System.Logger.Level.INFO, "CHILD_SA {0}/{1} moved: ESP {2} -> {3}", Long.toString(ikeSaId),
                Long.toString(childSaId), espLocal, espRemote);
        return true;
    }

    @Override
    public synchronized boolean installTrap(io.ike4j.core.engine.TrapPolicy trap) throws DataPlaneException {
        if (closed.get()) throw new DataPlaneException("data plane closed");
        traps.install(trap);
        LOG.log(System.Logger.Level.DEBUG, "trap {0}: {1} === {2} routed into {3}", trap.key(), trap.localSelectors(),
                trap.remoteSelectors(), device.name());
        return true;
    }

    @Override
    public synchronized boolean removeTrap(io.ike4j.core.engine.TrapPolicy trap) {
        return traps.remove(trap);
    }

    @Override
    public void acquireListener(AcquireListener listener) {
        traps.listener(listener);
    }

    /** The trap policies installed now. */
    public List<io.ike4j.core.engine.TrapPolicy> traps() {
        return traps.installed();
    }

    @Override
    public int installedCount() {
        return installed.size();
    }

    @Override
    public Optional<SaCounters> counters(long ikeSaId, long childSaId) {
        Installed i = installed.get(new Key(ikeSaId, childSaId));
        if (i == null) return Optional.empty();
        var in = i.sa().inbound().counters();
        var out = i.sa().outbound().counters();
        return Optional.of(new SaCounters(in.bytes(), in.packets(), out.bytes(), out.packets()));
    }

    /** The ESP SA pair of an installed CHILD_SA (its counters show drops by reason). */
    public Optional<EspSa> find(long ikeSaId, long childSaId) {
        return Optional.ofNullable(installed.get(new Key(ikeSaId, childSaId))).map(Installed::sa);
    }

    /** Peers kept out of the tunnel by a host route (full tunnels), with the number of CHILD_SAs needing each. */
    public synchronized Map<InetAddress, Integer> pinnedPeers() {
        return routes.pins();
    }

    /** Routed prefixes with the number of CHILD_SAs needing each. */
    public synchronized Map<String, Integer> routes() {
        return routes.routes();
    }

    /** Packet-path counters that belong to no SA. */
    public record Stats(long noSa, long policyDrops, long sendFailures, long deviceErrors) {}

    public Stats stats() {
        return new Stats(noSa.sum() + table.tableCounters().drops(EspDrop.NO_SA), policyDrops.sum(),
                sendFailures.sum(), deviceErrors.sum());
    }

    private void onEspEvent(EspEvent e) {
        LOG.log(e.kind() == EspEvent.Kind.SOFT_LIFETIME ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "CHILD_SA {0}/{1}: {2}", e.ikeSaId(), e.childSaId(), e);
        try {
            events.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "ESP event listener failed on " + e, ex);
        }
    }

    // ---- the packet paths

    /** TUN → ESP-in-UDP: one thread, two buffers for the device's lifetime. */
    private void outboundLoop() {
        byte[] in = new byte[BUFFER];
        byte[] out = new byte[BUFFER];
        while (!closed.get()) {
            int n;
            try {
                n = device.read(in, 0, TunDevice.MAX_PACKET, POLL_MILLIS);
            } catch (IOException | RuntimeException e) {
                if (closed.get()) break;
                deviceErrors.increment();
                LOG.log(System.Logger.Level.WARNING, "reading " + device.name() + " failed: " + e.getMessage());
                pause();
                continue;
            }
            if (n > 0) sendOutbound(in, n, out);
        }
    }

    private void sendOutbound(byte[] inner, int n, byte[] out) {
        EspSa sa = table.selectOutbound(inner, 0, n);
        Installed i = sa == null ? null : bySa.get(sa);
        if (i == null) { // routed into the device but no SA (any more): a trap acquires it, else RFC 4301 5.1 DISCARD
            if (traps.trapped(inner, 0, n)) trapped.increment();
            else noSa.increment();
            return;
        }
        int len = sa.outbound().encapsulate(inner, 0, n, out, 0);
        if (len < 0) return; // counted by the SA
        boolean sent = i.plain() ? plain.sendPlainEsp(i.espRemote().address(), out, 0, len)
                : sender.sendEsp(i.espLocal(), i.espRemote(), out, 0, len);
        if (!sent) sendFailures.increment();
    }

    @Override
    public boolean onEspPacket(Endpoint local, Endpoint remote, byte[] packet) {
        return onEspPacket(local, remote, packet, 0, packet.length);
    }

    /** ESP-in-UDP or plain ESP → TUN, on the transport's (or raw socket's) receive thread, into that thread's buffer. */
    @Override
    public boolean onEspPacket(Endpoint local, Endpoint remote, byte[] buffer, int off, int len) {
        if (closed.get()) return false;
        byte[] out = inboundBuffer.get();
        int n = table.decapsulate(buffer, off, len, out, 0);
        if (n < 0) return false; // counted by the SA or the table
        EspSa sa = table.inbound(spi(buffer, off));
        if (sa == null || !sa.matchesInbound(out, 0, n)) { // RFC 4301 5.2: inner packet outside the selectors
            policyDrops.increment();
            return false;
        }
        if (remote.port() != 0 && plain != null) followUdp(sa, remote);
        try {
            device.write(out, 0, n);
            return true;
        } catch (IOException | RuntimeException e) {
            deviceErrors.increment();
            if (!closed.get()) LOG.log(System.Logger.Level.WARNING, "writing to " + device.name() + " failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * Authenticated ESP-in-UDP for a CHILD_SA we send as plain ESP: the peer cannot do plain ESP (e.g. its raw
     * sockets were refused and it fell back to UDP), so we answer in UDP to where it came from, and log it once.
     */
    private void followUdp(EspSa sa, Endpoint remote) {
        Installed i = bySa.get(sa);
        if (i == null || !i.plain()) return;
        synchronized (this) {
            Installed now = bySa.get(sa);
            if (now == null || !now.plain()) return;
            Installed udp = new Installed(now.sa(), new Endpoint(now.espLocal().address(), sender.natTraversalPort()),
                    remote, false, now.routes(), now.pinnedPeer());
            bySa.put(sa, udp);
            installed.replaceAll((k, v) -> v == now ? udp : v);
            LOG.log(System.Logger.Level.INFO, "{0}: the peer sends ESP in UDP from {1}; answering in UDP too", sa, remote);
        }
    }

    private static int spi(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reader, removes and wipes every SA, and closes the device (which takes its routes along). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            reader.join(POLL_MILLIS * 5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PlainEspSender p = plain;
        if (p != null) p.close();
        synchronized (this) {
            installed.clear();
            bySa.clear();
            table.clear();
            traps.clear();
            routes.forget();
        }
        try {
            device.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + device.name() + ": " + e.getMessage());
        }
    }
}
