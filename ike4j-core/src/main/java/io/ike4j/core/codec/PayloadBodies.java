package io.ike4j.core.codec;

import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.CertificatePayload;
import io.ike4j.core.codec.payload.CertificateRequestPayload;
import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigurationPayload;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.EapPayload;
import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.payload.UnknownPayload;
import io.ike4j.core.codec.payload.VendorIdPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes payload bodies (everything after the 4-byte generic payload header, RFC 7296 3.2).
 * Decoding checks every count and length against the bytes actually present; reserved fields are skipped.
 */
final class PayloadBodies {
    private PayloadBodies() {}

    /** Decodes a body of a known type; {@code next} is the generic header's Next Payload (needed by SK/SKF). */
    static Payload decode(PayloadType type, boolean critical, int next, WireReader r) throws WireException {
        int start = r.position();
        try {
            return switch (type) {
                case SA -> new SecurityAssociationPayload(SaCodec.decode(r), critical);
                case KE -> {
                    int group = r.u16("KE group");
                    r.skip(2, "KE reserved");
                    if (!r.hasRemaining()) throw WireException.syntax(r.position(), "KE without key exchange data");
                    yield new KeyExchangePayload(group, r.rest(), critical);
                }
                case IDI, IDR -> {
                    int idType = r.u8("ID type");
                    r.skip(3, "ID reserved");
                    yield new IdentificationPayload(type == PayloadType.IDI, idType, r.rest(), critical);
                }
                case CERT -> new CertificatePayload(r.u8("cert encoding"), r.rest(), critical);
                case CERTREQ -> new CertificateRequestPayload(r.u8("cert encoding"), r.rest(), critical);
                case AUTH -> {
                    int method = r.u8("auth method");
                    r.skip(3, "AUTH reserved");
                    yield new AuthenticationPayload(method, r.rest(), critical);
                }
                case NONCE -> {
                    // RFC 7296 3.9: nonce data is 16..256 bytes.
                    if (r.remaining() < 16 || r.remaining() > 256) {
                        throw WireException.syntax(start, "nonce length " + r.remaining() + " not in 16..256");
                    }
                    yield new NoncePayload(r.rest(), critical);
                }
                case NOTIFY -> {
                    int proto = r.u8("notify protocol");
                    int spiSize = r.u8("notify SPI size");
                    int notifyType = r.u16("notify type");
                    byte[] spi = r.bytes(spiSize, "notify SPI");
                    yield new NotifyPayload(proto, spi, notifyType, r.rest(), critical);
                }
                case DELETE -> decodeDelete(r, critical);
                case VENDOR_ID -> new VendorIdPayload(r.rest(), critical);
                case TSI, TSR -> new TrafficSelectorPayload(type == PayloadType.TSI, decodeSelectors(r), critical);
                case SK -> new EncryptedPayload(next, r.rest(), critical);
                case CP -> decodeConfig(r, critical);
                case EAP -> new EapPayload(checkEap(r), critical);
                case SKF -> {
                    int number = r.u16("fragment number");
                    int total = r.u16("total fragments");
                    // RFC 7383 2.5: numbering starts at 1 and never exceeds the total.
                    if (number < 1 || total < 1 || number > total) {
                        throw WireException.syntax(start, "fragment " + number + " of " + total);
                    }
                    yield new EncryptedFragmentPayload(next, number, total, r.rest(), critical);
                }
                default -> new UnknownPayload(type.value(), critical, r.rest());
            };
        } catch (IllegalArgumentException e) {
            // a record invariant rejected a value that the checks above let through
            throw WireException.syntax(start, "invalid " + type + " payload");
        }
    }

