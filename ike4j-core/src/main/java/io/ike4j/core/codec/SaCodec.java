package io.ike4j.core.codec;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import java.util.ArrayList;
import java.util.List;

/**
 * SA payload body (RFC 7296 3.3): proposals (3.3.1), transforms (3.3.2), attributes (3.3.5). "Last Substruc" is
 * checked (0 for the last, 2 for more proposals, 3 for more transforms), as are every length and the
 * transform count, so a well-formed SA re-encodes byte-exactly.
 */
final class SaCodec {
    private static final int MORE_PROPOSALS = 2;
    private static final int MORE_TRANSFORMS = 3;

    private SaCodec() {}

    static List<ProposalSubstructure> decode(WireReader r) throws WireException {
        List<ProposalSubstructure> out = new ArrayList<>();
        boolean more = true;
        while (more) {
            int at = r.position();
            int last = r.u8("proposal last");
            r.skip(1, "proposal reserved");
            int len = r.u16("proposal length");
            if (last != 0 && last != MORE_PROPOSALS) throw WireException.syntax(at, "proposal last substruc " + last);
            if (len < 8) throw WireException.syntax(at, "proposal length " + len);
            WireReader p = r.slice(len - 4, "proposal");
            more = last == MORE_PROPOSALS;
            if (more != r.hasRemaining()) throw WireException.syntax(at, "proposal last flag vs. SA length");
            int number = p.u8("proposal number");
            int protocol = p.u8("protocol id");
            int spiSize = p.u8("SPI size");
            int count = p.u8("transform count");
            byte[] spi = p.bytes(spiSize, "proposal SPI");
            List<TransformSubstructure> transforms = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                transforms.add(decodeTransform(p, i == count - 1));
            }
            if (p.hasRemaining()) throw WireException.syntax(p.position(), "bytes after the last transform");
            out.add(new ProposalSubstructure(number, protocol, spi, transforms));
        }
        return out;
    }

    private static TransformSubstructure decodeTransform(WireReader p, boolean expectLast) throws WireException {
        int at = p.position();
        int last = p.u8("transform last");
        p.skip(1, "transform reserved");
        int len = p.u16("transform length");
        if (last != (expectLast ? 0 : MORE_TRANSFORMS)) {
            throw WireException.syntax(at, "transform last substruc " + last + " vs. transform count");
        }
        if (len < 8) throw WireException.syntax(at, "transform length " + len);
        WireReader t = p.slice(len - 4, "transform");
        int type = t.u8("transform type");
        t.skip(1, "transform reserved");
        int id = t.u16("transform id");
        List<TransformAttribute> attrs = new ArrayList<>();
        while (t.hasRemaining()) {
            int head = t.u16("attribute type");
            boolean tv = (head & 0x8000) != 0;
            int attrType = head & 0x7fff;
            byte[] value = tv ? t.bytes(2, "attribute value") : t.bytes(t.u16("attribute length"), "attribute value");
            attrs.add(new TransformAttribute(attrType, tv, value));
        }
        return new TransformSubstructure(type, id, attrs);
    }

    static void encode(List<ProposalSubstructure> proposals, WireWriter w) {
        for (int i = 0; i < proposals.size(); i++) {
            ProposalSubstructure prop = proposals.get(i);
            int start = w.position();
            byte[] spi = prop.spi();
            List<TransformSubstructure> ts = prop.transforms();
            w.u8(i == proposals.size() - 1 ? 0 : MORE_PROPOSALS).zeros(1).u16(0)
                    .u8(prop.number()).u8(prop.protocolId()).u8(spi.length).u8(ts.size()).bytes(spi);
            for (int j = 0; j < ts.size(); j++) {
                TransformSubstructure t = ts.get(j);
                int tStart = w.position();
                w.u8(j == ts.size() - 1 ? 0 : MORE_TRANSFORMS).zeros(1).u16(0).u8(t.type()).zeros(1).u16(t.id());
                for (TransformAttribute a : t.attributes()) {
                    byte[] v = a.value();
                    if (a.tvFormat()) {
                        if (v.length != 2) throw new IllegalArgumentException("TV attribute needs 2 bytes");
                        w.u16(0x8000 | a.type()).bytes(v);
                    } else {
                        w.u16(a.type()).u16(v.length).bytes(v);
                    }
                }
                w.patchU16(tStart + 2, w.position() - tStart);
            }
            w.patchU16(start + 2, w.position() - start);
        }
    }
}
