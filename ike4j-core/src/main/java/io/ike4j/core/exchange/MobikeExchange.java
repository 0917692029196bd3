package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import io.ike4j.core.sa.MobikeState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MOBIKE (RFC 4555), both roles: MOBIKE_SUPPORTED in IKE_AUTH (3.1), the initiator moving to a new local address
 * with UPDATE_SA_ADDRESSES and NAT detection (3.5), address lists (3.6), return routability checks with COOKIE2
 * (3.5), and the responder moving the IKE SA and its CHILD_SAs to the new path. Only the MOBIKE initiator decides
 * which addresses the SAs use; a responder whose address went away announces its new one, and the initiator
 * (seeing a request from the new address) updates the SA to it.
 */
public final class MobikeExchange {
    private MobikeExchange() {}

    // ---- IKE_AUTH (RFC 4555 3.1)

    /** Initiator: MOBIKE_SUPPORTED in the first IKE_AUTH request when {@code mobike = yes}. */
    static List<Payload> authRequest(IkeSa sa) {
        if (!sa.connection.mobike()) return List.of();
        sa.mobike.announced = true;
        return List.of(MobikeUnit.supported());
    }

    /** Responder: answers MOBIKE_SUPPORTED in the final IKE_AUTH response if both sides support it. */
    static List<Payload> authResponse(IkeSa sa, IkeMessage request) {
        if (request == null || !sa.connection.mobike() || !MessageRules.carries(request, NotifyType.MOBIKE_SUPPORTED)) return List.of();
        sa.mobike.enabled = true;
        sa.mobike.initiator = false;
        MobikeUnit.peerAddresses(request).ifPresent(a -> sa.mobike.peerAdditional = a);
        return List.of(MobikeUnit.supported());
    }

    /** Initiator: the final IKE_AUTH response says whether the responder supports MOBIKE. */
    static void authResponseReceived(Session s, IkeSa sa, IkeMessage response) {
        sa.mobike.enabled = sa.mobike.announced && MessageRules.carries(response, NotifyType.MOBIKE_SUPPORTED);
        sa.mobike.initiator = true;
        MobikeUnit.peerAddresses(response).ifPresent(a -> sa.mobike.peerAdditional = a);
        if (sa.mobike.enabled) s.log(EngineLog.Subsystem.IKE, sa, "peer supports MOBIKE");
    }

    /**
     * RFC 4555 3.1: an initiator with MOBIKE enabled moves to the NAT-T port for IKE_AUTH even without a NAT; only
     * towards a peer on the standard IKE port, whose NAT-T port is known to be 4500 (a peer on another port may have
     * no NAT-T socket to move to).
     */
    static boolean floatsAtAuth(IkeSa sa, NatDetectionUnit.Result nat) {
        return sa.isInitiator() && sa.connection.mobike() && nat.peerSupports()
                && sa.remote.port() == io.ike4j.core.config.EngineSettings.IKE_PORT;
    }

    // ---- the platform reports new local addresses

