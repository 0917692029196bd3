package io.ike4j.core.codec.v1;

import io.ike4j.core.codec.WireException;
import io.ike4j.core.codec.WireReader;
import io.ike4j.core.codec.WireWriter;
import java.util.ArrayList;
import java.util.List;

/** SA payload bodies (RFC 2408 3.4-3.6, RFC 2407 4.6.1) and data attribute lists (RFC 2408 3.3). */
final class V1SaCodec {
    private static final int GENERIC_HEADER = 4;
    private static final int PROPOSAL_FIXED = 8;
    private static final int TRANSFORM_FIXED = 8;
    private static final int AF_BIT = 0x8000;

    private V1SaCodec() {}

    static V1Payload.Sa decode(WireReader r) throws WireException, V1DecodeException {
        int at = r.position();
        long doi = r.u32("DOI");
        // RFC 2408 5.6 / RFC 2407 4.6.1: only the IPsec DOI; other situations than SIT_IDENTITY_ONLY need labels.
        if (doi != V1Payload.Sa.DOI_IPSEC) {
            throw V1DecodeException.of(V1DecodeError.Kind.DOI_NOT_SUPPORTED, at, "DOI " + doi);
        }
        long situation = r.u32("situation");
        if (situation != V1Payload.Sa.SIT_IDENTITY_ONLY) {
            throw V1DecodeException.of(V1DecodeError.Kind.SITUATION_NOT_SUPPORTED, at + 4, "situation " + situation);
        }
        List<V1Proposal> proposals = new ArrayList<>();
        int next = V1PayloadType.PROPOSAL.value();
        while (next != V1PayloadType.NONE.value()) {
            if (!r.hasRemaining()) throw V1DecodeException.malformed(r.position(), "proposal missing");
            int start = r.position();
            next = r.u8("proposal next payload");
            if (next != V1PayloadType.NONE.value() && next != V1PayloadType.PROPOSAL.value()) {
                throw V1DecodeException.of(V1DecodeError.Kind.BAD_PROPOSAL_SYNTAX, start, "proposal next " + next);
            }
            reserved(r.u8("proposal reserved"), start + 1);
            int len = r.u16("proposal length");
            if (len < PROPOSAL_FIXED) throw V1DecodeException.malformed(start + 2, "proposal length " + len);
            proposals.add(decodeProposal(r.slice(len - GENERIC_HEADER, "proposal body")));
        }
        if (r.hasRemaining()) throw V1DecodeException.malformed(r.position(), "bytes after the last proposal");
        return new V1Payload.Sa(doi, situation, proposals);
    }

    private static V1Proposal decodeProposal(WireReader r) throws WireException, V1DecodeException {
        int at = r.position();
        int number = r.u8("proposal number");
        int protocol = r.u8("protocol id");
        if (V1ProtocolId.of(protocol).isEmpty()) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_PROTOCOL_ID, at + 1, "protocol " + protocol);
        }
        int spiSize = r.u8("SPI size");
        int count = r.u8("number of transforms");
        if (count == 0) throw V1DecodeException.of(V1DecodeError.Kind.BAD_PROPOSAL_SYNTAX, at + 3, "no transforms");
        Octets spi = Octets.wrap(r.bytes(spiSize, "SPI"));
        List<V1Transform> transforms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = r.position();
            int next = r.u8("transform next payload");
            int want = i + 1 < count ? V1PayloadType.TRANSFORM.value() : V1PayloadType.NONE.value();
            if (next != want) {
                throw V1DecodeException.of(V1DecodeError.Kind.BAD_PROPOSAL_SYNTAX, start,
                        "transform " + (i + 1) + "/" + count + " has next payload " + next);
            }
            reserved(r.u8("transform reserved"), start + 1);
            int len = r.u16("transform length");
            if (len < TRANSFORM_FIXED) throw V1DecodeException.malformed(start + 2, "transform length " + len);
            WireReader t = r.slice(len - GENERIC_HEADER, "transform body");
            int tnum = t.u8("transform number");
            int tid = t.u8("transform id");
            reserved(t.u16("transform reserved2"), start + 6);
            transforms.add(new V1Transform(tnum, tid, decodeAttributes(t)));
        }
        if (r.hasRemaining()) throw V1DecodeException.malformed(r.position(), "bytes after the last transform");
        return new V1Proposal(number, protocol, spi, transforms);
    }

    /** RFC 2408 3.3: attributes until the reader's end. */
    static List<DataAttribute> decodeAttributes(WireReader r) throws WireException {
        List<DataAttribute> out = new ArrayList<>();
        while (r.hasRemaining()) {
            int head = r.u16("attribute type");
            int type = head & ~AF_BIT;
            if ((head & AF_BIT) != 0) {
                out.add(new DataAttribute(type, true, Octets.wrap(r.bytes(2, "attribute value"))));
            } else {
                int len = r.u16("attribute length");
                out.add(new DataAttribute(type, false, Octets.wrap(r.bytes(len, "attribute value"))));
            }
        }
        return out;
    }

    static void reserved(int value, int offset) throws V1DecodeException {
        if (value != 0) throw V1DecodeException.malformed(offset, "RESERVED not zero");
    }

    static void encode(V1Payload.Sa sa, WireWriter w) {
        w.u32(sa.doi()).u32(sa.situation());
        List<V1Proposal> ps = sa.proposals();
        for (int i = 0; i < ps.size(); i++) {
            V1Proposal p = ps.get(i);
            int start = w.position();
            w.u8(i + 1 < ps.size() ? V1PayloadType.PROPOSAL.value() : 0).u8(0).u16(0);
            w.u8(p.number()).u8(p.protocolId()).u8(p.spi().length()).u8(p.transforms().size());
            p.spi().writeTo(w);
            List<V1Transform> ts = p.transforms();
            for (int j = 0; j < ts.size(); j++) {
                V1Transform t = ts.get(j);
                int tstart = w.position();
                w.u8(j + 1 < ts.size() ? V1PayloadType.TRANSFORM.value() : 0).u8(0).u16(0);
                w.u8(t.number()).u8(t.transformId()).u16(0);
                encodeAttributes(t.attributes(), w);
                w.patchU16(tstart + 2, w.position() - tstart);
            }
            w.patchU16(start + 2, w.position() - start);
        }
    }

    static void encodeAttributes(List<DataAttribute> attributes, WireWriter w) {
        for (DataAttribute a : attributes) {
            if (a.basic()) {
                w.u16(AF_BIT | a.type());
            } else {
                w.u16(a.type()).u16(a.value().length());
            }
            a.value().writeTo(w);
        }
    }
}
