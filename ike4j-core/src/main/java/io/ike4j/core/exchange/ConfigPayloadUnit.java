package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigAttributeType;
import io.ike4j.core.codec.payload.ConfigType;
import io.ike4j.core.codec.payload.ConfigurationPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.IpLiterals;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.pool.PoolAssignment;
import io.ike4j.core.sa.IkeSa;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The configuration payload in IKE_AUTH (RFC 7296 2.19, 3.15): the initiator's CFG_REQUEST for virtual IPs (and DNS),
 * the responder's CFG_REPLY from its pools, INTERNAL_ADDRESS_FAILURE when none is left (RFC 7296 3.15.4).
 */
public final class ConfigPayloadUnit {
    private static final int IPV6_PREFIX = 128;

    private ConfigPayloadUnit() {}

    /** Initiator: a CFG_REQUEST for the connection's {@code vips} (nothing if none are configured). */
    public static List<Payload> request(IkeSa sa) {
        List<InetAddress> vips = sa.connection.virtualIps().requested();
        if (vips.isEmpty()) return List.of();
        List<ConfigAttribute> attrs = new ArrayList<>();
        boolean v4 = false, v6 = false;
        for (InetAddress a : vips) {
            boolean any = a.isAnyLocalAddress();
            if (a instanceof Inet4Address) {
                v4 = true;
                attrs.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, any ? new byte[0] : a.getAddress()));
            } else {
                v6 = true;
                attrs.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_ADDRESS, any ? new byte[0] : ip6(a)));
            }
        }
        // RFC 7296 3.15.1: zero-length attributes ask for any value
        if (v4) attrs.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS, new byte[0]));
        if (v6) attrs.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_DNS, new byte[0]));
        sa.vips.requested = true;
        return List.of(new ConfigurationPayload(ConfigType.CFG_REQUEST, attrs));
    }

    /** The responder's answer to a CFG_REQUEST; {@code addressFailed}: no CHILD_SA may be created (RFC 7296 3.15.4). */
    public record Reply(List<Payload> payloads, boolean addressFailed) {
        static final Reply NONE = new Reply(List.of(), false);
    }

    /**
     * Responder: leases an address per requested family from the connection's pools to the peer's identity, answers
     * with them and the pools' attributes. Leases are kept in the SA and given back when it dies.
     */
    public static Reply respond(Session s, IkeSa sa, IkeMessage request) {
        Optional<ConfigurationPayload> cp = request.first(ConfigurationPayload.class)
                .filter(p -> p.configType() == ConfigType.CFG_REQUEST.value());
        if (cp.isEmpty()) return Reply.NONE;
        List<String> pools = sa.connection.virtualIps().pools();
        String identity = sa.remoteId.toString();
        // the identity's older SAs go away right after this one (IkeAuthExchange.established): keep their address
        ConnectionConfig.Unique unique = sa.connection.unique();
        boolean replacing = unique != ConnectionConfig.Unique.NEVER
                && (InitialContactUnit.present(request) || unique == ConnectionConfig.Unique.REPLACE);
        List<ConfigAttribute> reply = new ArrayList<>();
        int asked = 0;
        for (ConfigAttribute a : cp.get().attributes()) {
            Optional<InetAddress> wanted = requestedAddress(a);
            if (wanted.isEmpty()) continue;
            asked++;
            if (pools.isEmpty()) continue;
            Optional<PoolAssignment> got = s.registry().pools().acquire(pools, identity, wanted.get(), replacing);
            if (got.isEmpty()) {
                s.log(EngineLog.Subsystem.CFG, sa, "no virtual IP found for " + IpLiterals.format(wanted.get().getAddress())
                        .orElse("?") + " requested by '" + identity + "'");
                continue;
            }
            sa.vips.leased.add(got.get());
            InetAddress ip = got.get().address();
            s.log(EngineLog.Subsystem.CFG, sa, "assigning virtual IP " + ip.getHostAddress() + " to peer '" + identity
                    + "' from pool " + got.get().pool());
            reply.add(new ConfigAttribute(got.get().ipv6() ? ConfigAttributeType.INTERNAL_IP6_ADDRESS
                    : ConfigAttributeType.INTERNAL_IP4_ADDRESS, got.get().ipv6() ? ip6(ip) : ip.getAddress()));
        }
        if (asked > 0 && sa.vips.leased.isEmpty()) {
            s.log(EngineLog.Subsystem.CFG, sa, "no virtual IP found, sending INTERNAL_ADDRESS_FAILURE");
            return new Reply(List.of(NotifyPayload.of(NotifyType.INTERNAL_ADDRESS_FAILURE, new byte[0])), true);
        }
        reply.addAll(s.registry().pools().attributes(pools));
        if (reply.isEmpty()) return Reply.NONE;
        return new Reply(List.of(new ConfigurationPayload(ConfigType.CFG_REPLY, reply)), false);
    }

    /**
     * Initiator: takes the assigned addresses and attributes from the CFG_REPLY and asks the platform to install the
     * addresses. Returns the failure if we asked and got no address (the IKE SA is of no use then, as in strongSwan).
     */
    public static Optional<String> complete(Session s, IkeSa sa, IkeMessage response) {
        if (!sa.vips.requested) return Optional.empty();
        if (SupportNotifies.has(response, NotifyType.INTERNAL_ADDRESS_FAILURE)) {
            return Optional.of("peer refused our virtual IP request (INTERNAL_ADDRESS_FAILURE)");
        }
        Optional<ConfigurationPayload> cp = response.first(ConfigurationPayload.class)
                .filter(p -> p.configType() == ConfigType.CFG_REPLY.value());
        for (ConfigAttribute a : cp.map(ConfigurationPayload::attributes).orElse(List.of())) {
            Optional<InetAddress> ip = assignedAddress(a);
            if (ip.isPresent()) {
                if (sa.vips.assigned.stream().noneMatch(ip.get()::equals)) sa.vips.assigned.add(ip.get());
            } else {
                sa.vips.attributes.add(a);
                s.log(EngineLog.Subsystem.CFG, sa, "received " + describe(a));
            }
        }
        if (sa.vips.assigned.isEmpty()) return Optional.of("peer did not assign a virtual IP");
        for (InetAddress ip : sa.vips.assigned) {
            s.log(EngineLog.Subsystem.CFG, sa, "installing new virtual IP " + ip.getHostAddress());
            s.emit(new EngineOutput.VirtualIp(sa.id(), ip, true, sa.remote.address()));
        }
        return Optional.empty();
    }

    /** Teardown: leases go offline (responder), installed addresses are removed (initiator). */
    public static void release(Session s, IkeSa sa) {
        for (PoolAssignment a : sa.vips.leased) {
            if (s.registry().pools().release(a)) {
                s.log(EngineLog.Subsystem.CFG, sa, "lease " + a.address().getHostAddress() + " by '" + a.identity()
                        + "' went offline");
            }
        }
        sa.vips.leased.clear();
        for (InetAddress ip : sa.vips.assigned) s.emit(new EngineOutput.VirtualIp(sa.id(), ip, false, sa.remote.address()));
        sa.vips.assigned.clear();
    }

    /** The address an INTERNAL_IP4/6_ADDRESS request asks for: any ({@code 0.0.0.0} / {@code ::}) when empty. */
    static Optional<InetAddress> requestedAddress(ConfigAttribute a) {
        byte[] v = a.value();
        if (a.type() == ConfigAttributeType.INTERNAL_IP4_ADDRESS.value()) {
            return v.length == 4 ? address(v) : Optional.of(address(new byte[4]).orElseThrow());
        }
        if (a.type() == ConfigAttributeType.INTERNAL_IP6_ADDRESS.value()) {
            return v.length == 17 ? address(Arrays.copyOf(v, 16)) : Optional.of(address(new byte[16]).orElseThrow());
        }
        return Optional.empty();
    }

    /** A non-empty INTERNAL_IP4/6_ADDRESS of a reply. */
    static Optional<InetAddress> assignedAddress(ConfigAttribute a) {
        byte[] v = a.value();
        if (a.type() == ConfigAttributeType.INTERNAL_IP4_ADDRESS.value() && v.length == 4) return address(v);
        if (a.type() == ConfigAttributeType.INTERNAL_IP6_ADDRESS.value() && v.length == 17) return address(Arrays.copyOf(v, 16));
        return Optional.empty();
    }

    /** {@code INTERNAL_IP4_DNS 10.1.0.53}: the type and, for address-valued ones, the address. */
    static String describe(ConfigAttribute a) {
        byte[] v = a.value();
        String name = a.attributeType().map(Enum::name).orElse("attribute " + a.type());
        if (v.length == 4 || v.length == 16) return name + " " + IpLiterals.format(v).orElse("?");
        if (v.length == 8 && a.type() == ConfigAttributeType.INTERNAL_IP4_SUBNET.value()) {
            return name + " " + IpLiterals.format(Arrays.copyOf(v, 4)).orElse("?") + "/"
                    + IpLiterals.format(Arrays.copyOfRange(v, 4, 8)).orElse("?");
        }
        if (v.length == 17) return name + " " + IpLiterals.format(Arrays.copyOf(v, 16)).orElse("?") + "/" + (v[16] & 0xff);
        return name + " (" + v.length + " bytes)";
    }

    /** RFC 7296 3.15.1: INTERNAL_IP6_ADDRESS is the address and a one-octet prefix length. */
    private static byte[] ip6(InetAddress a) {
        byte[] v = Arrays.copyOf(a.getAddress(), 17);
        v[16] = (byte) IPV6_PREFIX;
        return v;
    }

    private static Optional<InetAddress> address(byte[] raw) {
        try {
            return Optional.of(InetAddress.getByAddress(raw));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
