package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Result;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.exchange.Reestablish;
import io.ike4j.core.exchange.Session;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The IKEv1 state machine (RFC 2408/2409) behind the engine: datagrams of ISAKMP version 1, timers and commands for
 * ISAKMP SAs. Pure like the IKEv2 engine: everything it does is an output of the {@link Session}. Each SA is processed
 * under its lock; SA ids come from the engine's shared counter, so {@link #owns} tells which machine a timer is for.
 */
public final class V1Machine {
    private final V1Table table = new V1Table();

    public boolean owns(long ikeSaId) {
        return table.byId(ikeSaId).isPresent();
    }

    public void initiate(Session s, ConnectionConfig c, String child) {
        V1Run r = new V1Run(s, table);
        if (child != null && c.child(child).isPresent()) {
            for (IsakmpSa existing : table.all()) {
                boolean[] used = {false};
                locked(existing, sa -> {
                    if (sa.established() && sa.cfg.ready && sa.connectionName().equals(c.name())) {
                        QuickMode.initiate(r, sa, c.child(child).get());
                        used[0] = true;
                    }
                });
                if (used[0]) return;
            }
        }
        if (c.aggressive()) AggressiveMode.initiate(r, c, child);
        else MainMode.initiate(r, c, child);
        after(r);
    }

    /**
     * start_action, acquires, close/dpd actions: brings {@code child} of {@code c} up unless it is up or on its way
     * (Quick Mode on an established ISAKMP SA of the connection, else a new Phase 1). Outside every SA's lock.
     */
    public void establish(Session s, ConnectionConfig c, String child) {
        V1Run r = new V1Run(s, table);
        V1Establish.establish(r, c, child);
        after(r);
    }

    /** keyingtries: a new Phase 1 for {@code c} after an unanswered one ({@link Reestablish.Step.Retry}). */
    public void retry(Session s, ConnectionConfig c, Reestablish.Step.Retry step) {
        V1Run r = new V1Run(s, table);
        V1Establish.retry(r, c, step);
        after(r);
    }

    public void datagram(Session s, EngineInput.DatagramReceived in) {
        V1Run r = new V1Run(s, table);
        byte[] d = in.data();
        if (IsakmpFragment.isFragment(d)) { // strongSwan's IKEv1 fragments: the whole message once all are in
            V1Fragmentation.receive(r, in).ifPresent(m -> datagram(s, new EngineInput.DatagramReceived(in.local(), in.remote(), m)));
            return;
        }
        V1Result<IsakmpDatagram> res = V1Transport.CODEC.decode(d);
        if (res instanceof V1Result.Rejected<IsakmpDatagram> rej) {
            r.log(EngineLog.Subsystem.NET, null, "rejected IKEv1 datagram from " + in.remote() + ": " + rej.error().kind()
                    + " " + rej.error().detail());
            return;
        }
        IsakmpDatagram dg = ((V1Result.Decoded<IsakmpDatagram>) res).value();
        IsakmpHeader h = dg.header();
        Optional<V1ExchangeType> ex = h.exchange();
        if (ex.isEmpty()) return;
        boolean phase1 = ex.get() == V1ExchangeType.IDENTITY_PROTECTION || ex.get() == V1ExchangeType.AGGRESSIVE;
        if (h.responderCookie() == 0) {
            if (phase1 && dg instanceof IsakmpDatagram.Plain p && h.messageId() == 0) {
                Optional<IsakmpSa> known = table.halfOpen(in.remote(), h.initiatorCookie());
                if (known.isPresent()) locked(known.get(), sa -> V1Transport.resendAnswer(r, sa, d));
                else if (!table.isInitiating(h.initiatorCookie()) && V1HalfOpen.admit(r, in, ex.get().name())) {
                    if (ex.get() == V1ExchangeType.AGGRESSIVE) AggressiveMode.respond(r, in, p.message(), d);
                    else MainMode.respond(r, in, p.message(), d);
                }
            } else if (ex.get() == V1ExchangeType.INFORMATIONAL && table.isInitiating(h.initiatorCookie())) {
                table.find(h.initiatorCookie(), 0).ifPresent(f -> locked(f, sa -> Informational.receive(r, sa, dg)));
            } else { // RFC 2408 3.1: only a first Phase 1 message (plain, message ID 0) comes without a responder cookie
                r.log(EngineLog.Subsystem.NET, null, "dropped IKEv1 " + ex.get() + " from " + in.remote() + " without responder cookie"
                        + (phase1 ? " (message ID " + Long.toHexString(h.messageId()) + ", encrypted " + dg.header().encryption() + ")" : ""));
            }
            after(r);
            return;
        }
        Optional<IsakmpSa> found = table.find(h.initiatorCookie(), h.responderCookie());
        if (found.isEmpty()) {
            r.log(EngineLog.Subsystem.NET, null, "dropped IKEv1 " + ex.get() + " from " + in.remote() + " for unknown cookies");
            return;
        }
        locked(found.get(), sa -> {
            if (sa.cookieR != 0 && sa.cookieR != h.responderCookie()) return;
            if (V1Transport.resendAnswer(r, sa, d)) return;
            switch (ex.get()) {
                case IDENTITY_PROTECTION -> { if (!sa.aggressive) MainMode.process(r, sa, in, dg, d); }
                case AGGRESSIVE -> { if (sa.aggressive) AggressiveMode.process(r, sa, in, dg, d); }
                case QUICK_MODE -> {
                    if (sa.established() && dg instanceof IsakmpDatagram.Encrypted e) QuickMode.process(r, sa, in, e, d);
                    else r.log(EngineLog.Subsystem.ENC, sa, "Quick Mode before Phase 1 completed or unprotected dropped");
                }
                case INFORMATIONAL -> Informational.receive(r, sa, dg);
                case TRANSACTION -> {
                    if (sa.established()) Transaction.process(r, sa, dg, d);
                    else Transaction.early(r, sa, in.remote(), dg, d);
                }
                default -> r.log(EngineLog.Subsystem.NET, sa, "unsupported IKEv1 exchange " + ex.get() + " ignored");
            }
        });
        after(r);
    }