    /** The host's addresses changed: move (initiator) or announce (either role), RFC 4555 3.5, 3.6. */
    public static void addressesChanged(Session s, IkeSa sa, List<InetAddress> addresses) {
        MobikeState m = sa.mobike;
        List<InetAddress> before = m.localAddresses;
        m.localAddresses = List.copyOf(addresses);
        if (!m.enabled || sa.state != IkeSaState.ESTABLISHED || sa.retired) return;
        boolean lost = !addresses.contains(sa.local.address()) && !sa.local.address().isAnyLocalAddress();
        if (!lost && before.equals(addresses)) return;
        Optional<InetAddress> next = pick(s, sa, addresses);
        // the initiator also moves when the host now routes to the peer from another address (a better path)
        boolean better = m.initiator && next.isPresent() && !next.get().equals(sa.local.address());
        if (lost && next.isEmpty()) {
            s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: local address " + sa.local.address().getHostAddress()
                    + " is gone and no other address routes to the peer; waiting for one");
            return;
        }
        if (lost || better) {
            Endpoint moved = new Endpoint(next.get(), s.settings().natTraversalPort());
            s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: local address changed " + sa.local + " -> " + moved);
            sa.local = moved; // retransmissions of a request in flight go out from the new address too (RFC 4555 3.3)
        }
        schedule(s, sa, (lost || better) && m.initiator);
    }

    /** Queues (or upgrades) our MOBIKE INFORMATIONAL; at most one waits at a time. */
    static void schedule(Session s, IkeSa sa, boolean update) {
        boolean queuedUpdate = sa.queue.removeIf(t -> t instanceof IkeSa.PendingTask.Mobike mt && mt.update());
        sa.queue.removeIf(t -> t instanceof IkeSa.PendingTask.Mobike);
        sa.queue.add(new IkeSa.PendingTask.Mobike(update || queuedUpdate));
        InformationalExchange.runQueue(s, sa);
    }

    /** The address the host routes to the peer from, if it is one of ours that local_addrs allows (RFC 4555 3.5). */
    private static Optional<InetAddress> pick(Session s, IkeSa sa, List<InetAddress> addresses) {
        int family = sa.remote.address().getAddress().length;
        List<InetAddress> usable = addresses.stream().filter(a -> a.getAddress().length == family)
                .filter(a -> !a.isLoopbackAddress() && !a.isAnyLocalAddress() && !a.isLinkLocalAddress())
                .filter(a -> AddressMatch.best(sa.connection.localAddrs(), a) != AddressMatch.NONE).toList();
        return s.context().sourceAddresses().sourceFor(sa.remote.address()).filter(usable::contains);
    }

    // ---- our request

    /** Sends UPDATE_SA_ADDRESSES (initiator) or our address list, with NAT-D and a COOKIE2 check (RFC 4555 3.5, 3.6). */
    static void initiate(Session s, IkeSa sa, IkeSa.PendingTask.Mobike task) {
        boolean update = task.update() && sa.mobike.initiator;
        List<Payload> ps = new ArrayList<>();
        if (update) {
            ps.add(MobikeUnit.update());
            ps.addAll(NatDetectionUnit.notifies(sa.initiatorSpi(), sa.responderSpi, sa.local, sa.remote,
                    sa.connection.encap(), s.context().random()));
        }
        ps.addAll(MobikeUnit.addressList(sa.mobike.localAddresses, sa.local.address()));
        byte[] cookie = s.context().random().bytes(MobikeUnit.COOKIE2_LENGTH);
        sa.mobike.cookie2 = cookie;
        ps.add(MobikeUnit.cookie2(cookie));
        sa.mobike.updateInFlight = update;
        sa.currentTask = task;
        s.log(EngineLog.Subsystem.IKE, sa, update ? "MOBIKE: sending UPDATE_SA_ADDRESSES " + sa.local + " -> " + sa.remote
                : "MOBIKE: sending address list and return routability check to " + sa.remote);
        Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, ps);
    }

    /** The response to our MOBIKE INFORMATIONAL: the COOKIE2 echo proves the path; then the SAs move to it. */
    static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        byte[] cookie = sa.mobike.cookie2;
        boolean update = sa.mobike.updateInFlight;
        sa.mobike.cookie2 = null;
        sa.mobike.updateInFlight = false;
        if (cookie != null && !MobikeUnit.echoes(m, cookie)) { // RFC 4555 3.5: the path is not verified
            s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: return routability check failed (COOKIE2 not echoed)");
            return;
        }
        Optional<NotifyPayload> error = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).findFirst();
        if (error.isPresent()) {
            s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: peer refused the update: "
                    + error.get().notification().map(Enum::name).orElse("notify " + error.get().notifyType()));
            return;
        }
        MobikeUnit.peerAddresses(m).ifPresent(a -> sa.mobike.peerAdditional = a);
        if (!update) return;
        applyNat(s, sa, NatDetectionUnit.evaluate(m, sa.initiatorSpi(), sa.responderSpi, sa.local, sa.remote));
        moveChildren(s, sa);
        sa.mobike.updates++;
        s.event(new SaEvent.IkeSaUpdated(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
        s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: IKE SA and CHILD_SAs moved to " + sa.local + " - " + sa.remote);
    }

    // ---- the peer's request

    /**
     * Responder side of any INFORMATIONAL that carries MOBIKE notifications (the caller has set the SA's endpoints to
     * the request's path, RFC 7296 2.11, and sends the returned payloads in the response).
     */
    static List<Payload> respond(Session s, IkeSa sa, IkeMessage m, Endpoint oldLocal, Endpoint oldRemote) {
        List<Payload> ps = new ArrayList<>();
        MobikeUnit.peerAddresses(m).ifPresent(a -> sa.mobike.peerAdditional = a);
        if (sa.mobike.enabled && MessageRules.carries(m, NotifyType.UPDATE_SA_ADDRESSES)) {
            if (sa.mobike.initiator) {
                s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: ignoring UPDATE_SA_ADDRESSES from the MOBIKE responder");
            } else {
                NatDetectionUnit.Result nat = NatDetectionUnit.evaluate(m, sa.initiatorSpi(), sa.responderSpi, sa.local, sa.remote);
                applyNat(s, sa, nat);
                sa.mobike.keepRequestPath = true;
                moveChildren(s, sa);
                sa.mobike.updates++;
                s.event(new SaEvent.IkeSaUpdated(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
                ps.addAll(NatDetectionUnit.notifies(sa.initiatorSpi(), sa.responderSpi, sa.local, sa.remote,
                        sa.connection.encap(), s.context().random()));
                s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: peer moved " + oldRemote + " -> " + sa.remote
                        + ", IKE SA and CHILD_SAs updated");
            }
        } else if (sa.mobike.enabled && sa.mobike.initiator && !sa.remote.address().equals(oldRemote.address())) {
            // RFC 4555 3.6: the responder announced itself from a new address; the initiator decides to move there
            s.log(EngineLog.Subsystem.IKE, sa, "MOBIKE: peer now at " + sa.remote + ", updating the SA to it");
            sa.mobike.keepRequestPath = true;
            sa.queue.removeIf(t -> t instanceof IkeSa.PendingTask.Mobike);
            sa.queue.add(new IkeSa.PendingTask.Mobike(true));
        }
        MobikeUnit.cookie2(m).ifPresent(c -> ps.add(MobikeUnit.cookie2(c))); // RFC 4555 3.5: echo COOKIE2
        return ps;
    }

    /** Before a request is handled: answer on its path; without MOBIKE follow a changed NAT mapping (RFC 7296 2.23). */
    public static Endpoint[] beforeRequest(Session s, IkeSa sa, EngineInput.DatagramReceived in) {
        if (in.remote().equals(sa.remote) && in.local().equals(sa.local)) return null;
        Endpoint[] old = {sa.local, sa.remote};
        sa.local = in.local();
        sa.remote = in.remote();
        sa.mobike.keepRequestPath = false;
        if (sa.mobike.enabled) return old; // restored afterwards unless an UPDATE_SA_ADDRESSES moved us
        if (sa.state == IkeSaState.ESTABLISHED) {
            moveChildren(s, sa);
            s.event(new SaEvent.IkeSaUpdated(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
        }
        return null;
    }

    /** After a request was handled: back to the SA's own path unless MOBIKE moved it (RFC 4555 3.5). */
    public static void afterRequest(IkeSa sa, Endpoint[] old) {
        if (old == null || sa.mobike.keepRequestPath || sa.state == IkeSaState.DESTROYED) return;
        sa.local = old[0];
        sa.remote = old[1];
    }

    /** RFC 4555 3.5, RFC 7296 2.23: NAT detection over the new path; keepalives if we are now behind a NAT. */
    private static void applyNat(Session s, IkeSa sa, NatDetectionUnit.Result nat) {
        boolean wasLocal = sa.natLocal;
        if (!nat.peerSupports()) return;
        sa.natLocal = nat.localBehindNat() || sa.connection.encap();
        sa.natRemote = nat.remoteBehindNat();
        if (sa.natLocal && !wasLocal) s.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, s.settings().natKeepalive());
        if (!sa.natLocal && wasLocal) s.cancelTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0);
    }

    /** The data plane moves every installed CHILD_SA of the IKE SA to its current endpoints. */
    static void moveChildren(Session s, IkeSa sa) {
        for (ChildSa c : sa.children) {
            ChildSaState st = c.state();
            if (st == ChildSaState.INSTALLED || st == ChildSaState.REKEYING || st == ChildSaState.DELETING) {
                s.emit(new EngineOutput.UpdateChildSa(sa.id(), c.id(), c.inboundSpi(), c.outboundSpi(), sa.local, sa.remote,
                        sa.natLocal || sa.natRemote));
            }
        }
    }
}
