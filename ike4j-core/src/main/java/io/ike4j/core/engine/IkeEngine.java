package io.ike4j.core.engine;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.exchange.CookieUnit;
import io.ike4j.core.exchange.IkeAuthExchange;
import io.ike4j.core.exchange.IkeSaInitExchange;
import io.ike4j.core.exchange.InformationalExchange;
import io.ike4j.core.exchange.Messenger;
import io.ike4j.core.exchange.SaInfos;
import io.ike4j.core.exchange.SaLifecycle;
import io.ike4j.core.exchange.Session;
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
 * per input (the datagram is dropped) so one bad packet cannot take the engine down.
 */
public final class IkeEngine implements Engine {
    private volatile EngineContext context;
    private final SaTable table;

    public IkeEngine(EngineContext context) {
        this.context = context;
        this.table = new SaTable(context.random(), new CookieUnit(context.random(),
                context.config().settings().cookieSecretLifetime(), context.clock().instant()));
    }

    /** New connections and settings apply to SAs set up from now on; established SAs keep the configuration they were made with. */
    @Override
    public void reconfigure(io.ike4j.core.config.EngineConfig config) {
        EngineContext c = context;
        context = new EngineContext(config, c.clock(), c.random(), c.log(), c.keyLog());
    }

    @Override
    public List<EngineOutput> handle(EngineInput input) {
        EngineContext context = this.context;
        Session s = new Session(context, table);
        try {
            switch (input) {
                case EngineInput.DatagramReceived d -> datagram(s, d);
                case EngineInput.TimerFired t -> timer(s, t.timer());
                case EngineInput.Initiate i -> context.config().connection(i.connection()).ifPresentOrElse(
                        c -> IkeSaInitExchange.initiate(s, c, i.child()),
                        () -> s.event(new SaEvent.IkeSaFailed(0, i.connection(), 0, "no such connection")));
                case EngineInput.TerminateIke t -> withSa(t.ikeSaId(), sa -> enqueue(s, sa, new IkeSa.PendingTask.DeleteIke()));
                case EngineInput.TerminateChild t -> withSa(t.ikeSaId(),
                        sa -> enqueue(s, sa, new IkeSa.PendingTask.DeleteChild(t.childSaId())));
                case EngineInput.Shutdown x -> table.all().forEach(sa -> withSa(sa.id(), a -> shutdown(s, a)));
            }
        } catch (RuntimeException e) {
            context.log().log(EngineLog.Subsystem.NET, "", 0, "input dropped after internal error: " + e);
        }
        return s.outputs();
    }

    private void shutdown(Session s, IkeSa sa) {
        if (sa.state == IkeSaState.ESTABLISHED) enqueue(s, sa, new IkeSa.PendingTask.DeleteIke());
        else SaLifecycle.end(s, sa, "shutdown");
    }