    private static DeletePayload decodeDelete(WireReader r, boolean critical) throws WireException {
        int proto = r.u8("delete protocol");
        int spiSize = r.u8("delete SPI size");
        int count = r.u16("delete SPI count");
        // RFC 7296 3.11: the SPIs fill the rest of the payload exactly.
        if ((long) spiSize * count != r.remaining()) {
            throw WireException.syntax(r.position(), "delete: " + count + " SPIs of " + spiSize + " bytes != "
                    + r.remaining());
        }
        List<byte[]> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) spis.add(r.bytes(spiSize, "delete SPI"));
        return new DeletePayload(proto, spiSize, spis, critical);
    }

    private static List<TrafficSelectorSubstructure> decodeSelectors(WireReader r) throws WireException {
        int count = r.u8("TS count");
        r.skip(3, "TS reserved");
        if (count == 0) throw WireException.syntax(r.position(), "TS payload without selectors");
        List<TrafficSelectorSubstructure> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = r.position();
            int tsType = r.u8("TS type");
            int proto = r.u8("TS IP protocol");
            int len = r.u16("TS length");
            int addr = switch (tsType) {
                case TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE -> 4;
                case TrafficSelectorSubstructure.TS_IPV6_ADDR_RANGE -> 16;
                default -> throw WireException.syntax(at, "unsupported TS type " + tsType);
            };
            // RFC 7296 3.13.1: the selector length is fixed by its type.
            if (len != 8 + 2 * addr) throw WireException.syntax(at, "TS length " + len + " for type " + tsType);
            int sp = r.u16("TS start port");
            int ep = r.u16("TS end port");
            out.add(new TrafficSelectorSubstructure(tsType, proto, sp, ep, r.bytes(addr, "TS start"),
                    r.bytes(addr, "TS end")));
        }
        if (r.hasRemaining()) throw WireException.syntax(r.position(), "bytes after the last traffic selector");
        return out;
    }

    private static ConfigurationPayload decodeConfig(WireReader r, boolean critical) throws WireException {
        int cfgType = r.u8("CFG type");
        r.skip(3, "CP reserved");
        List<ConfigAttribute> attrs = new ArrayList<>();
        while (r.hasRemaining()) {
            int type = r.u16("CP attribute type") & 0x7fff; // RFC 7296 3.15.1: R bit ignored
            int len = r.u16("CP attribute length");
            attrs.add(new ConfigAttribute(type, r.bytes(len, "CP attribute value")));
        }
        return new ConfigurationPayload(cfgType, attrs, critical);
    }

    /** RFC 3748 4: Code, Identifier, Length (covers the whole message), then Type for Request/Response. */
    private static byte[] checkEap(WireReader r) throws WireException {
        int at = r.position();
        int size = r.remaining();
        int code = r.u8("EAP code");
        r.u8("EAP identifier");
        int len = r.u16("EAP length");
        if (len != size) throw WireException.syntax(at, "EAP length " + len + " != payload data " + size);
        boolean ok = switch (code) {
            case 1, 2 -> len >= 5;
            case 3, 4 -> len == 4;
            default -> false;
        };
        if (!ok) throw WireException.syntax(at, "EAP code " + code + " with length " + len);
        return new WireReader(r.buffer(), at, size).rest();
    }

    /** Writes the body of {@code p} (without the generic header). */
    static void encode(Payload p, WireWriter w) {
        switch (p) {
            case SecurityAssociationPayload sa -> SaCodec.encode(sa.proposals(), w);
            case KeyExchangePayload ke -> w.u16(ke.group()).zeros(2).bytes(ke.data());
            case IdentificationPayload id -> w.u8(id.idType()).zeros(3).bytes(id.data());
            case CertificatePayload c -> w.u8(c.encoding()).bytes(c.data());
            case CertificateRequestPayload c -> w.u8(c.encoding()).bytes(c.data());
            case AuthenticationPayload a -> w.u8(a.method()).zeros(3).bytes(a.data());
            case NoncePayload n -> w.bytes(n.nonce());
            case NotifyPayload n -> {
                byte[] spi = n.spi();
                w.u8(n.protocolId()).u8(spi.length).u16(n.notifyType()).bytes(spi).bytes(n.data());
            }
            case DeletePayload d -> {
                List<byte[]> spis = d.spis();
                w.u8(d.protocolId()).u8(d.spiSize()).u16(spis.size());
                for (byte[] s : spis) w.bytes(s);
            }
            case VendorIdPayload v -> w.bytes(v.vendorId());
            case TrafficSelectorPayload ts -> {
                w.u8(ts.selectors().size()).zeros(3);
                for (TrafficSelectorSubstructure s : ts.selectors()) {
                    byte[] a = s.startAddress();
                    byte[] b = s.endAddress();
                    w.u8(s.tsType()).u8(s.ipProtocol()).u16(8 + a.length + b.length).u16(s.startPort())
                            .u16(s.endPort()).bytes(a).bytes(b);
                }
            }
            case EncryptedPayload sk -> w.bytes(sk.body());
            case ConfigurationPayload cp -> {
                w.u8(cp.configType()).zeros(3);
                for (ConfigAttribute a : cp.attributes()) {
                    byte[] v = a.value();
                    w.u16(a.type()).u16(v.length).bytes(v);
                }
            }
            case EapPayload eap -> w.bytes(eap.message());
            case EncryptedFragmentPayload f -> w.u16(f.fragmentNumber()).u16(f.totalFragments()).bytes(f.body());
            case UnknownPayload u -> w.bytes(u.body());
        }
    }

    /** The Next Payload value a payload's own header carries when it is last in its chain (SK/SKF: first inner). */
    static int ownNext(Payload p, int following) {
        return switch (p) {
            case EncryptedPayload sk -> sk.firstInnerPayload();
            case EncryptedFragmentPayload f -> f.firstInnerPayload();
            default -> following;
        };
    }
}
