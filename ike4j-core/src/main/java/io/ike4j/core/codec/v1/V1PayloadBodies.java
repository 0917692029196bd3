package io.ike4j.core.codec.v1;

import io.ike4j.core.codec.WireException;
import io.ike4j.core.codec.WireReader;
import io.ike4j.core.codec.WireWriter;
import java.util.ArrayList;
import java.util.List;

/** Body decoding/encoding per payload type (after the 4-byte generic header). */
final class V1PayloadBodies {
    static final int MIN_NONCE = 8;
    static final int MAX_NONCE = 256;

    private V1PayloadBodies() {}

    static V1Payload decode(V1PayloadType type, WireReader r) throws WireException, V1DecodeException {
        int at = r.position();
        return switch (type) {
            case SA -> V1SaCodec.decode(r);
            case KE -> new V1Payload.KeyExchange(nonEmpty(r, "KE"));
            case ID -> decodeId(r);
            case CERT -> new V1Payload.Certificate(r.u8("cert encoding"), Octets.wrap(r.rest()));
            case CERTREQ -> new V1Payload.CertificateRequest(r.u8("cert type"), Octets.wrap(r.rest()));
            case HASH -> new V1Payload.Hash(nonEmpty(r, "HASH"));
            case SIG -> new V1Payload.Signature(nonEmpty(r, "SIG"));
            case NONCE -> {
                // RFC 2409 5: the nonce data is between 8 and 256 bytes inclusive.
                if (r.remaining() < MIN_NONCE || r.remaining() > MAX_NONCE) {
                    throw V1DecodeException.malformed(at, "nonce of " + r.remaining() + " bytes");
                }
                yield new V1Payload.Nonce(Octets.wrap(r.rest()));
            }
            case NOTIFICATION -> decodeNotification(r);
            case DELETE -> decodeDelete(r);
            case VENDOR_ID -> new V1Payload.VendorId(nonEmpty(r, "vendor ID"));
            case NAT_D, NAT_D_DRAFT -> new V1Payload.NatDiscovery(type.value(), nonEmpty(r, "NAT-D"));
            case NAT_OA, NAT_OA_DRAFT -> decodeNatOa(type, r);
            case ATTRIBUTE -> {
                int cfg = r.u8("cfg type");
                V1SaCodec.reserved(r.u8("attribute payload reserved"), at + 1);
                int id = r.u16("identifier");
                yield new V1Payload.Attribute(cfg, id, V1SaCodec.decodeAttributes(r));
            }
            case NONE, PROPOSAL, TRANSFORM -> throw V1DecodeException.of(V1DecodeError.Kind.INVALID_PAYLOAD_TYPE, at,
                    "payload type " + type.value() + " outside an SA");
        };
    }

    private static Octets nonEmpty(WireReader r, String what) throws V1DecodeException {
        if (!r.hasRemaining()) throw V1DecodeException.malformed(r.position(), "empty " + what + " payload");
        return Octets.wrap(r.rest());
    }