    public void timer(Session s, TimerId t) {
        V1Run r = new V1Run(s, table);
        table.byId(t.ikeSaId()).ifPresent(found -> locked(found, sa -> {
            switch (t.kind()) {
                case RETRANSMIT -> {
                    if (V1Transport.retransmit(r, sa, t.detail())) return;
                    if (t.detail() == 0 || !sa.established()) {
                        V1Reestablish.gaveUp(r, sa); // keyingtries
                        V1Lifecycle.end(r, sa, "peer did not answer after " + r.settings().retransmitTries() + " retransmits");
                    } else if (!Transaction.timedOut(r, sa, t.detail())) {
                        sa.outstanding.remove(t.detail());
                        Optional.ofNullable(sa.quickModes.get(t.detail())).ifPresent(qm -> QuickMode.unanswered(r, sa, qm));
                    }
                }
                case HALF_OPEN_TIMEOUT -> {
                    if (!sa.established()) V1Lifecycle.fail(r, sa, 0, "half-open timeout");
                }
                case NAT_KEEPALIVE -> Phase1.keepalive(r, sa);
                case DPD -> dpd(r, sa, t.detail());
                case IKE_EXPIRE -> { // a peer that reauthenticated without Quick Mode keeps using these IPsec SAs
                    V1Adoption.adoptChildren(r, sa);
                    terminate(r, sa, "lifetime expired");
                }
                case IKE_REKEY -> { // IKEv1 reauthentication: a new Phase 1 (and Quick Mode), then the old SA goes
                    if (!sa.established() || !sa.isInitiator() || sa.retired) return;
                    r.log(EngineLog.Subsystem.IKE, sa, "reauthenticating IKE_SA " + sa.connectionName() + "[" + sa.id() + "]");
                    String child = sa.children.isEmpty() ? sa.requestedChild : sa.children.getFirst().name();
                    if (sa.aggressive) AggressiveMode.initiate(r, sa.connection, child, sa.id());
                    else MainMode.initiate(r, sa.connection, child, sa.id());
                }
                case CHILD_EXPIRE -> child(sa, t.detail()).ifPresent(c -> deleteChild(r, sa, c, "lifetime expired"));
                case CHILD_REKEY -> child(sa, t.detail()).ifPresent(c -> {
                    if (sa.established() && !sa.retired && !sa.retiringChildren.contains(c.id())) {
                        QuickMode.initiate(r, sa, c.config(), c.id());
                    }
                });
                case DELETE_OLD -> { // make-before-break: a replaced pair or ISAKMP SA after its grace period
                    if (V1Handover.expired(r, sa, t.detail())) terminate(r, sa, "reauthenticated");
                }
                default -> { }
            }
        }));
        after(r);
    }

    private static void dpd(V1Run r, IsakmpSa sa, long detail) {
        if (!sa.established()) return;
        if (detail == 1) {
            if (sa.dpdOutstanding >= 0) {
                V1Reestablish.peerDead(r, sa); // dpd_action
                V1Lifecycle.close(r, sa, "DPD: peer did not answer R-U-THERE");
            }
            return;
        }
        Informational.dpd(r, sa);
        r.startTimer(sa, TimerId.TimerKind.DPD, 0, sa.connection.dpdDelay());
    }

    private static Optional<IpsecSa> child(IsakmpSa sa, long childId) {
        return sa.children.stream().filter(c -> c.id() == childId).findFirst();
    }

