package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.payload.IdType;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1IdType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.Identity;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identification payloads (RFC 2407 4.6.2): Phase 1 identities (the IPsec DOI ID types share their numbers with IKEv2's
 * for addresses, FQDN, USER_FQDN, DN, GN and KEY_ID) and Quick Mode client IDs as traffic selectors (address, subnet
 * or range, with protocol and a single port or any).
 */
final class V1Ids {
    private V1Ids() {}

    static V1Payload.Identification phase1(Identity id) {
        return new V1Payload.Identification(id.concreteType().value(), 0, 0, Octets.of(id.data()));
    }

    static Optional<Identity> identity(V1Payload.Identification p) {
        Optional<IdType> t = IdType.of(p.idType());
        if (t.isEmpty()) return Optional.empty();
        return switch (t.get()) {
            case ID_IPV4_ADDR -> p.data().length() == 4 ? Optional.of(new Identity(t.get(), p.data().bytes())) : Optional.empty();
            case ID_IPV6_ADDR -> p.data().length() == 16 ? Optional.of(new Identity(t.get(), p.data().bytes())) : Optional.empty();
            case ID_FQDN, ID_RFC822_ADDR, ID_DER_ASN1_DN, ID_DER_ASN1_GN, ID_KEY_ID ->
                    p.data().isEmpty() ? Optional.empty() : Optional.of(new Identity(t.get(), p.data().bytes()));
            default -> Optional.empty();
        };
    }

    /** A selector as a client ID: IPV4/6_ADDR for one address, _SUBNET for a prefix, _RANGE otherwise. */
    static V1Payload.Identification selector(TrafficSelectorSubstructure ts) {
        byte[] s = ts.startAddress(), e = ts.endAddress();
        boolean v4 = s.length == 4;
        int port = ts.startPort() == ts.endPort() ? ts.startPort() : 0;
        if (Arrays.equals(s, e)) {
            return new V1Payload.Identification((v4 ? V1IdType.IPV4_ADDR : V1IdType.IPV6_ADDR).value(), ts.ipProtocol(), port, Octets.of(s));
        }
        int prefix = prefix(s, e);
        if (prefix >= 0) {
            byte[] mask = new byte[s.length];
            for (int i = 0; i < prefix; i++) mask[i / 8] |= (byte) (0x80 >>> (i % 8));
            return new V1Payload.Identification((v4 ? V1IdType.IPV4_ADDR_SUBNET : V1IdType.IPV6_ADDR_SUBNET).value(),
                    ts.ipProtocol(), port, Octets.of(concat(s, mask)));
        }
        return new V1Payload.Identification((v4 ? V1IdType.IPV4_ADDR_RANGE : V1IdType.IPV6_ADDR_RANGE).value(),
                ts.ipProtocol(), port, Octets.of(concat(s, e)));
    }

    /** A client ID as a selector; empty for ID types that are no addresses or malformed data. */
    static Optional<TrafficSelectorSubstructure> selector(V1Payload.Identification p) {
        byte[] d = p.data().bytes();
        Optional<V1IdType> type = p.type();
        if (type.isEmpty()) return Optional.empty();
        byte[] start, end;
        switch (type.get()) {
            case IPV4_ADDR, IPV6_ADDR -> {
                if (d.length != (type.get() == V1IdType.IPV4_ADDR ? 4 : 16)) return Optional.empty();
                start = d;
                end = d.clone();
            }
            case IPV4_ADDR_SUBNET, IPV6_ADDR_SUBNET, IPV4_ADDR_RANGE, IPV6_ADDR_RANGE -> {
                int n = type.get() == V1IdType.IPV4_ADDR_SUBNET || type.get() == V1IdType.IPV4_ADDR_RANGE ? 4 : 16;
                if (d.length != 2 * n) return Optional.empty();
                byte[] a = Arrays.copyOf(d, n), b = Arrays.copyOfRange(d, n, 2 * n);
                if (type.get() == V1IdType.IPV4_ADDR_SUBNET || type.get() == V1IdType.IPV6_ADDR_SUBNET) {
                    start = new byte[n];
                    end = new byte[n];
                    for (int i = 0; i < n; i++) {
                        start[i] = (byte) (a[i] & b[i]);
                        end[i] = (byte) (a[i] | ~b[i]);
                    }
                } else {
                    if (Arrays.compareUnsigned(a, b) > 0) return Optional.empty();
                    start = a;
                    end = b;
                }
            }
            default -> { return Optional.empty(); }
        }
        int tsType = start.length == 4 ? TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE : TrafficSelectorSubstructure.TS_IPV6_ADDR_RANGE;
        int from = p.port() == 0 ? 0 : p.port(), to = p.port() == 0 ? 0xffff : p.port();
        return Optional.of(new TrafficSelectorSubstructure(tsType, p.protocolId(), from, to, start, end));
    }

    private static int prefix(byte[] s, byte[] e) {
        BigInteger start = new BigInteger(1, s), end = new BigInteger(1, e);
        int bits = s.length * 8;
        for (int p = 0; p <= bits; p++) {
            BigInteger host = BigInteger.ONE.shiftLeft(bits - p).subtract(BigInteger.ONE);
            if (start.and(host).signum() == 0 && start.or(host).equals(end)) return p;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
