package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1PayloadType;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * NAT traversal for IKEv1 (RFC 3947) and Dead Peer Detection support (RFC 3706): the Vendor IDs announcing them,
 * NAT-D payloads (HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash) and their evaluation.
 */
final class NatTraversal {
    /** RFC 3947 2: MD5("RFC 3947"). */
    static final Octets VID_RFC3947 = Octets.ofHex("4a131c81070358455c5728f20e95452f");
    /** RFC 3706 9: the DPD Vendor ID (version 1.0). */
    static final Octets VID_DPD = Octets.ofHex("afcad71368a1f1c96b8696fc77570100");

    private NatTraversal() {}

    static List<V1Payload> vendorIds() {
        return List.of(new V1Payload.VendorId(VID_RFC3947), new V1Payload.VendorId(VID_DPD));
    }

    static void peerVendorIds(IsakmpSa sa, List<V1Payload> payloads) {
        V1Fragmentation.peerVendorIds(sa, payloads);
        for (V1Payload p : payloads) {
            if (p instanceof V1Payload.VendorId v) {
                if (v.data().equals(VID_RFC3947)) sa.peerNatT = true;
                if (v.data().equals(VID_DPD)) sa.peerDpd = true;
            }
        }
    }

    static byte[] hash(IsakmpSa sa, Endpoint e) {
        byte[] ck = sa.spi16();
        byte[] ip = e.address().getAddress();
        return sa.prf.hash(ck, ip, new byte[] {(byte) (e.port() >>> 8), (byte) e.port()});
    }

    /**
     * RFC 3947 3.2: first the peer's address as we send to it, then ours. With {@code encap = yes} our own hash is
     * random so that the peer sees a NAT and UDP encapsulation is used (as strongSwan does).
     */
    static List<V1Payload> payloads(IsakmpSa sa, io.ike4j.core.crypto.RandomSource random) {
        if (!sa.peerNatT) return List.of();
        List<V1Payload> out = new ArrayList<>();
        out.add(new V1Payload.NatDiscovery(V1PayloadType.NAT_D.value(), Octets.of(hash(sa, sa.remote))));
        byte[] mine = sa.connection.encap() ? random.bytes(sa.prf.outputLength()) : hash(sa, sa.local);
        out.add(new V1Payload.NatDiscovery(V1PayloadType.NAT_D.value(), Octets.of(mine)));
        return out;
    }

    /**
     * RFC 3947 3.2: the first NAT-D names us as the peer sent to us, the others the peer's own address(es). With
     * {@code encap = yes} we behave as if behind a NAT (as the IKEv2 engine and strongSwan do).
     */
    static void evaluate(IsakmpSa sa, List<V1Payload> payloads) {
        List<byte[]> hashes = payloads.stream().filter(p -> p instanceof V1Payload.NatDiscovery)
                .map(p -> ((V1Payload.NatDiscovery) p).hash().bytes()).toList();
        if (!sa.peerNatT || hashes.size() < 2) return;
        sa.natLocal = !MessageDigest.isEqual(hashes.getFirst(), hash(sa, sa.local)) || sa.connection.encap();
        byte[] theirs = hash(sa, sa.remote);
        sa.natRemote = hashes.subList(1, hashes.size()).stream().noneMatch(h -> MessageDigest.isEqual(h, theirs));
    }

    static boolean behindNat(IsakmpSa sa) {
        return sa.natLocal || sa.natRemote;
    }

    /**
     * RFC 3947 4: with a NAT, the initiator moves from our IKE port to our NAT-T port (the adapter adds the non-ESP
     * marker there), and the peer to 4500 if it was on 500, from the next message on.
     */
    static void floatPorts(IsakmpSa sa, EngineSettings ports) {
        if (!behindNat(sa)) return;
        if (sa.local.port() == ports.ikePort()) sa.local = new Endpoint(sa.local.address(), ports.natTraversalPort());
        if (sa.remote.port() == EngineSettings.IKE_PORT) sa.remote = new Endpoint(sa.remote.address(), EngineSettings.NAT_T_PORT);
    }
}
