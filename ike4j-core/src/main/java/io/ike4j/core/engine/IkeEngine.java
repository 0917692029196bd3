package io.ike4j.core.engine;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.exchange.ChildRekeyUnit;
import io.ike4j.core.exchange.CookieUnit;
import io.ike4j.core.exchange.ReauthUnit;
import io.ike4j.core.exchange.CreateChildSaExchange;
import io.ike4j.core.exchange.FollowupKeExchange;
import io.ike4j.core.exchange.IkeIntermediateExchange;
import io.ike4j.core.exchange.IkeRekeyExchange;
import io.ike4j.core.exchange.IkeAuthExchange;
import io.ike4j.core.exchange.IkeSaInitExchange;
import io.ike4j.core.exchange.InformationalExchange;
import io.ike4j.core.exchange.Messenger;
import io.ike4j.core.exchange.MobikeExchange;
import io.ike4j.core.exchange.RedirectExchange;
import io.ike4j.core.exchange.Reestablish;
import io.ike4j.core.exchange.SaInfos;
import io.ike4j.core.exchange.SaLifecycle;
import io.ike4j.core.exchange.Session;
import io.ike4j.core.exchange.v1.V1Machine;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The IKEv2 engine (RFC 7296): routes datagrams, timers and commands to the SA they concern and runs the
 * exchanges under that SA's lock. Never throws on network input; unexpected exceptions from a bug are contained
 * per input (the datagram is dropped) so one bad packet cannot take the engine down. ISAKMP datagrams (major version
 * 1), {@code version = 1} connections and their SAs' timers and commands go to the IKEv1 machine ({@link V1Machine}).
 */
public final class IkeEngine implements Engine {
    private volatile EngineContext context;
    private final SaTable table;
    private final V1Machine v1 = new V1Machine();
    private final LifecycleActions actions;

    public IkeEngine(EngineContext context) {
        this.context = context;
        this.table = new SaTable(context.random(), new CookieUnit(context.random(),
                context.config().settings().cookieSecretLifetime(), context.clock().instant()));
        this.actions = new LifecycleActions(table, v1);
        table.pools().configure(context.config().pools());
    }

    /** The virtual IP pools and their leases (RFC 7296 3.15), e.g. for {@code list-pools}. */
    @Override
    public List<io.ike4j.core.pool.PoolStatus> pools() {
        return table.pools().status();
    }

    /** New connections and settings apply to SAs set up from now on; established SAs keep the configuration they were made with. */
    @Override
    public void reconfigure(io.ike4j.core.config.EngineConfig config) {
        EngineContext c = context;
        context = new EngineContext(config, c.clock(), c.random(), c.log(), c.keyLog(), c.sourceAddresses());
        table.pools().configure(config.pools());
    }

