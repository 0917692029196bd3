package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1FragmentCodec;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Result;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.V1Reassembly;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The proprietary IKEv1 fragmentation as strongSwan, Cisco and Windows speak it: announced with the FRAGMENTATION
 * Vendor ID, a large datagram (e.g. Main Mode 5/6 with a certificate chain, already encrypted) is split into
 * datagrams each carrying one {@link IsakmpFragment}, ID 1, numbered from 1, the last flagged. swanctl.conf
 * {@code fragmentation}: {@code yes} announces and splits when the peer announced it too, {@code accept} only
 * announces, {@code force} splits even without the peer's Vendor ID, {@code no} does neither. Incoming fragments are
 * reassembled per ISAKMP SA whatever the setting (like strongSwan) and the whole message then goes through the normal
 * path, so retransmission detection and the IV chains see the original bytes.
 */
final class V1Fragmentation {
    /** MD5("FRAGMENTATION") and the capability word strongSwan sends (0x80000000); matched on the first 16 bytes. */
    static final Octets VID = Octets.ofHex("4048b7d56ebce88525e7de7f00d6c2d380000000");
    private static final int VID_PREFIX = 16;
    private static final V1FragmentCodec CODEC = new V1FragmentCodec();
    /** strongSwan's fragment ID: one message at a time, every message ID 1. */
    private static final int FRAGMENT_ID = 1;
    private static final int IKE_PORT = 500;

    private V1Fragmentation() {}

    /** Our Vendor ID when {@code c} allows fragmentation at all. */
    static List<V1Payload> vendorIds(ConnectionConfig c) {
        return c.fragmentation() == ConnectionConfig.Fragmentation.NO ? List.of() : List.of(new V1Payload.VendorId(VID));
    }

    /** Records whether the peer announced fragmentation (any capability word after the 16-byte hash). */
    static void peerVendorIds(IsakmpSa sa, List<V1Payload> payloads) {
        byte[] mine = VID.bytes();
        for (V1Payload p : payloads) {
            if (p instanceof V1Payload.VendorId v && v.data().length() >= VID_PREFIX
                    && Arrays.equals(v.data().bytes(), 0, VID_PREFIX, mine, 0, VID_PREFIX)) {
                sa.peerFragmentation = true;
            }
        }
    }