    /** Removes the pair first (the data plane sends nothing on it after its Delete), then sends the Delete. */
    private static void deleteChild(V1Run r, IsakmpSa sa, IpsecSa c, String reason) {
        V1Lifecycle.removeChild(r, sa, c, reason);
        if (sa.established()) Informational.deleteIpsec(r, sa, c);
    }

    /** RFC 2409 5.7 / RFC 2408 3.15: Delete for every IPsec SA, then for the ISAKMP SA, then gone. */
    private static void terminate(V1Run r, IsakmpSa sa, String reason) {
        if (sa.established()) {
            for (IpsecSa c : List.copyOf(sa.children)) deleteChild(r, sa, c, reason);
            Informational.deleteIsakmp(r, sa);
        }
        V1Lifecycle.end(r, sa, reason);
    }

    /**
     * The data plane reports that an IPsec SA reached a byte/packet limit ({@code EngineInput.ChildSaExpired}); false if
     * the SA is not IKEv1's. An adopted pair is reported under its new ISAKMP SA (the data plane re-indexed it).
     */
    public boolean childExpired(Session s, long ikeSaId, long childSaId, boolean hard) {
        V1Run r = new V1Run(s, table);
        Optional<IsakmpSa> found = table.byId(ikeSaId);
        if (found.isEmpty()) return false;
        locked(found.get(), sa -> V1ChildExpiry.expired(r, sa, childSaId, hard));
        after(r);
        return true;
    }

    public void terminateIke(Session s, long ikeSaId) {
        V1Run r = new V1Run(s, table);
        table.byId(ikeSaId).ifPresent(f -> locked(f, sa -> terminate(r, sa, "terminated")));
    }

    public void terminateChild(Session s, long ikeSaId, long childSaId) {
        V1Run r = new V1Run(s, table);
        table.byId(ikeSaId).ifPresent(f -> locked(f, sa -> child(sa, childSaId).ifPresent(c -> deleteChild(r, sa, c, "terminated"))));
    }

    /** Control ({@code rekey --child}): a Quick Mode replacing the IPsec SA, unless one is under way already. */
    public void rekeyChild(Session s, long ikeSaId, long childSaId) {
        V1Run r = new V1Run(s, table);
        table.byId(ikeSaId).ifPresent(f -> locked(f, sa -> child(sa, childSaId).ifPresent(c -> rekey(r, sa, c, "rekey requested"))));
        after(r);
    }

    private static void rekey(V1Run r, IsakmpSa sa, IpsecSa c, String why) {
        if (!sa.established() || sa.quickModes.values().stream().anyMatch(q -> q.rekeyOf == c.id())) return;
        r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + c.name() + "{" + c.id() + "} " + why + ", rekeying");
        QuickMode.initiate(r, sa, c.config(), c.id());
    }

    public void shutdown(Session s) {
        V1Run r = new V1Run(s, table);
        for (IsakmpSa each : List.copyOf(table.all())) locked(each, sa -> terminate(r, sa, "shutdown"));
    }

    /** Responder ISAKMP SAs still in Phase 1. */
    public int halfOpenCount() {
        return table.halfOpenCount();
    }

    public List<IkeSaInfo> listSas() {
        List<IkeSaInfo> out = new ArrayList<>();
        for (IsakmpSa sa : table.all()) {
            sa.lock().lock();
            try {
                if (sa.step != IsakmpSa.Step.DESTROYED) out.add(V1Infos.ike(sa));
            } finally {
                sa.lock().unlock();
            }
        }
        return out;
    }

    /** INITIAL-CONTACT (RFC 2407 4.6.3.3): older SAs between the same identities are dropped silently. */
    private void after(V1Run r) {
        for (IsakmpSa fresh : r.initialContacts) {
            for (IsakmpSa other : List.copyOf(table.all())) {
                if (other == fresh) continue;
                locked(other, sa -> {
                    if (sa.established() && fresh.localId.equals(sa.localId) && fresh.remoteId.equals(sa.remoteId)) {
                        V1Lifecycle.close(r, sa, "replaced: peer sent INITIAL-CONTACT");
                    }
                });
            }
        }
        r.initialContacts.clear();
        for (Long old : List.copyOf(r.replaced)) { // make-before-break: deleted after a grace period (V1Handover)
            table.byId(old).ifPresent(f -> locked(f, sa -> V1Handover.retire(r, sa)));
        }
        r.replaced.clear();
    }

    private static void locked(IsakmpSa sa, Consumer<IsakmpSa> action) {
        sa.lock().lock();
        try {
            if (sa.step != IsakmpSa.Step.DESTROYED) action.accept(sa);
        } finally {
            sa.lock().unlock();
        }
    }
}