    @Override
    public List<EngineOutput> handle(EngineInput input) {
        EngineContext context = this.context;
        Session s = new Session(context, table);
        try {
            switch (input) {
                case EngineInput.DatagramReceived d -> datagram(s, d);
                case EngineInput.TimerFired t -> timer(s, t.timer());
                case EngineInput.Initiate i -> initiate(s, i);
                case EngineInput.TerminateIke t -> {
                    if (v1.owns(t.ikeSaId())) v1.terminateIke(s, t.ikeSaId());
                    else withSa(t.ikeSaId(), sa -> enqueue(s, sa, new IkeSa.PendingTask.DeleteIke()));
                }
                case EngineInput.TerminateChild t -> {
                    if (v1.owns(t.ikeSaId())) v1.terminateChild(s, t.ikeSaId(), t.childSaId());
                    else withSa(t.ikeSaId(), sa -> enqueue(s, sa, new IkeSa.PendingTask.DeleteChild(t.childSaId())));
                }
                case EngineInput.RekeyIke r -> {
                    if (!v1.owns(r.ikeSaId())) withSa(r.ikeSaId(), sa -> {
                        if (sa.state != IkeSaState.ESTABLISHED || sa.retired) return;
                        if (r.reauth()) ReauthUnit.start(s, sa);
                        else enqueue(s, sa, new IkeSa.PendingTask.RekeyIke());
                    });
                }
                case EngineInput.RekeyChild r -> {
                    if (!v1.owns(r.ikeSaId())) withSa(r.ikeSaId(), sa -> enqueue(s, sa, new IkeSa.PendingTask.RekeyChild(r.childSaId())));
                }
                case EngineInput.ChildSaExpired e -> {
                    if (!v1.childExpired(s, e.ikeSaId(), e.childSaId(), e.hard())) withSa(e.ikeSaId(), sa -> {
                        if (sa.state == IkeSaState.ESTABLISHED) ChildRekeyUnit.expired(s, sa, e.childSaId(), e.hard());
                    });
                }
                case EngineInput.LocalAddressesChanged a -> table.all().forEach(sa -> withSa(sa.id(),
                        x -> MobikeExchange.addressesChanged(s, x, a.addresses())));
                case EngineInput.Redirect r -> withSa(r.ikeSaId(), sa -> RedirectExchange.request(s, sa, r.gateway()));
                case EngineInput.Acquire a -> actions.acquire(s, a.connection(), a.child());
                case EngineInput.ApplyStartActions x -> actions.applyStartActions(s);
                case EngineInput.Shutdown x -> {
                    table.all().forEach(sa -> withSa(sa.id(), a -> shutdown(s, a)));
                    v1.shutdown(s);
                }
            }
            for (Session.UniquenessCheck u : s.uniquenessChecks()) replaceDuplicates(s, u);
            for (long old : s.reauthenticated()) withSa(old, sa -> enqueue(s, sa, new IkeSa.PendingTask.DeleteIke()));
            for (int round = 0; round < 8; round++) { // deferred work, outside every SA lock (may defer more)
                List<Consumer<Session>> later = s.takeAfterwards();
                if (later.isEmpty()) break;
                later.forEach(a -> a.accept(s));
            }
            actions.afterInput(s);
        } catch (RuntimeException e) {
            context.log().log(EngineLog.Subsystem.NET, "", 0, "input dropped after internal error: " + e);
        }
        return s.outputs();
    }

    /** A CHILD_SA of a connection whose IKE SA is up is created with CREATE_CHILD_SA (like swanctl --initiate --child). */
    private void initiate(Session s, EngineInput.Initiate i) {
        Optional<ConnectionConfig> c = s.context().config().connection(i.connection());
        if (c.isEmpty()) {
            s.event(new SaEvent.IkeSaFailed(0, i.connection(), 0, "no such connection"));
            return;
        }
        if (c.get().version() == 1) { // IKEv1 (RFC 2409); version 0 (any) initiates IKEv2 like strongSwan
            v1.initiate(s, c.get(), i.child());
            return;
        }
        if (!i.newIkeSa() && i.child() != null && c.get().child(i.child()).isPresent()) {
            for (IkeSa existing : table.all()) {
                boolean[] used = {false};
                lockedIfCandidate(existing, sa -> sa.state == IkeSaState.ESTABLISHED
                        && sa.connectionName().equals(i.connection()), sa -> {
                    if (sa.state == IkeSaState.ESTABLISHED && !sa.retired && sa.connectionName().equals(i.connection())) {
                        enqueue(s, sa, new IkeSa.PendingTask.CreateChild(i.child()));
                        used[0] = true;
                    }
                });
                if (used[0]) return;
            }
        }
        IkeSaInitExchange.initiate(s, c.get(), i.child());
    }