    /**
     * The datagrams to send for {@code datagram}: itself, or its fragments when the connection splits and it is larger
     * than {@code fragment_size} allows (the IP datagram size, less the IP and UDP headers and the non-ESP marker).
     */
    static List<byte[]> split(V1Run r, IsakmpSa sa, byte[] datagram) {
        ConnectionConfig.Fragmentation mode = sa.connection.fragmentation();
        boolean use = mode == ConnectionConfig.Fragmentation.FORCE
                || (mode == ConnectionConfig.Fragmentation.YES && sa.peerFragmentation);
        if (!use || datagram.length < IsakmpHeader.SIZE) return List.of(datagram);
        int limit = r.settings().fragmentSize() - (sa.remote.address() instanceof Inet6Address ? 40 : 20) - 8;
        if (sa.local.port() != IKE_PORT || sa.remote.port() != IKE_PORT) limit -= 4;
        if (datagram.length <= limit) return List.of(datagram);
        int chunk = Math.max(1, limit - IsakmpFragment.OVERHEAD);
        int count = (datagram.length + chunk - 1) / chunk;
        if (count > V1Reassembly.MAX_FRAGMENTS) {
            r.log(EngineLog.Subsystem.NET, sa, "IKE message of " + datagram.length + " bytes needs " + count
                    + " fragments, more than " + V1Reassembly.MAX_FRAGMENTS + ": sent unfragmented");
            return List.of(datagram);
        }
        ByteBuffer cookies = ByteBuffer.wrap(datagram, 0, 16);
        long cookieI = cookies.getLong(), cookieR = cookies.getLong();
        V1ExchangeType outer = sa.aggressive ? V1ExchangeType.AGGRESSIVE : V1ExchangeType.IDENTITY_PROTECTION;
        IsakmpHeader h = IsakmpHeader.of(cookieI, cookieR, outer, false, 0);
        List<byte[]> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            int from = (n - 1) * chunk;
            byte[] part = Arrays.copyOfRange(datagram, from, Math.min(datagram.length, from + chunk));
            out.add(CODEC.encode(new IsakmpFragment(h, FRAGMENT_ID, n, n == count ? IsakmpFragment.FLAG_LAST : 0,
                    Octets.of(part))));
        }
        r.log(EngineLog.Subsystem.NET, sa, "splitting IKE message (" + datagram.length + " bytes) into " + count + " fragments");
        return out;
    }

    /**
     * A datagram whose first payload is a fragment: decoded, added to its ISAKMP SA's reassembly, and the whole
     * original datagram returned once the last piece is in. Anything wrong is dropped with a log line.
     */
    static Optional<byte[]> receive(V1Run r, EngineInput.DatagramReceived in) {
        V1Result<IsakmpFragment> res = CODEC.decode(in.data());
        if (res instanceof V1Result.Rejected<IsakmpFragment> rej) {
            r.log(EngineLog.Subsystem.NET, null, "rejected IKEv1 fragment from " + in.remote() + ": " + rej.error().kind()
                    + " " + rej.error().detail());
            return Optional.empty();
        }
        IsakmpFragment f = ((V1Result.Decoded<IsakmpFragment>) res).value();
        IsakmpHeader h = f.header();
        Optional<IsakmpSa> found = h.responderCookie() == 0 ? Optional.empty()
                : r.table.find(h.initiatorCookie(), h.responderCookie());
        if (found.isEmpty()) {
            r.log(EngineLog.Subsystem.NET, null, "dropped IKEv1 fragment from " + in.remote() + " for no known ISAKMP SA");
            return Optional.empty();
        }
        IsakmpSa sa = found.get();
        V1Reassembly.Outcome o;
        sa.lock().lock();
        try {
            if (sa.step == IsakmpSa.Step.DESTROYED || (sa.cookieR != 0 && sa.cookieR != h.responderCookie())) {
                return Optional.empty();
            }
            if (sa.reassembly == null) sa.reassembly = new V1Reassembly(r.settings().maxMessageSize());
            o = sa.reassembly.add(f.fragmentId(), f.number(), f.last(), f.data().bytes(), r.now().getEpochSecond());
        } finally {
            sa.lock().unlock();
        }
        return switch (o) {
            case V1Reassembly.Outcome.Pending p -> {
                r.log(EngineLog.Subsystem.NET, sa, "received fragment #" + f.number() + ", waiting for complete IKE message");
                yield Optional.empty();
            }
            case V1Reassembly.Outcome.Dropped d -> {
                r.log(EngineLog.Subsystem.NET, sa, "dropped IKEv1 fragment from " + in.remote() + ": " + d.fault() + " " + d.detail());
                yield Optional.empty();
            }
            case V1Reassembly.Outcome.Complete c -> whole(r, sa, f, c);
        };
    }

    /** The reassembled datagram, if it is an ISAKMP message of the same SA and not itself a fragment. */
    private static Optional<byte[]> whole(V1Run r, IsakmpSa sa, IsakmpFragment f, V1Reassembly.Outcome.Complete c) {
        IsakmpHeader outer = f.header();
        byte[] m = c.message();
        if (m.length < IsakmpHeader.SIZE || IsakmpFragment.isFragment(m)) {
            r.log(EngineLog.Subsystem.NET, sa, "dropped reassembled IKEv1 message: too short or itself a fragment");
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(m, 0, 16);
        if (b.getLong() != outer.initiatorCookie() || b.getLong() != outer.responderCookie()) {
            r.log(EngineLog.Subsystem.NET, sa, "dropped reassembled IKEv1 message: cookies differ from its fragments'");
            return Optional.empty();
        }
        r.log(EngineLog.Subsystem.NET, sa, "received fragment #" + f.number() + ", reassembled fragmented IKE message ("
                + m.length + " bytes, " + c.fragments() + " fragments)");
        return Optional.of(m);
    }
}