    /** RFC 2407 4.6.2: address-typed identification data has a fixed size. */
    private static V1Payload.Identification decodeId(WireReader r) throws WireException, V1DecodeException {
        int at = r.position();
        int idType = r.u8("ID type");
        int protocol = r.u8("ID protocol");
        int port = r.u16("ID port");
        V1IdType type = V1IdType.of(idType).orElseThrow(() ->
                V1DecodeException.of(V1DecodeError.Kind.INVALID_ID_INFORMATION, at, "ID type " + idType));
        int want = switch (type) {
            case IPV4_ADDR -> 4;
            case IPV4_ADDR_SUBNET, IPV4_ADDR_RANGE -> 8;
            case IPV6_ADDR -> 16;
            case IPV6_ADDR_SUBNET, IPV6_ADDR_RANGE -> 32;
            default -> -1;
        };
        if (want >= 0 ? r.remaining() != want : !r.hasRemaining()) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_ID_INFORMATION, at + 4,
                    type + " with " + r.remaining() + " bytes");
        }
        return new V1Payload.Identification(idType, protocol, port, Octets.wrap(r.rest()));
    }

    private static V1Payload.Notification decodeNotification(WireReader r) throws WireException {
        long doi = r.u32("notification DOI");
        int protocol = r.u8("notification protocol");
        int spiSize = r.u8("notification SPI size");
        int type = r.u16("notify message type");
        Octets spi = Octets.wrap(r.bytes(spiSize, "notification SPI"));
        return new V1Payload.Notification(doi, protocol, type, spi, Octets.wrap(r.rest()));
    }

    private static V1Payload.Delete decodeDelete(WireReader r) throws WireException, V1DecodeException {
        int at = r.position();
        long doi = r.u32("delete DOI");
        int protocol = r.u8("delete protocol");
        int spiSize = r.u8("delete SPI size");
        int count = r.u16("number of SPIs");
        if ((long) spiSize * count != r.remaining()) {
            throw V1DecodeException.malformed(at + 6, count + " SPIs of " + spiSize + " bytes in " + r.remaining());
        }
        List<Octets> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) spis.add(Octets.wrap(r.bytes(spiSize, "SPI")));
        return new V1Payload.Delete(doi, protocol, spiSize, spis);
    }

    private static V1Payload.NatOriginalAddress decodeNatOa(V1PayloadType type, WireReader r)
            throws WireException, V1DecodeException {
        int at = r.position();
        int idType = r.u8("NAT-OA ID type");
        V1SaCodec.reserved(r.u8("NAT-OA reserved"), at + 1);
        V1SaCodec.reserved(r.u16("NAT-OA reserved"), at + 2);
        int want = idType == V1IdType.IPV4_ADDR.value() ? 4 : idType == V1IdType.IPV6_ADDR.value() ? 16 : -1;
        if (want < 0 || r.remaining() != want) {
            throw V1DecodeException.malformed(at, "NAT-OA ID type " + idType + " with " + r.remaining() + " bytes");
        }
        return new V1Payload.NatOriginalAddress(type.value(), idType, Octets.wrap(r.rest()));
    }

    static void encode(V1Payload p, WireWriter w) {
        switch (p) {
            case V1Payload.Sa sa -> V1SaCodec.encode(sa, w);
            case V1Payload.KeyExchange ke -> ke.data().writeTo(w);
            case V1Payload.Identification id -> {
                w.u8(id.idType()).u8(id.protocolId()).u16(id.port());
                id.data().writeTo(w);
            }
            case V1Payload.Certificate c -> {
                w.u8(c.encoding());
                c.data().writeTo(w);
            }
            case V1Payload.CertificateRequest c -> {
                w.u8(c.certType());
                c.authority().writeTo(w);
            }
            case V1Payload.Hash h -> h.data().writeTo(w);
            case V1Payload.Signature s -> s.data().writeTo(w);
            case V1Payload.Nonce n -> n.data().writeTo(w);
            case V1Payload.Notification n -> {
                w.u32(n.doi()).u8(n.protocolId()).u8(n.spi().length()).u16(n.notifyType());
                n.spi().writeTo(w);
                n.data().writeTo(w);
            }
            case V1Payload.Delete d -> {
                w.u32(d.doi()).u8(d.protocolId()).u8(d.spiSize()).u16(d.spis().size());
                for (Octets s : d.spis()) s.writeTo(w);
            }
            case V1Payload.VendorId v -> v.data().writeTo(w);
            case V1Payload.NatDiscovery n -> n.hash().writeTo(w);
            case V1Payload.NatOriginalAddress n -> {
                w.u8(n.idType()).u8(0).u16(0);
                n.address().writeTo(w);
            }
            case V1Payload.Attribute a -> {
                w.u8(a.cfgType()).u8(0).u16(a.identifier());
                V1SaCodec.encodeAttributes(a.attributes(), w);
            }
            case V1Payload.Unknown u -> u.body().writeTo(w);
        }
    }
}