    private void enqueue(Session s, IkeSa sa, IkeSa.PendingTask task) {
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

    private static void locked(IkeSa sa, Consumer<IkeSa> action) {
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
        withSa(t.ikeSaId(), sa -> {
            switch (t.kind()) {
                case RETRANSMIT -> {
                    if (!Messenger.retransmit(s, sa, t.detail())) {
                        sa.outstanding = null;
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
        if (d.length < IkeHeader.SIZE) return;
        DecodeResult r = Messenger.CODEC.decode(d);
        if (r instanceof DecodeResult.Rejected rej) {
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
                locked(known.get(), sa -> resendCachedResponse(s, sa, 0));
            } else {
                IkeSaInitExchange.respond(s, in, m, d);
            }
            return;
        }
        long localSpi = h.initiator() ? h.responderSpi() : h.initiatorSpi();
        Optional<IkeSa> found = table.bySpi(localSpi);
        if (found.isEmpty()) return; // RFC 7296 2.21: unknown SPI, drop (INVALID_IKE_SPI is optional)
        locked(found.get(), sa -> {
            if (sa.isInitiator() == h.initiator()) return; // the I flag must name the peer's role
            if (h.response()) response(s, sa, in, m, d);
            else request(s, sa, in, m, d);
        });
    }

    private static void resendCachedResponse(Session s, IkeSa sa, long mid) {
        if (sa.responseCache != null && sa.responseCache.messageId() == mid) Messenger.emit(s, sa, sa.responseCache.datagrams());
    }

    private void request(Session s, IkeSa sa, EngineInput.DatagramReceived in, IkeMessage m, byte[] d) {
        long mid = m.header().messageId();
        if (sa.responseCache != null && mid == sa.expectedRequestId - 1) { // RFC 7296 2.1: retransmitted request
            resendCachedResponse(s, sa, mid);
            return;
        }
        if (mid != sa.expectedRequestId) return;
        ExchangeType ex = m.header().exchange().orElseThrow();
        switch (Messenger.open(sa, m, d)) {
            case Messenger.Opened.Dropped x -> { }
            case Messenger.Opened.Incomplete x -> { }
            case Messenger.Opened.Invalid inv -> {
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
                if (!in.remote().equals(sa.remote) || !in.local().equals(sa.local)) { // RFC 7296 2.23: follow the peer's NAT mapping
                    sa.remote = in.remote();
                    sa.local = in.local();
                }
                switch (ex) {
                    case IKE_AUTH -> {
                        if (!sa.isInitiator() && sa.state == IkeSaState.CONNECTING) IkeAuthExchange.respond(s, sa, msg.message());
                    }
                    case INFORMATIONAL -> {
                        if (sa.state == IkeSaState.ESTABLISHED || sa.state == IkeSaState.DELETING) {
                            InformationalExchange.respond(s, sa, msg.message());
                        }
                    }
                    // rekeying and further CHILD_SAs are not implemented yet (RFC 7296 1.3)
                    case CREATE_CHILD_SA -> Messenger.sendResponse(s, sa, ex, mid,
                            List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_SAS, new byte[0])));
                    default -> { }
                }
            }
        }
    }

    private void response(Session s, IkeSa sa, EngineInput.DatagramReceived in, IkeMessage m, byte[] d) {
        long mid = m.header().messageId();
        if (sa.outstanding == null || sa.outstanding.messageId() != mid) return;
        ExchangeType ex = m.header().exchange().orElseThrow();
        if (ex != sa.outstanding.exchange()) return;
        if (ex == ExchangeType.IKE_SA_INIT) {
            if (sa.state == IkeSaState.CONNECTING && sa.keys == null) IkeSaInitExchange.processResponse(s, sa, m, d);
            return;
        }
        switch (Messenger.open(sa, m, d)) {
            case Messenger.Opened.Dropped x -> { }
            case Messenger.Opened.Incomplete x -> { }
            case Messenger.Opened.Invalid inv -> {
                Messenger.answered(s, sa);
                if (sa.state != IkeSaState.ESTABLISHED) SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "invalid " + ex + " response");
                else InformationalExchange.processResponse(s, sa, m);
            }
            case Messenger.Opened.Message msg -> {
                Messenger.answered(s, sa);
                switch (ex) {
                    case IKE_AUTH -> IkeAuthExchange.processResponse(s, sa, msg.message());
                    case INFORMATIONAL -> InformationalExchange.processResponse(s, sa, msg.message());
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

    @Override
    public List<IkeSaInfo> listSas() {
        List<IkeSaInfo> out = new ArrayList<>();
        for (IkeSa sa : table.all()) {
            sa.lock().lock();
            try {
                if (sa.state != IkeSaState.DESTROYED) out.add(SaInfos.ike(sa));
            } finally {
                sa.lock().unlock();
            }
        }
        out.sort(Comparator.comparingLong(IkeSaInfo::ikeSaId));
        return out;
    }

    @Override
    public Optional<ConnectionConfig> connection(String name) {
        return context.config().connection(name);
    }
}
