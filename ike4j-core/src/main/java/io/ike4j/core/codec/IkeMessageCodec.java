package io.ike4j.core.codec;

import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.UnknownPayload;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IKEv2 message codec (RFC 7296 3, RFC 7383 2.5). Decoding never throws on bad input: it returns
 * {@link DecodeResult.Rejected}. Encoding computes every length and Next Payload field itself; it throws
 * {@link IllegalArgumentException} only for programming errors (e.g. SK not last, value out of range).
 *
 * <p>Byte-exactness: for well-formed input (reserved fields zero) decode→encode reproduces the datagram; the
 * critical bit is kept per payload, reserved bits are ignored on receipt (RFC 7296 3.2) and sent as zero.
 * Error offsets are absolute in the datagram, except for errors in a decrypted inner chain, which are offsets
 * into the plaintext.
 */
public final class IkeMessageCodec {
    private static final int GENERIC_HEADER = 4;
    private static final int SKF_HEADER = 8;

    /** Decodes header and payload chain; SK/SKF stay sealed. */
    public DecodeResult decode(byte[] datagram) {
        try {
            WireReader r = new WireReader(datagram);
            IkeHeader h = IkeHeader.decode(r);
            if (h.length() != datagram.length) {
                return new DecodeResult.Rejected(DecodeError.drop(24, "length field " + h.length()
                        + " != datagram length " + datagram.length));
            }
            return new DecodeResult.Decoded(new IkeMessage(h, decodeChain(r, h.nextPayload(), true)));
        } catch (WireException e) {
            return new DecodeResult.Rejected(e.error());
        }
    }

    /**
     * Opens the SK payload (last payload of {@code outer}, decoded from {@code datagram}) and decodes the inner
     * chain. The result has the outer header and the payloads before SK followed by the inner payloads.
     * Integrity failure → INTEGRITY_CHECK_FAILED (silent drop, RFC 7296 2.21.2).
     */
    public DecodeResult decodeInner(IkeMessage outer, byte[] datagram, EncryptedPayloadProtection protection) {
        List<Payload> ps = outer.payloads();
        if (ps.isEmpty() || !(ps.getLast() instanceof EncryptedPayload sk)) {
            return new DecodeResult.Rejected(DecodeError.syntax(IkeHeader.SIZE, "no SK payload"));
        }
        Optional<byte[]> plain = open(datagram, sk.bodyLength(), protection);
        if (plain.isEmpty()) return integrityFailure(datagram.length - sk.bodyLength());
        try {
            List<Payload> all = new ArrayList<>(ps.subList(0, ps.size() - 1));
            all.addAll(decodeChain(new WireReader(plain.get()), sk.firstInnerPayload(), false));
            return new DecodeResult.Decoded(new IkeMessage(outer.header(), all));
        } catch (WireException e) {
            return new DecodeResult.Rejected(e.error());
        } finally {
            Arrays.fill(plain.get(), (byte) 0);
        }
    }

    /** A verified, decrypted SKF fragment (RFC 7383 2.5), to be collected until all fragments are present. */
    public record OpenedFragment(int fragmentNumber, int totalFragments, int firstInnerPayload, byte[] plaintext) {
        public OpenedFragment {
            plaintext = plaintext.clone();
        }

        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }

        @Override
        public String toString() {
            return "Fragment[" + fragmentNumber + "/" + totalFragments + ", " + plaintext.length + " bytes]";
        }
    }

    /**
     * Verifies and decrypts the SKF payload of {@code outer}. Empty if there is none or it fails its integrity
     * check (silent drop, RFC 7383 2.6).
     */
    public Optional<OpenedFragment> openFragment(IkeMessage outer, byte[] datagram,
                                                 EncryptedPayloadProtection protection) {
        List<Payload> ps = outer.payloads();
        if (ps.isEmpty() || !(ps.getLast() instanceof EncryptedFragmentPayload f)) return Optional.empty();
        return open(datagram, f.bodyLength(), protection).map(p -> new OpenedFragment(f.fragmentNumber(),
                f.totalFragments(), f.firstInnerPayload(), p));
    }

    /**
     * Decodes the inner chain of a reassembled message (RFC 7383 2.6): {@code plaintexts} are the fragments'
     * plaintexts in fragment-number order, {@code firstInnerPayload} comes from fragment 1.
     */
    public DecodeResult reassemble(IkeHeader header, int firstInnerPayload, List<byte[]> plaintexts) {
        WireWriter w = new WireWriter();
        for (byte[] p : plaintexts) w.bytes(p);
        try {
            return new DecodeResult.Decoded(new IkeMessage(header,
                    decodeChain(new WireReader(w.toByteArray()), firstInnerPayload, false)));
        } catch (WireException e) {
            return new DecodeResult.Rejected(e.error());
        }
    }

    private static Optional<byte[]> open(byte[] datagram, int bodyLength, EncryptedPayloadProtection protection) {
        int bodyOffset = datagram.length - bodyLength;
        if (bodyOffset < IkeHeader.SIZE + GENERIC_HEADER) return Optional.empty();
        return protection.open(datagram, bodyOffset, bodyLength);
    }

    private static DecodeResult integrityFailure(int offset) {
        return new DecodeResult.Rejected(new DecodeError(DecodeError.Kind.INTEGRITY_CHECK_FAILED, offset,
                "SK integrity check failed", Optional.of(PayloadType.SK.value())));
    }

    /** RFC 7296 3.2: walk the Next Payload chain; {@code outer} allows SK/SKF, which must end the message. */
    static List<Payload> decodeChain(WireReader r, int first, boolean outer) throws WireException {
        List<Payload> out = new ArrayList<>();
        int next = first;
        while (next != PayloadType.NONE.value()) {
            int type = next;
            int at = r.position();
            if (PayloadType.isIkev1PayloadType(type)) {
                throw new WireException(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, at,
                        "IKEv1 payload type " + type + " in an IKEv2 message", Optional.of(type)));
            }
            next = r.u8("next payload");
            boolean critical = (r.u8("payload flags") & 0x80) != 0;
            int len = r.u16("payload length");
            if (len < GENERIC_HEADER) {
                throw new WireException(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, at,
                        "payload length " + len, Optional.of(type)));
            }
            WireReader body;
            try {
                body = r.slice(len - GENERIC_HEADER, "payload body");
            } catch (WireException e) {
                throw withType(e, type);
            }
            Optional<PayloadType> known = PayloadType.of(type).filter(IkeMessageCodec::understood);
            Payload p;
            if (known.isEmpty()) {
                if (critical) {
                    throw new WireException(new DecodeError(DecodeError.Kind.UNSUPPORTED_CRITICAL_PAYLOAD, at,
                            "unsupported critical payload " + type, Optional.of(type)));
                }
                p = new UnknownPayload(type, false, body.rest());
            } else {
                try {
                    p = PayloadBodies.decode(known.get(), critical, next, body);
                } catch (WireException e) {
                    throw withType(e, type);
                }
            }
            out.add(p);
            if (p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload) {
                // RFC 7296 3.14 / RFC 7383 2.5: the encrypted payload is the last one; its Next Payload is inner.
                if (!outer) {
                    throw new WireException(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, at,
                            "encrypted payload inside an encrypted payload", Optional.of(type)));
                }
                next = PayloadType.NONE.value();
            }
        }
        if (r.hasRemaining()) throw WireException.syntax(r.position(), "bytes after the last payload");
        return out;
    }

    private static boolean understood(PayloadType t) {
        return switch (t) {
            case GSPM, IDG, GSA, KD, PS, NONE -> false;
            default -> true;
        };
    }

    private static WireException withType(WireException e, int type) {
        DecodeError d = e.error();
        return d.payloadType().isPresent() ? e
                : new WireException(new DecodeError(d.kind(), d.offset(), d.detail(), Optional.of(type)));
    }

    /** Encodes a message as is (SK/SKF payloads, if any, must already be sealed and last). */
    public byte[] encode(IkeMessage message) {
        WireWriter w = new WireWriter(512);
        List<Payload> ps = message.payloads();
        w.zeros(IkeHeader.SIZE);
        encodeChain(ps, w);
        byte[] out = w.toByteArray();
        WireWriter hw = new WireWriter(IkeHeader.SIZE);
        message.header().encode(hw, ps.isEmpty() ? 0 : ps.getFirst().payloadType(), out.length);
        System.arraycopy(hw.toByteArray(), 0, out, 0, IkeHeader.SIZE);
        return out;
    }

    /** Encodes a payload chain (Next Payload fields and lengths computed). */
    public byte[] encodePayloads(List<Payload> payloads) {
        WireWriter w = new WireWriter(512);
        encodeChain(payloads, w);
        return w.toByteArray();
    }

    private static void encodeChain(List<Payload> ps, WireWriter w) {
        for (int i = 0; i < ps.size(); i++) {
            Payload p = ps.get(i);
            boolean encrypted = p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload;
            if (encrypted && i != ps.size() - 1) throw new IllegalArgumentException("SK/SKF must be the last payload");
            int following = i + 1 < ps.size() ? ps.get(i + 1).payloadType() : 0;
            int start = w.position();
            w.u8(PayloadBodies.ownNext(p, following)).u8(p.critical() ? 0x80 : 0).u16(0);
            PayloadBodies.encode(p, w);
            w.patchU16(start + 2, w.position() - start);
        }
    }

    /**
     * Builds {@code HDR, SK{inner}} (RFC 7296 3.14): the prefix (header + SK generic header, lengths final) is
     * passed to {@link EncryptedPayloadProtection#seal}. The header's next payload and length are set here.
     */
    public byte[] encodeProtected(IkeHeader header, List<Payload> inner, EncryptedPayloadProtection protection) {
        byte[] plain = encodePayloads(inner);
        try {
            int first = inner.isEmpty() ? 0 : inner.getFirst().payloadType();
            return seal(header, PayloadType.SK, first, -1, -1, plain, protection);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Builds SKF fragments (RFC 7383 2.5): each its own message, numbered 1..N, fragment 1 carrying the first
     * inner payload type, the others 0. Each datagram is at most {@code maxDatagramLength} bytes (the IKE message
     * without UDP/IP headers or the non-ESP marker).
     */
    public List<byte[]> encodeFragments(IkeHeader header, List<Payload> inner, EncryptedPayloadProtection protection,
                                        int maxDatagramLength) {
        byte[] plain = encodePayloads(inner);
        try {
            int overhead = IkeHeader.SIZE + SKF_HEADER;
            int chunk = Math.min(Math.max(plain.length, 1), maxDatagramLength);
            while (chunk > 0 && overhead + protection.sealedLength(chunk) > maxDatagramLength) chunk--;
            if (chunk <= 0) throw new IllegalArgumentException("maxDatagramLength too small for one fragment");
            int total = Math.max(1, (plain.length + chunk - 1) / chunk);
            if (total > 0xffff) throw new IllegalArgumentException("too many fragments");
            int first = inner.isEmpty() ? 0 : inner.getFirst().payloadType();
            List<byte[]> out = new ArrayList<>(total);
            for (int n = 1; n <= total; n++) {
                int from = (n - 1) * chunk;
                byte[] part = Arrays.copyOfRange(plain, from, Math.min(plain.length, from + chunk));
                out.add(seal(header, PayloadType.SKF, n == 1 ? first : 0, n, total, part, protection));
                Arrays.fill(part, (byte) 0);
            }
            return List.copyOf(out);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] seal(IkeHeader header, PayloadType kind, int next, int number, int total, byte[] plain,
                               EncryptedPayloadProtection protection) {
        int bodyLength = protection.sealedLength(plain.length);
        int payloadHeader = kind == PayloadType.SKF ? SKF_HEADER : GENERIC_HEADER;
        int length = IkeHeader.SIZE + payloadHeader + bodyLength;
        WireWriter w = new WireWriter(length);
        header.encode(w, kind.value(), length);
        w.u8(next).u8(0).u16(payloadHeader + bodyLength);
        if (kind == PayloadType.SKF) w.u16(number).u16(total);
        byte[] body = protection.seal(w.toByteArray(), plain);
        if (body.length != bodyLength) throw new IllegalStateException("protection sealed a body of unexpected size");
        w.bytes(body);
        return w.toByteArray();
    }
}
