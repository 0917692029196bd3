package io.ike4j.platform.dataplane;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.ChildSaSpec.DirectionKeys;
import io.ike4j.platform.xfrm.XfrmAlgorithmNames;
import io.ike4j.platform.xfrm.XfrmAlgorithms;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmEncap;
import io.ike4j.platform.xfrm.XfrmEvent;
import io.ike4j.platform.xfrm.XfrmEventListener;
import io.ike4j.platform.xfrm.XfrmLifetime;
import io.ike4j.platform.xfrm.XfrmMode;
import io.ike4j.platform.xfrm.XfrmPolicy;
import io.ike4j.platform.xfrm.XfrmPolicyId;
import io.ike4j.platform.xfrm.XfrmResult;
import io.ike4j.platform.xfrm.XfrmSa;
import io.ike4j.platform.xfrm.XfrmSaId;
import io.ike4j.platform.xfrm.XfrmSaInfo;
import io.ike4j.platform.xfrm.XfrmSelector;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CHILD_SAs in the Linux kernel over NETLINK_XFRM: both ESP SAs (XFRM_MSG_NEWSA, with algorithms mapped by
 * {@link XfrmAlgorithmNames}, UDP encapsulation, ESN and replay window, lifetimes, reqid) and the policies out/in/fwd
 * for every local×remote selector pair ({@link XfrmPolicies}, installed with UPDPOLICY and reference-counted so that
 * a rekeyed CHILD_SA with the same selectors shares them). Counters come from XFRM_MSG_GETSA (current bytes/packets).
 * A kernel refusal becomes a {@link DataPlaneException} carrying the {@code XfrmError} message, and whatever the
 * failed install had added is removed again. Thread-safe (one netlink client, serialized).
 *
 * <p>{@link #install(ChildSaSpec, boolean) Deferred outbound} (the responder of a CHILD_SA rekey, RFC 7296 1.3.3):
 * the kernel picks the newest outbound SA matching a policy template's addresses and reqid, so merely adding the
 * new outbound SA would move traffic to it before the peer has its inbound SA. As strongSwan does (it registers the
 * outbound SA and installs it when the old CHILD_SA is deleted), the new inbound SA and the in/fwd policies are
 * installed at once, while the outbound SA and the out policies' templates are installed when the last older
 * CHILD_SA needing the same out policies is removed, just before its SAs are deleted ({@link DeferredOutbound}).
 */
public final class XfrmDataPlane implements DataPlane {
    private static final System.Logger LOG = System.getLogger(XfrmDataPlane.class.getName());

    private record Key(long ikeSaId, long childSaId) {}

    /**
     * One installed CHILD_SA; {@code pending}, while its outbound SA waits for the CHILD_SAs it replaces to go
     * (then the outbound SA is not in the kernel).
     */
    private record Installed(XfrmSaId inbound, XfrmSaId outbound, List<XfrmPolicyId> policies, DeferredOutbound pending) {
        boolean outboundActive() {
            return pending == null;
        }

        Installed activated() {
            return new Installed(inbound, outbound, policies, null);
        }
    }

    private final XfrmClient client;
    private final Map<Key, Installed> installed = new HashMap<>();
    private final Map<XfrmPolicyId, Integer> policyRefs = new HashMap<>();
    /** Trap policies by trap key, and the trap key of each of their "out" selectors (to name acquires). */
    private final Map<String, List<XfrmPolicyId>> traps = new HashMap<>();
    private final Map<XfrmSelector, io.ike4j.core.engine.TrapPolicy> trapsBySelector = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Supplier<XfrmResult<XfrmEventListener>> events;
    private volatile AcquireListener acquires = AcquireListener.NONE;
    private volatile ExpiryListener expiries = ExpiryListener.NONE;
    /** Expiries already reported (the kernel expires both SAs of a CHILD_SA): key and hard. Guarded by this. */
    private final java.util.Set<Map.Entry<Key, Boolean>> reported = new java.util.HashSet<>();
    private Thread eventReader;
    private volatile boolean closed;
    private final KernelVirtualIps virtualIps;

    /** Uses {@code client} (owned from now on: closed with the data plane). */
    public XfrmDataPlane(XfrmClient client) {
        this(client, XfrmEventListener::open);
    }

    /** With {@code events}: where XFRM_MSG_ACQUIRE notifications come from, opened with the first trap. */
    public XfrmDataPlane(XfrmClient client, java.util.function.Supplier<XfrmResult<XfrmEventListener>> events) {
        this(client, events, VirtualIpInstaller.ipRoute2(io.ike4j.platform.tun.IpRoute2.system()));
    }

    /** With virtual IPs (RFC 7296 3.15) put on interfaces through {@code vipInstaller}. */
    public XfrmDataPlane(XfrmClient client, VirtualIpInstaller vipInstaller) {
        this(client, XfrmEventListener::open, vipInstaller);
    }

    public XfrmDataPlane(XfrmClient client, java.util.function.Supplier<XfrmResult<XfrmEventListener>> events,
                         VirtualIpInstaller vipInstaller) {
        this.client = client;
        this.events = events;
        this.virtualIps = new KernelVirtualIps(vipInstaller);
    }

    /** Puts the virtual IP on the interface towards {@code peer} (strongSwan's kernel-netlink does the same). */
    @Override
    public void addVirtualIp(InetAddress address, InetAddress peer) throws DataPlaneException {
        if (closed) throw new DataPlaneException("data plane closed");
        virtualIps.add(address, peer);
    }

    @Override
    public boolean removeVirtualIp(InetAddress address) {
        return virtualIps.remove(address);
    }

    @Override
    public synchronized boolean installTrap(io.ike4j.core.engine.TrapPolicy trap) throws DataPlaneException {
        if (closed) throw new DataPlaneException("data plane closed");
        List<XfrmPolicy> policies = XfrmPolicies.trap(trap);
        startEventReader();
        removeTrap(trap);
        List<XfrmPolicyId> done = new ArrayList<>();
        try {
            for (XfrmPolicy p : policies) {
                acquire(p);
                done.add(p.id());
            }
        } catch (DataPlaneException e) {
            done.forEach(this::release);
            throw e;
        }
        traps.put(trap.key(), List.copyOf(done));
        for (XfrmPolicy p : policies) trapsBySelector.put(p.selector(), trap);
        return true;
    }

    @Override
    public synchronized boolean removeTrap(io.ike4j.core.engine.TrapPolicy trap) {
        List<XfrmPolicyId> ids = traps.remove(trap.key());
        if (ids == null) return false;
        for (XfrmPolicyId id : ids) {
            trapsBySelector.remove(id.selector());
            release(id);
        }
        return true;
    }

    @Override
    public void acquireListener(AcquireListener listener) {
        acquires = listener == null ? AcquireListener.NONE : listener;
    }

    @Override
    public void expiryListener(ExpiryListener listener) {
        expiries = listener == null ? ExpiryListener.NONE : listener;
    }

    /**
     * The kernel's acquires for our trap policies and expires of our SAs go to the listeners, from a thread started
     * with the first trap or CHILD_SA.
     */
    private void startEventReader() throws DataPlaneException {
        if (eventReader != null) return;
        XfrmEventListener l = unwrap(events.get());
        eventReader = Thread.ofPlatform().daemon().name("ike4j-xfrm-events").start(() -> {
            try (l) {
                while (!closed) {
                    if (l.poll(Duration.ofMillis(200)) instanceof XfrmResult.Ok<List<XfrmEvent>>(List<XfrmEvent> evs)) {
                        for (XfrmEvent e : evs) {
                            if (e instanceof XfrmEvent.Acquire a) acquired(a);
                            else if (e instanceof XfrmEvent.Expire x) expired(x);
                        }
                    }
                }
            }
        });
    }

    /**
     * XFRM_MSG_EXPIRE of one of our SAs (by destination and SPI): reported once per CHILD_SA and kind, since the
     * kernel expires the inbound and the outbound SA separately. Expires of SAs not installed here are ignored.
     */
    private void expired(XfrmEvent.Expire x) {
        Key found = null;
        synchronized (this) {
            for (Map.Entry<Key, Installed> e : installed.entrySet()) {
                Installed i = e.getValue();
                if (matches(i.inbound(), x) || matches(i.outbound(), x)) {
                    found = e.getKey();
                    break;
                }
            }
            if (found == null || !reported.add(Map.entry(found, x.hard()))) {
                if (found == null) {
                    LOG.log(System.Logger.Level.DEBUG, "expire for an SA that is not ours: SPI {0}",
                            Integer.toHexString(x.sa().spi()));
                }
                return;
            }
        }
        expiries.expired(found.ikeSaId(), found.childSaId(), x.hard());
    }

    private static boolean matches(XfrmSaId id, XfrmEvent.Expire x) {
        return id.spi() == x.sa().spi() && id.protocol() == x.sa().protocol() && id.destination().equals(x.sa().destination());
    }

    private void acquired(XfrmEvent.Acquire a) {
        io.ike4j.core.engine.TrapPolicy t = trapsBySelector.get(a.policy().selector());
        if (t == null) {
            LOG.log(System.Logger.Level.DEBUG, "acquire for a policy that is no trap of ours: {0}", a.policy().selector());
            return;
        }
        acquires.acquire(t.connection(), t.child());
    }

    /** Opens a NETLINK_XFRM socket in this network namespace. */
    public static XfrmDataPlane open(Duration timeout) throws DataPlaneException {
        return new XfrmDataPlane(unwrap(XfrmClient.open(timeout)));
    }

    @Override
    public synchronized void install(ChildSaSpec spec) throws DataPlaneException {
        install(spec, false);
    }

    /**
     * Installs a CHILD_SA; with {@code outboundDeferred} and an older CHILD_SA of ours needing the same out policies,
     * its outbound SA (and the out policies' template) are installed only when the last such CHILD_SA is removed.
     */
    @Override
    public synchronized void install(ChildSaSpec spec, boolean outboundDeferred) throws DataPlaneException {
        if (closed) throw new DataPlaneException("data plane closed");
        Key key = new Key(spec.ikeSaId(), spec.childSaId());
        if (installed.containsKey(key)) {
            throw new DataPlaneException("CHILD_SA " + spec.ikeSaId() + "/" + spec.childSaId() + " already installed");
        }
        List<XfrmPolicy> policies = XfrmPolicies.of(spec);
        try {
            startEventReader(); // the kernel enforces the lifetimes: its expires drive rekey and delete
        } catch (DataPlaneException e) {
            LOG.log(System.Logger.Level.WARNING, "no XFRM event socket, kernel expires are not seen: " + e.getMessage());
        }
        InetAddress local = spec.local().address();
        InetAddress remote = spec.remote().address();
        XfrmSaId in = XfrmSaId.esp(remote, local, spec.inbound().spi());
        XfrmSaId out = XfrmSaId.esp(local, remote, spec.outbound().spi());
        // RFC 7296 1.3.3: defer only when an older CHILD_SA still carries this traffic; otherwise nothing would send
        boolean defer = outboundDeferred && sharesOutPolicyWithActive(key, policies.stream().map(XfrmPolicy::id).toList());
        addSa(spec, spec.inbound(), remote, local, spec.remote().port(), spec.local().port());
        DeferredOutbound pending = null;
        if (defer) {
            pending = DeferredOutbound.of(spec, policies);
        } else {
            try {
                addSa(spec, spec.outbound(), local, remote, spec.local().port(), spec.remote().port());
            } catch (DataPlaneException e) {
                client.deleteSa(in);
                throw e;
            }
        }
        List<XfrmPolicyId> done = new ArrayList<>();
        try {
            for (XfrmPolicy p : policies) {
                if (defer && isOut(p.id())) {
                    policyRefs.merge(p.id(), 1, Integer::sum); // held: still the old CHILD_SA's template
                } else {
                    acquire(p);
                }
                done.add(p.id());
            }
        } catch (DataPlaneException e) {
            done.forEach(this::release);
            client.deleteSa(in);
            if (pending == null) client.deleteSa(out);
            else pending.wipe();
            throw e;
        }
        installed.put(key, new Installed(in, out, List.copyOf(done), pending));
    }

    /**
     * IKEv1 adoption: the kernel's SAs and policies stay as they are (they carry no IKE SA id); only our index moves,
     * so counters and XFRM_MSG_EXPIRE reports name the new IKE SA.
     */
    @Override
    public synchronized boolean reassign(long fromIkeSaId, long toIkeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        Key from = new Key(fromIkeSaId, childSaId);
        Key to = new Key(toIkeSaId, childSaId);
        Installed i = installed.get(from);
        if (i == null || i.inbound().spi() != inboundSpi || i.outbound().spi() != outboundSpi || installed.containsKey(to)) {
            return false;
        }
        installed.remove(from);
        installed.put(to, i);
        for (boolean hard : new boolean[] {false, true}) {
            if (reported.remove(Map.entry(from, hard))) reported.add(Map.entry(to, hard));
        }
        return true;
    }

    private static boolean isOut(XfrmPolicyId id) {
        return id.direction() == io.ike4j.platform.xfrm.XfrmDirection.OUT;
    }

    /**
     * After a removal: every CHILD_SA whose outbound SA waits, and that no other CHILD_SA with an active outbound SA
     * shares an out policy with any more, gets its outbound SA and its out policies' template now. A kernel refusal
     * here cannot reach the engine (it comes from a removal): it is logged, the CHILD_SA stays inbound-only.
     */
    private void activateDeferred() {
        for (Map.Entry<Key, Installed> e : List.copyOf(installed.entrySet())) {
            Installed i = e.getValue();
            if (i.outboundActive() || sharesOutPolicyWithActive(e.getKey(), i.policies())) continue;
            DeferredOutbound d = i.pending();
            try {
                addSa(d.spec(), d.outbound(), d.spec().local().address(), d.spec().remote().address(),
                        d.spec().local().port(), d.spec().remote().port());
                for (XfrmPolicy p : d.outPolicies()) unwrap(client.updatePolicy(p)); // now the new CHILD_SA's template
                installed.put(e.getKey(), i.activated());
            } catch (DataPlaneException ex) {
                LOG.log(System.Logger.Level.WARNING, "CHILD_SA " + e.getKey().ikeSaId() + "/" + e.getKey().childSaId()
                        + ": deferred outbound SA not installed: " + ex.getMessage());
            } finally {
                d.wipe();
            }
        }
    }

    /** Whether another CHILD_SA (not a trap) with its outbound SA in use needs one of the out policies among {@code ids}. */
    private boolean sharesOutPolicyWithActive(Key self, List<XfrmPolicyId> ids) {
        for (Map.Entry<Key, Installed> e : installed.entrySet()) {
            if (e.getKey().equals(self) || !e.getValue().outboundActive()) continue;
            for (XfrmPolicyId id : e.getValue().policies()) {
                if (isOut(id) && ids.contains(id)) return true;
            }
        }
        return false;
    }

    /** Whether the outbound SA of an installed CHILD_SA is in use (false while deferred); empty if not installed. */
    public synchronized Optional<Boolean> outboundActive(long ikeSaId, long childSaId) {
        return Optional.ofNullable(installed.get(new Key(ikeSaId, childSaId))).map(Installed::outboundActive);
    }

    private void addSa(ChildSaSpec spec, DirectionKeys keys, InetAddress src, InetAddress dst, int srcPort, int dstPort)
            throws DataPlaneException {
        byte[] ek = keys.encryptionKey();
        byte[] ik = keys.integrityKey();
        XfrmAlgorithms algs;
        try {
            algs = XfrmAlgorithmNames.of(keys.encryption(), ek, keys.integrity(), ik).orElseThrow(() ->
                    new DataPlaneException("the kernel has no name for " + keys.encryption() + "/" + keys.integrity()));
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ik, (byte) 0);
        }
        try {
            ChildSaSpec.Lifetimes l = spec.lifetimes();
            XfrmSa.Builder b = XfrmSa.builder(src, dst, keys.spi(), algs)
                    .mode(spec.mode() == ChildSaSpec.Mode.TUNNEL ? XfrmMode.TUNNEL : XfrmMode.TRANSPORT)
                    .reqid(spec.reqid())
                    .replayWindow(spec.replayWindow())
                    .esn(spec.extendedSequenceNumbers())
                    .lifetime(XfrmLifetime.of(l.softSeconds(), l.hardSeconds(), l.softBytes(), l.hardBytes(),
                            l.softPackets(), l.hardPackets()));
            if (spec.udpEncapsulation()) b.encap(XfrmEncap.espInUdp(srcPort, dstPort)); // RFC 3948
            if (spec.mode() == ChildSaSpec.Mode.TRANSPORT) b.selector(transportSelector(spec, src.equals(spec.local().address())));
            unwrap(client.addSa(b.build()));
        } finally {
            algs.wipe();
        }
    }

    /** A transport-mode SA applies to the hosts themselves (RFC 4301 4.1): the selector is host to host. */
    private static XfrmSelector transportSelector(ChildSaSpec spec, boolean outbound) {
        InetAddress l = spec.local().address();
        InetAddress r = spec.remote().address();
        int bits = l.getAddress().length * 8;
        return outbound ? XfrmSelector.of(l, bits, r, bits) : XfrmSelector.of(r, bits, l, bits);
    }

    private void acquire(XfrmPolicy p) throws DataPlaneException {
        unwrap(client.updatePolicy(p)); // creates or replaces: the newest CHILD_SA's template wins
        policyRefs.merge(p.id(), 1, Integer::sum);
    }

    private void release(XfrmPolicyId id) {
        Integer n = policyRefs.get(id);
        if (n == null) return;
        if (n > 1) {
            policyRefs.put(id, n - 1);
            return;
        }
        policyRefs.remove(id);
        if (client.deletePolicy(id) instanceof XfrmResult.Failure<Void> f) {
            LOG.log(System.Logger.Level.WARNING, f.error().message());
        }
    }

    @Override
    public synchronized boolean remove(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        Key key = new Key(ikeSaId, childSaId);
        Installed i = installed.get(key);
        if (i == null || i.inbound().spi() != inboundSpi || i.outbound().spi() != outboundSpi) return false;
        installed.remove(key);
        reported.remove(Map.entry(key, false));
        reported.remove(Map.entry(key, true));
        // a CHILD_SA waiting for this one gets its outbound SA before this one's goes (no gap without an SA)
        if (!closed) activateDeferred();
        i.policies().forEach(this::release);
        for (XfrmSaId id : i.outboundActive() ? List.of(i.inbound(), i.outbound()) : List.of(i.inbound())) {
            if (client.deleteSa(id) instanceof XfrmResult.Failure<Void> f) {
                LOG.log(System.Logger.Level.WARNING, f.error().message());
            }
        }
        if (!i.outboundActive()) i.pending().wipe();
        return true;
    }

    @Override
    public synchronized int installedCount() {
        return installed.size();
    }

    @Override
    public synchronized Optional<SaCounters> counters(long ikeSaId, long childSaId) {
        Installed i = installed.get(new Key(ikeSaId, childSaId));
        if (i == null) return Optional.empty();
        if (!i.outboundActive()) {
            return client.getSa(i.inbound()) instanceof XfrmResult.Ok<XfrmSaInfo>(XfrmSaInfo in)
                    ? Optional.of(new SaCounters(in.currentBytes(), in.currentPackets(), 0, 0)) : Optional.of(SaCounters.ZERO);
        }
        if (client.getSa(i.inbound()) instanceof XfrmResult.Ok<XfrmSaInfo>(XfrmSaInfo in)
                && client.getSa(i.outbound()) instanceof XfrmResult.Ok<XfrmSaInfo>(XfrmSaInfo out)) {
            return Optional.of(new SaCounters(in.currentBytes(), in.currentPackets(), out.currentBytes(), out.currentPackets()));
        }
        return Optional.of(SaCounters.ZERO);
    }

    /** Policies currently installed, with the number of CHILD_SAs needing each. */
    public synchronized Map<XfrmPolicyId, Integer> policies() {
        return Map.copyOf(policyRefs);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Map.Entry<Key, Installed> e : List.copyOf(installed.entrySet())) {
            remove(e.getKey().ikeSaId(), e.getKey().childSaId(), e.getValue().inbound().spi(), e.getValue().outbound().spi());
        }
        for (List<XfrmPolicyId> ids : List.copyOf(traps.values())) ids.forEach(this::release);
        traps.clear();
        trapsBySelector.clear();
        virtualIps.removeAll();
        client.close();
    }

    private static <T> T unwrap(XfrmResult<T> r) throws DataPlaneException {
        return switch (r) {
            case XfrmResult.Ok<T>(T v) -> v;
            case XfrmResult.Failure<T>(var error) -> throw new DataPlaneException(error.message());
        };
    }
}