    /** RFC 7296 2.4 INITIAL_CONTACT / unique=replace: older IKE SAs between the same identities go away. */
    private void replaceDuplicates(Session s, Session.UniquenessCheck u) {
        for (IkeSa other : table.all()) {
            if (other.id() == u.ikeSaId()) continue;
            lockedIfCandidate(other, sa -> sa.state == IkeSaState.ESTABLISHED && u.localId().equals(sa.localId)
                    && u.remoteId().equals(sa.remoteId), sa -> {
                if (sa.retired || sa.state != IkeSaState.ESTABLISHED || !u.localId().equals(sa.localId)
                        || !u.remoteId().equals(sa.remoteId)) return;
                if (u.initialContact()) {
                    SaLifecycle.close(s, sa, "replaced: peer sent INITIAL_CONTACT");
                } else {
                    enqueue(s, sa, new IkeSa.PendingTask.DeleteIke());
                }
            });
        }
    }

    private void shutdown(Session s, IkeSa sa) {
        if (sa.state == IkeSaState.ESTABLISHED) enqueue(s, sa, new IkeSa.PendingTask.DeleteIke());
        else SaLifecycle.end(s, sa, "shutdown");
    }

    static void enqueue(Session s, IkeSa sa, IkeSa.PendingTask task) {
        if (sa.state != IkeSaState.ESTABLISHED) {
            if (task instanceof IkeSa.PendingTask.DeleteIke) SaLifecycle.end(s, sa, "terminated");
            return;
        }
        sa.queue.add(task);
        InformationalExchange.runQueue(s, sa);
    }

    private void withSa(long id, Consumer<IkeSa> action) {
        table.byId(id).ifPresent(sa -> locked(sa, action));
    }

    /**
     * {@link #locked} for a scan over other SAs: an SA busy with another input (a handshake waiting for a CRL
     * download or a RADIUS server) is waited for only when an unlocked look says it may be what the scan is after
     * ({@code candidate}, re-checked by {@code action} under the lock). A stalled handshake thus never holds up the
     * scans on every other SA's path (INITIAL_CONTACT, unique, initiating a CHILD_SA).
     */
    static void lockedIfCandidate(IkeSa sa, java.util.function.Predicate<IkeSa> candidate, Consumer<IkeSa> action) {
        if (sa.lock().tryLock()) {
            try {
                if (sa.state != IkeSaState.DESTROYED) action.accept(sa);
            } finally {
                sa.lock().unlock();
            }
            return;
        }
        if (candidate.test(sa)) locked(sa, action);
    }

    /**
     * Datagrams that may wait for one SA held by another input. A peer has at most a request and a response in flight
     * per SA (RFC 7296 2.3, window size 1) plus their retransmissions; more are a flood aimed at an SA that is busy
     * (e.g. waiting for a CRL download or a RADIUS server), and each waiting datagram holds a thread and its bytes.
     */
    static final int MAX_WAITING_DATAGRAMS = 4;

    /** {@link #locked} for a received datagram: beyond {@link #MAX_WAITING_DATAGRAMS} waiting, it is dropped. */
    private static void lockedForDatagram(Session s, IkeSa sa, Consumer<IkeSa> action) {
        if (sa.lock().tryLock()) {
            try {
                if (sa.state != IkeSaState.DESTROYED) action.accept(sa);
            } finally {
                sa.lock().unlock();
            }
            return;
        }
        if (sa.waitingDatagrams.incrementAndGet() > MAX_WAITING_DATAGRAMS) {
            sa.waitingDatagrams.decrementAndGet();
            s.log(EngineLog.Subsystem.NET, null, "dropped datagram for busy IKE_SA " + sa.id() + ": "
                    + MAX_WAITING_DATAGRAMS + " already waiting");
            return;
        }
        try {
            locked(sa, action);
        } finally {
            sa.waitingDatagrams.decrementAndGet();
        }
    }

    /** The IKE SA with this unique id (tests). */
    Optional<IkeSa> sa(long id) {
        return table.byId(id);
    }

    static void locked(IkeSa sa, Consumer<IkeSa> action) {
        sa.lock().lock();
        try {
            if (sa.state != IkeSaState.DESTROYED) action.accept(sa);
        } finally {
            sa.lock().unlock();
        }
    }

