package io.ike4j.core.codec.v1;

import io.ike4j.core.codec.WireException;
import io.ike4j.core.codec.WireReader;
import io.ike4j.core.codec.WireWriter;

/**
 * Codec of {@link IsakmpFragment} datagrams. Lengths first: the header (RFC 2408 5.1 checks, its length field must be
 * the datagram's), then exactly one Fragment payload whose length is the rest of the datagram. Structure only: whether
 * the ID, number and data make sense is the reassembly's business. The E flag is tolerated (racoon sets it although
 * fragments are never encrypted). Never throws on bad input; well-formed datagrams round-trip byte for byte.
 */
public final class V1FragmentCodec {

    public V1Result<IsakmpFragment> decode(byte[] datagram) {
        try {
            WireReader r = new WireReader(datagram);
            IsakmpHeader h = IsakmpCodec.decodeHeader(r);
            if (h.length() != datagram.length) {
                throw V1DecodeException.of(V1DecodeError.Kind.DROP, 24,
                        "length field " + h.length() + " != datagram length " + datagram.length);
            }
            if (h.nextPayload() != IsakmpFragment.PAYLOAD_TYPE) {
                throw V1DecodeException.malformed(16, "first payload " + h.nextPayload() + " is not a fragment");
            }
            int at = r.position();
            int next = r.u8("next payload");
            V1SaCodec.reserved(r.u8("payload reserved"), at + 1);
            int len = r.u16("payload length");
            if (len < IsakmpFragment.PAYLOAD_HEADER) {
                throw V1DecodeException.malformed(at + 2, "fragment payload length " + len);
            }
            if (len != r.remaining() + 4) {
                throw V1DecodeException.malformed(at + 2, "fragment payload length " + len + " != "
                        + (r.remaining() + 4) + " bytes left");
            }
            if (next != V1PayloadType.NONE.value()) {
                throw V1DecodeException.malformed(at, "payload " + next + " after the fragment payload");
            }
            int id = r.u16("fragment ID");
            int number = r.u8("fragment number");
            int flags = r.u8("fragment flags");
            return new V1Result.Decoded<>(new IsakmpFragment(h, id, number, flags, Octets.wrap(r.rest())));
        } catch (V1DecodeException e) {
            return new V1Result.Rejected<>(e.error());
        } catch (WireException e) {
            return new V1Result.Rejected<>(V1DecodeError.of(V1DecodeError.Kind.PAYLOAD_MALFORMED, e.error().offset(),
                    e.error().detail()).withPayloadType(IsakmpFragment.PAYLOAD_TYPE));
        }
    }

    /** The datagram of {@code f}: its header with next payload 132 and the real length, then the fragment payload. */
    public byte[] encode(IsakmpFragment f) {
        int payloadLength = IsakmpFragment.PAYLOAD_HEADER + f.data().length();
        WireWriter w = new WireWriter(IsakmpHeader.SIZE + payloadLength);
        f.header().encode(w, IsakmpFragment.PAYLOAD_TYPE, IsakmpHeader.SIZE + (long) payloadLength);
        w.u8(0).u8(0).u16(payloadLength).u16(f.fragmentId()).u8(f.number()).u8(f.flags());
        f.data().writeTo(w);
        return w.toByteArray();
    }
}
