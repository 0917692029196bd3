package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.v1.CfgType;
import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.ModeCfgAttributeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.IpLiterals;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.pool.PoolAssignment;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.ModeCfgState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Mode Config (draft-dukes-ike-mode-cfg) and the order of things after Phase 1: XAuth, then Mode Config, then Quick
 * Mode. Pull mode (strongSwan's default): the client REQUESTs INTERNAL_IP4/6_ADDRESS (and DNS), the gateway REPLYs
 * from its pools; push mode ({@code pull = no}): the gateway SETs, the client ACKs. Leases are given back and installed
 * virtual IPs removed when the ISAKMP SA dies. The virtual IP stands for {@code dynamic} in Quick Mode selectors.
 */
final class ModeConfig {
    private ModeConfig() {}

    /** Phase 1 is up: XAuth first if configured, else Mode Config. */
    static void afterPhase1(V1Run r, IsakmpSa sa) {
        if (XAuth.isServer(sa.connection)) {
            XAuth.start(r, sa);
        } else if (XAuth.clientRound(sa.connection).isPresent()) {
            sa.cfg.xauth = ModeCfgState.XauthStep.CLIENT_WAITING;
            r.log(EngineLog.Subsystem.IKE, sa, "waiting for the gateway's XAuth request");
        } else {
            afterXauth(r, sa);
        }
    }

    /** XAuth is done (or not configured): Mode Config as client or push server, else Quick Mode may run. */
    static void afterXauth(V1Run r, IsakmpSa sa) {
        ConnectionConfig c = sa.connection;
        List<InetAddress> wanted = c.virtualIps().requested();
        if (!wanted.isEmpty()) {
            wanted = previousVips(r, sa).orElse(wanted);
            sa.cfg.cfgRequested = true;
            if (c.virtualIps().push()) {
                r.log(EngineLog.Subsystem.CFG, sa, "waiting for the gateway to push a virtual IP (Mode Config push)");
                return;
            }
            List<DataAttribute> attrs = new ArrayList<>();
            for (InetAddress a : wanted) {
                boolean v4 = a instanceof Inet4Address;
                attrs.add(DataAttribute.variable((v4 ? ModeCfgAttributeType.INTERNAL_IP4_ADDRESS
                        : ModeCfgAttributeType.INTERNAL_IP6_ADDRESS).value(), a.isAnyLocalAddress() ? new byte[0] : a.getAddress()));
                attrs.add(DataAttribute.variable((v4 ? ModeCfgAttributeType.INTERNAL_IP4_DNS
                        : ModeCfgAttributeType.INTERNAL_IP6_DNS).value(), new byte[0]));
            }
            r.log(EngineLog.Subsystem.CFG, sa, "requesting a virtual IP (Mode Config pull)");
            Transaction.request(r, sa, ModeCfgState.Kind.CFG_REQUEST, CfgType.CFG_REQUEST, attrs.stream().distinct().toList());
            return;
        }
        if (c.virtualIps().push() && !c.virtualIps().pools().isEmpty() && !sa.isInitiator()) {
            List<DataAttribute> attrs = lease(r, sa, List.of(any(4)));
            if (!sa.cfg.leased.isEmpty()) {
                Transaction.request(r, sa, ModeCfgState.Kind.CFG_SET, CfgType.CFG_SET, attrs);
                return;
            }
        }
        ready(r, sa);
    }

    /**
     * Reauthentication (a new Phase 1 before the old one goes): ask for the addresses the replaced SA holds, so the
     * gateway shares their leases and the tunnel keeps its source address.
     */
    private static Optional<List<InetAddress>> previousVips(V1Run r, IsakmpSa sa) {
        if (sa.replaces < 0) return Optional.empty();
        Optional<IsakmpSa> old = r.table.byId(sa.replaces);
        if (old.isEmpty() || !old.get().lock().tryLock()) return Optional.empty();
        try {
            return Optional.of(List.copyOf(old.get().cfg.assigned)).filter(l -> !l.isEmpty());
        } finally {
            old.get().lock().unlock();
        }
    }

    /** Quick Mode may run; as initiator ours starts now. */
    private static void ready(V1Run r, IsakmpSa sa) {
        if (sa.cfg.ready) return;
        sa.cfg.ready = true;
        Optional<ChildConfig> child = sa.isInitiator() && sa.requestedChild != null
                ? sa.connection.child(sa.requestedChild) : Optional.empty();
        if (child.isPresent()) QuickMode.initiate(r, sa, child.get());
        else Phase1.replacedDone(r, sa);
        V1Establish.followUps(r, sa);
    }

    /** Server (pull): the client's REQUEST, answered from our pools. */
    static void serverRequest(V1Run r, IsakmpSa sa, long mid, byte[] datagram, V1Payload.Attribute a) {
        if (XAuth.isServer(sa.connection) && sa.cfg.xauth != ModeCfgState.XauthStep.DONE) {
            r.log(EngineLog.Subsystem.CFG, sa, "Mode Config request before XAuth completed, ignored");
            sa.ivs.remove(mid);
            return;
        }
        List<InetAddress> wanted = new ArrayList<>();
        for (DataAttribute d : a.attributes()) requested(d).ifPresent(wanted::add);
        List<DataAttribute> reply = lease(r, sa, wanted);
        Transaction.answer(r, sa, mid, datagram, CfgType.CFG_REPLY, a.identifier(), reply);
        if (sa.cfg.leased.isEmpty() && !wanted.isEmpty()) r.log(EngineLog.Subsystem.CFG, sa, "no virtual IP found for the peer");
        sa.cfg.ready = true;
    }

    /** Server (push): the client ACKed our SET. */
    static void serverAcked(V1Run r, IsakmpSa sa) {
        ready(r, sa);
    }

    /** Leases an address per requested family and adds the pools' attributes (DNS ...). */
    private static List<DataAttribute> lease(V1Run r, IsakmpSa sa, List<InetAddress> wanted) {
        List<String> pools = sa.connection.virtualIps().pools();
        String identity = !sa.cfg.xauthUser.isEmpty() ? sa.cfg.xauthUser : String.valueOf(sa.remoteId);
        List<DataAttribute> out = new ArrayList<>();
        if (pools.isEmpty()) return out;
        for (InetAddress w : wanted) {
            Optional<PoolAssignment> got = r.session.registry().pools().acquire(pools, identity, w, false);
            if (got.isEmpty()) {
                r.log(EngineLog.Subsystem.CFG, sa, "no virtual IP found for " + IpLiterals.format(w.getAddress()).orElse("?")
                        + " requested by '" + identity + "'");
                continue;
            }
            sa.cfg.leased.add(got.get());
            InetAddress ip = got.get().address();
            r.log(EngineLog.Subsystem.CFG, sa, "assigning virtual IP " + ip.getHostAddress() + " to peer '" + identity
                    + "' from pool " + got.get().pool());
            out.add(DataAttribute.variable((got.get().ipv6() ? ModeCfgAttributeType.INTERNAL_IP6_ADDRESS
                    : ModeCfgAttributeType.INTERNAL_IP4_ADDRESS).value(), ip.getAddress()));
        }
        for (ConfigAttribute c : r.session.registry().pools().attributes(pools)) out.add(DataAttribute.variable(c.type(), c.value()));
        return out;
    }

    /** Client (pull): the gateway's REPLY. */
    static void clientReply(V1Run r, IsakmpSa sa, V1Payload.Attribute a) {
        if (a.cfgType() != CfgType.CFG_REPLY.value()) {
            r.log(EngineLog.Subsystem.CFG, sa, "Mode Config answer of type " + a.cfgType() + " instead of REPLY");
        }
        take(r, sa, a.attributes());
    }

    /** Client (push, or a gateway pushing although we pull): the gateway's SET, ACKed with the attributes taken. */
    static void clientSet(V1Run r, IsakmpSa sa, long mid, byte[] datagram, V1Payload.Attribute a) {
        List<DataAttribute> ack = a.attributes().stream().map(d -> DataAttribute.variable(d.type(), new byte[0])).distinct().toList();
        Transaction.answer(r, sa, mid, datagram, CfgType.CFG_ACK, a.identifier(), ack);
        if (!sa.cfg.cfgRequested || !sa.cfg.assigned.isEmpty()) return;
        sa.cfg.pending.values().remove(ModeCfgState.Kind.CFG_REQUEST); // a push crossed our pull request
        take(r, sa, a.attributes());
    }

    private static void take(V1Run r, IsakmpSa sa, List<DataAttribute> attributes) {
        for (DataAttribute d : attributes) {
            Optional<InetAddress> ip = assigned(d);
            if (ip.isPresent()) {
                if (!sa.cfg.assigned.contains(ip.get())) sa.cfg.assigned.add(ip.get());
            } else if (!d.value().isEmpty()) {
                sa.cfg.attributes.add(d);
                r.log(EngineLog.Subsystem.CFG, sa, "received " + describe(d));
            }
        }
        if (sa.cfg.assigned.isEmpty()) {
            Informational.deleteIsakmp(r, sa);
            V1Lifecycle.fail(r, sa, 0, "peer did not assign a virtual IP (Mode Config)");
            return;
        }
        for (InetAddress ip : sa.cfg.assigned) {
            r.log(EngineLog.Subsystem.CFG, sa, "installing new virtual IP " + ip.getHostAddress());
            r.emit(new EngineOutput.VirtualIp(sa.id(), ip, true, sa.remote.address()));
        }
        ready(r, sa);
    }

    /** Teardown: leases go offline (server), installed virtual IPs are removed (client). */
    static void release(V1Run r, IsakmpSa sa) {
        for (PoolAssignment a : sa.cfg.leased) {
            if (r.session.registry().pools().release(a)) {
                r.log(EngineLog.Subsystem.CFG, sa, "lease " + a.address().getHostAddress() + " by '" + a.identity() + "' went offline");
            }
        }
        sa.cfg.leased.clear();
        for (InetAddress ip : sa.cfg.assigned) r.emit(new EngineOutput.VirtualIp(sa.id(), ip, false, sa.remote.address()));
        sa.cfg.assigned.clear();
    }

    /** Our host for {@code dynamic} selectors: our virtual IP once assigned, else the ISAKMP SA's address. */
    static InetAddress localHost(IsakmpSa sa) {
        return sa.cfg.assigned.isEmpty() ? sa.local.address() : sa.cfg.assigned.getFirst();
    }

    /** The peer's host for {@code dynamic} selectors: the virtual IP we leased it, else its address. */
    static InetAddress peerHost(IsakmpSa sa) {
        return sa.cfg.leased.isEmpty() ? sa.remote.address() : sa.cfg.leased.getFirst().address();
    }

    /** INTERNAL_IP4/6_ADDRESS in a request: the address asked for, any of the family when empty. */
    static Optional<InetAddress> requested(DataAttribute d) {
        byte[] v = d.value().bytes();
        if (d.type() == ModeCfgAttributeType.INTERNAL_IP4_ADDRESS.value()) return Optional.of(v.length == 4 ? ip(v) : any(4));
        if (d.type() == ModeCfgAttributeType.INTERNAL_IP6_ADDRESS.value()) {
            return Optional.of(v.length >= 16 ? ip(Arrays.copyOf(v, 16)) : any(16));
        }
        return Optional.empty();
    }

    /** A non-empty INTERNAL_IP4/6_ADDRESS of a REPLY or SET (IPv6: 16 bytes, or 17 with a prefix length). */
    static Optional<InetAddress> assigned(DataAttribute d) {
        byte[] v = d.value().bytes();
        if (d.type() == ModeCfgAttributeType.INTERNAL_IP4_ADDRESS.value() && v.length == 4 && !ip(v).isAnyLocalAddress()) {
            return Optional.of(ip(v));
        }
        if (d.type() == ModeCfgAttributeType.INTERNAL_IP6_ADDRESS.value() && (v.length == 16 || v.length == 17)) {
            return Optional.of(ip(Arrays.copyOf(v, 16)));
        }
        return Optional.empty();
    }

    private static String describe(DataAttribute d) {
        byte[] v = d.value().bytes();
        String name = ModeCfgAttributeType.of(d.type()).map(Enum::name).orElse("attribute " + d.type());
        if (v.length == 4 || v.length == 16) return name + " " + IpLiterals.format(v).orElse("?");
        return name + " (" + v.length + " bytes)";
    }

    private static InetAddress any(int length) {
        return ip(new byte[length]);
    }

    private static InetAddress ip(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