    private void timer(Session s, TimerId t) {
        if (t.kind() == TimerId.TimerKind.COOKIE_SECRET_ROTATION) {
            table.cookies().rotate(s.now());
            return;
        }
        if (v1.owns(t.ikeSaId())) {
            v1.timer(s, t);
            return;
        }
        withSa(t.ikeSaId(), sa -> {
            switch (t.kind()) {
                case RETRANSMIT -> {
                    if (!Messenger.retransmit(s, sa, t.detail())) {
                        sa.outstanding = null;
                        Reestablish.gaveUp(s, sa); // keyingtries, dpd_action
                        SaLifecycle.end(s, sa, "peer did not answer after " + s.settings().retransmitTries() + " retransmits");
                    }
                }
                case HALF_OPEN_TIMEOUT -> {
                    if (sa.state != IkeSaState.ESTABLISHED && sa.state != IkeSaState.DELETING) {
                        SaLifecycle.fail(s, sa, 0, "half-open timeout");
                    }
                }
                case NAT_KEEPALIVE -> {
                    if (sa.natLocal) {
                        s.emit(new EngineOutput.SendKeepalive(sa.local, sa.remote));
                        s.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, s.settings().natKeepalive());
                    }
                }
                case IKE_REKEY -> {
                    if (sa.state == IkeSaState.ESTABLISHED && !sa.retired) enqueue(s, sa, new IkeSa.PendingTask.RekeyIke());
                }
                case IKE_REAUTH -> {
                    if (sa.state == IkeSaState.ESTABLISHED && !sa.retired) ReauthUnit.start(s, sa);
                }
                case IKE_EXPIRE -> { // neither rekeyed nor reauthenticated within over_time: the SA dies
                    if (sa.retired) return;
                    s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA hard lifetime reached");
                    if (sa.state == IkeSaState.ESTABLISHED && sa.outstanding == null) enqueue(s, sa, new IkeSa.PendingTask.DeleteIke());
                    else SaLifecycle.end(s, sa, "hard lifetime reached");
                }
                case DELETE_OLD -> {
                    if (sa.retired) SaLifecycle.close(s, sa, "old IKE SA after rekey");
                }
                case CHILD_REKEY -> {
                    if (sa.state == IkeSaState.ESTABLISHED) enqueue(s, sa, new IkeSa.PendingTask.RekeyChild(t.detail()));
                }
                case CHILD_EXPIRE -> sa.child(t.detail()).ifPresent(c -> {
                    if (sa.state == IkeSaState.ESTABLISHED) enqueue(s, sa, new IkeSa.PendingTask.DeleteChild(c.id()));
                });
                case DPD -> {
                    if (sa.state == IkeSaState.ESTABLISHED) {
                        if (sa.outstanding == null && sa.queue.isEmpty()) enqueue(s, sa, new IkeSa.PendingTask.Liveness());
                        s.startTimer(sa, TimerId.TimerKind.DPD, 0, sa.connection.dpdDelay());
                    }
                }
                default -> { }
            }
        });
    }

    private void datagram(Session s, EngineInput.DatagramReceived in) {
        byte[] d = in.data();
        if (d.length < IkeHeader.SIZE) { // RFC 7296 3.1: not even a header; nothing to answer to
            s.log(EngineLog.Subsystem.NET, null, "dropped " + d.length + "-byte datagram from " + in.remote() + ": shorter than an IKE header");
            return;
        }
        if ((d[17] & 0xf0) == 0x10) { // ISAKMP major version 1 (RFC 2408 3.1): the IKEv1 state machine
            v1.datagram(s, in);
            return;
        }
        DecodeResult r = Messenger.CODEC.decode(d);
        if (r instanceof DecodeResult.Rejected rej) {
            s.log(EngineLog.Subsystem.NET, null, "rejected datagram from " + in.remote() + ": " + rej.error().kind()
                    + " " + rej.error().detail());
            rejected(s, in, d, rej);
            return;
        }
        IkeMessage m = ((DecodeResult.Decoded) r).message();
        IkeHeader h = m.header();
        Optional<ExchangeType> ex = h.exchange();
        if (ex.isEmpty()) return;
        if (ex.get() == ExchangeType.IKE_SA_INIT && !h.response()) {
            if (h.responderSpi() != 0 || !h.initiator() || h.messageId() != 0) return;
            Optional<IkeSa> known = table.halfOpen(in.remote(), h.initiatorSpi());
            if (known.isPresent()) {
                lockedForDatagram(s, known.get(), sa -> resendCachedResponse(s, sa, in, 0, d));
            } else {
                IkeSaInitExchange.respond(s, in, m, d);
            }
            return;
        }
        long localSpi = h.initiator() ? h.responderSpi() : h.initiatorSpi();
        Optional<IkeSa> found = table.bySpi(localSpi);
        if (found.isEmpty()) { // RFC 7296 2.21: unknown SPI, drop (INVALID_IKE_SPI is optional)
            s.log(EngineLog.Subsystem.NET, null, "dropped " + ex.get() + " from " + in.remote() + " for unknown SPI");
            return;
        }
        lockedForDatagram(s, found.get(), sa -> {
            if (sa.isInitiator() == h.initiator()) return; // the I flag must name the peer's role
            if (h.initiatorSpi() != sa.initiatorSpi()) return; // RFC 7296 2.6: both SPIs identify the SA
            if (ex.get() != ExchangeType.IKE_SA_INIT && h.responderSpi() != sa.responderSpi) return;
            if (h.response()) response(s, sa, in, m, d);
            else request(s, sa, in, m, d);
        });
    }

    /** RFC 7296 2.1: a retransmitted request gets the very same response; only byte-identical copies count. */
    private static void resendCachedResponse(Session s, IkeSa sa, EngineInput.DatagramReceived in, long mid, byte[] request) {
        boolean laterFragment = (request[16] & 0xff) == 53 && request.length >= 34 // SKF: answer fragment 1 only (RFC 7383 2.6.1)
                && (((request[32] & 0xff) << 8) | (request[33] & 0xff)) != 1;
        if (!laterFragment && sa.responseCache != null && sa.responseCache.messageId() == mid && sa.responseCache.answers(request)) {
            // RFC 7296 2.11: back to where the retransmission came from (a MOBIKE peer may probe a new path with it)
            for (byte[] r : sa.responseCache.datagrams()) s.emit(new EngineOutput.SendDatagram(in.local(), in.remote(), r));
        }
    }

    private void request(Session s, IkeSa sa, EngineInput.DatagramReceived in, IkeMessage m, byte[] d) {
        long mid = m.header().messageId();
        if (sa.responseCache != null && mid == sa.expectedRequestId - 1) { // RFC 7296 2.1: retransmitted request
            resendCachedResponse(s, sa, in, mid, d);
            return;
        }
        if (mid != sa.expectedRequestId) return;
        ExchangeType ex = m.header().exchange().orElseThrow();
        switch (Messenger.open(s, sa, m, d)) {
            case Messenger.Opened.Dropped x -> s.log(EngineLog.Subsystem.ENC, sa, "request " + mid + " dropped: " + x.reason());
            case Messenger.Opened.Incomplete x -> { }
            case Messenger.Opened.Invalid inv -> {
                s.log(EngineLog.Subsystem.ENC, sa, "invalid " + ex + " request: " + inv.error().detail());
                sa.expectedRequestId++;
                List<Payload> answer = new ArrayList<>();
                NotifyType type = inv.error().answer().orElse(NotifyType.INVALID_SYNTAX);
                byte[] data = type == NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD
                        ? new byte[] {(byte) (int) inv.error().payloadType().orElse(0)} : new byte[0];
                answer.add(NotifyPayload.of(type, data));
                Messenger.sendResponse(s, sa, ex, mid, answer);
                if (sa.state != IkeSaState.ESTABLISHED) SaLifecycle.fail(s, sa, type.value(), "invalid " + ex + " request");
            }
            case Messenger.Opened.Message msg -> {
                sa.expectedRequestId++;
                Endpoint oldLocal = sa.local, oldRemote = sa.remote;
                // RFC 7296 2.23: follow the peer's NAT mapping; with MOBIKE only answer on the request's path (RFC 4555 3.5)
                Endpoint[] restore = MobikeExchange.beforeRequest(s, sa, in);
                try {
                    dispatchRequest(s, sa, in, msg, d, ex, oldLocal, oldRemote);
                } finally {
                    MobikeExchange.afterRequest(sa, restore);
                }
            }
        }
    }

    private void dispatchRequest(Session s, IkeSa sa, EngineInput.DatagramReceived in, Messenger.Opened.Message msg, byte[] d,
                                 ExchangeType ex, Endpoint oldLocal, Endpoint oldRemote) {
        switch (ex) {
            case IKE_AUTH -> {
                if (!sa.isInitiator() && sa.state == IkeSaState.CONNECTING) {
                    if (sa.intermediate.complete()) IkeAuthExchange.respond(s, sa, msg.message());
                    else IkeIntermediateExchange.authTooEarly(s, sa, msg.message());
                }
            }
            case IKE_INTERMEDIATE -> { // RFC 9242 3: only between IKE_SA_INIT and IKE_AUTH
                if (!sa.isInitiator() && sa.state == IkeSaState.CONNECTING) IkeIntermediateExchange.respond(s, sa, msg.message(), d);
                else IkeIntermediateExchange.unexpected(s, sa, msg.message());
            }
            case INFORMATIONAL -> {
                if (sa.state == IkeSaState.ESTABLISHED || sa.state == IkeSaState.DELETING) {
                    InformationalExchange.respond(s, sa, msg.message(), oldLocal, oldRemote);
                } else if (sa.state == IkeSaState.CONNECTING && !sa.isInitiator()) {
                    IkeAuthExchange.informationalDuringAuth(s, sa, msg.message());
                }
            }
            case CREATE_CHILD_SA -> {
                if (sa.state == IkeSaState.CONNECTING && !sa.isInitiator()) IkeAuthExchange.childSaBeforeAuth(s, sa, msg.message());
                else CreateChildSaExchange.respond(s, sa, msg.message());
            }
            case IKE_FOLLOWUP_KE -> { // RFC 9370 2.2.4
                if (sa.state == IkeSaState.ESTABLISHED) FollowupKeExchange.respond(s, sa, msg.message());
            }
            default -> { }
        }
    }

    private void response(Session s, IkeSa sa, EngineInput.DatagramReceived in, IkeMessage m, byte[] d) {
        long mid = m.header().messageId();
        ExchangeType ex = m.header().exchange().orElseThrow();
        if (sa.outstanding == null || sa.outstanding.messageId() != mid || ex != sa.outstanding.exchange()) {
            // RFC 7296 2.1: a late or duplicated response (e.g. to a retransmitted request already answered)
            s.log(EngineLog.Subsystem.NET, sa, "ignored " + ex + " response " + mid + (sa.outstanding == null
                    ? ": no request outstanding" : ": waiting for " + sa.outstanding.exchange() + " response " + sa.outstanding.messageId()));
            return;
        }
        if (ex == ExchangeType.IKE_SA_INIT) {
            if (sa.state == IkeSaState.CONNECTING && sa.keys == null) IkeSaInitExchange.processResponse(s, sa, m, d);
            return;
        }
        switch (Messenger.open(s, sa, m, d)) {
            case Messenger.Opened.Dropped x -> s.log(EngineLog.Subsystem.ENC, sa, "response " + mid + " dropped: " + x.reason());
            case Messenger.Opened.Incomplete x -> { }
            case Messenger.Opened.Invalid inv -> {
                s.log(EngineLog.Subsystem.ENC, sa, "invalid " + ex + " response: " + inv.error().detail());
                Messenger.answered(s, sa);
                if (sa.state != IkeSaState.ESTABLISHED) SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "invalid " + ex + " response");
                else InformationalExchange.processResponse(s, sa, m);
            }
            case Messenger.Opened.Message msg -> {
                Messenger.answered(s, sa);
                switch (ex) {
                    case IKE_AUTH -> IkeAuthExchange.processResponse(s, sa, msg.message());
                    case IKE_INTERMEDIATE -> {
                        if (sa.state == IkeSaState.CONNECTING) IkeIntermediateExchange.processResponse(s, sa, msg.message(), d);
                    }
                    case INFORMATIONAL -> InformationalExchange.processResponse(s, sa, msg.message());
                    case CREATE_CHILD_SA -> {
                        if (sa.ikeRekey != null) IkeRekeyExchange.processResponse(s, sa, msg.message());
                        else CreateChildSaExchange.processResponse(s, sa, msg.message());
                    }
                    case IKE_FOLLOWUP_KE -> FollowupKeExchange.processResponse(s, sa, msg.message());
                    default -> { }
                }
            }
        }
        if (sa.state == IkeSaState.ESTABLISHED) InformationalExchange.runQueue(s, sa);
    }

    /** RFC 7296 2.21.1, 2.5: unauthenticated errors are answered only for IKE_SA_INIT requests; everything else is dropped. */
    private void rejected(Session s, EngineInput.DatagramReceived in, byte[] d, DecodeResult.Rejected rej) {
        Optional<NotifyType> answer = rej.error().answer();
        if (answer.isEmpty()) return;
        ByteBuffer b = ByteBuffer.wrap(d);
        long spiI = b.getLong(0), spiR = b.getLong(8);
        int exchange = d[18] & 0xff, flags = d[19] & 0xff;
        long mid = b.getInt(20) & 0xffffffffL;
        boolean request = (flags & 0x20) == 0;
        if (!request || exchange != ExchangeType.IKE_SA_INIT.value() || spiR != 0 || spiI == 0) return;
        byte[] data = answer.get() == NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD
                ? new byte[] {(byte) (int) rej.error().payloadType().orElse(0)} : new byte[0];
        IkeHeader h = IkeHeader.of(spiI, 0, ExchangeType.IKE_SA_INIT, false, true, mid);
        IkeSaInitExchange.answerPlain(s, in, h, List.of(NotifyPayload.of(answer.get(), data)));
    }

    /** IKE SAs in the table, retired ones included, and inbound ESP SPIs reserved (tests: nothing leaks). */
    int[] tableSizes() {
        return new int[] {table.all().size(), table.childSpisInUse()};
    }

    @Override
    public int halfOpenCount() {
        return table.halfOpenCount() + v1.halfOpenCount(); // IKEv2 and IKEv1 responders alike
    }

    @Override
    public List<IkeSaInfo> listSas() {
        List<IkeSaInfo> out = new ArrayList<>();
        for (IkeSa sa : table.all()) {
            if (sa.lock().tryLock()) {
                try {
                    if (sa.state != IkeSaState.DESTROYED && !sa.retired) out.add(SaInfos.ike(sa));
                } finally {
                    sa.lock().unlock();
                }
                continue;
            }
            // busy with an input, perhaps for long (a handshake waiting for a CRL download or a RADIUS server): a
            // listing must not wait for it, so it shows an unlocked look, or leaves the SA out if that look fails
            try {
                if (sa.state != IkeSaState.DESTROYED && !sa.retired) out.add(SaInfos.ike(sa));
            } catch (RuntimeException e) {
                // changed under our feet; listed next time
            }
        }
        out.addAll(v1.listSas());
        out.sort(Comparator.comparingLong(IkeSaInfo::ikeSaId));
        return out;
    }

    @Override
    public Optional<ConnectionConfig> connection(String name) {
        return context.config().connection(name);
    }
}
