package io.ike4j.core.codec.v1;

import io.ike4j.core.codec.WireException;
import io.ike4j.core.codec.WireReader;
import io.ike4j.core.codec.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IKEv1 / ISAKMP message codec (RFC 2408 3 and 5, RFC 2407 4.6, RFC 3947, draft-dukes-ike-mode-cfg). Decoding never
 * throws on bad input: every length is checked before use and failures come back as {@link V1Result.Rejected} with
 * the RFC 2408 5 notify to answer with (or a silent drop). Encoding computes every length and Next Payload field;
 * it throws {@link IllegalArgumentException} only for programming errors. Well-formed input (reserved fields zero)
 * round-trips byte for byte.
 */
public final class IsakmpCodec {
    private static final int GENERIC_HEADER = 4;
    private static final int KNOWN_FLAGS = IsakmpHeader.FLAG_ENCRYPTION | IsakmpHeader.FLAG_COMMIT
            | IsakmpHeader.FLAG_AUTH_ONLY;

    /** Decodes a datagram (without the NAT-T non-ESP marker): header, then the chain or the opaque ciphertext. */
    public V1Result<IsakmpDatagram> decode(byte[] datagram) {
        try {
            WireReader r = new WireReader(datagram);
            IsakmpHeader h = decodeHeader(r);
            if (h.length() != datagram.length) {
                throw V1DecodeException.of(V1DecodeError.Kind.DROP, 24,
                        "length field " + h.length() + " != datagram length " + datagram.length);
            }
            if (h.encryption()) {
                if (!r.hasRemaining()) throw V1DecodeException.malformed(IsakmpHeader.SIZE, "no ciphertext");
                return new V1Result.Decoded<>(new IsakmpDatagram.Encrypted(h, Octets.wrap(r.rest())));
            }
            List<V1Payload> payloads = decodeChain(r, h.nextPayload());
            if (r.hasRemaining()) throw V1DecodeException.malformed(r.position(), "bytes after the last payload");
            return new V1Result.Decoded<>(new IsakmpDatagram.Plain(new IsakmpMessage(h, payloads)));
        } catch (V1DecodeException e) {
            return new V1Result.Rejected<>(e.error());
        } catch (WireException e) {
            return new V1Result.Rejected<>(V1DecodeError.of(V1DecodeError.Kind.PAYLOAD_MALFORMED, e.error().offset(),
                    e.error().detail()));
        }
    }

    /**
     * Decodes a decrypted payload chain starting with {@code firstPayload} (the header's Next Payload). Bytes after
     * the chain are padding and tolerated (RFC 2409 5 does not require a pad-length byte). Offsets in errors are
     * offsets into {@code plaintext}.
     */
    public V1Result<DecryptedPayloads> decodePayloads(int firstPayload, byte[] plaintext) {
        try {
            WireReader r = new WireReader(plaintext);
            List<V1Payload> payloads = decodeChain(r, firstPayload);
            int chain = r.position();
            return new V1Result.Decoded<>(new DecryptedPayloads(payloads, chain, Octets.wrap(r.rest())));
        } catch (V1DecodeException e) {
            return new V1Result.Rejected<>(e.error());
        } catch (WireException e) {
            return new V1Result.Rejected<>(V1DecodeError.of(V1DecodeError.Kind.PAYLOAD_MALFORMED, e.error().offset(),
                    e.error().detail()));
        }
    }

    /**
     * RFC 2408 5.1 header checks in order: size (drop), major version 1 (an IKEv2 datagram is rejected here),
     * minor version 0, exchange type, flags.
     */
    static IsakmpHeader decodeHeader(WireReader r) throws WireException, V1DecodeException {
        if (r.remaining() < IsakmpHeader.SIZE) {
            throw V1DecodeException.of(V1DecodeError.Kind.DROP, r.position(), "shorter than the ISAKMP header");
        }
        long icky = r.u64("initiator cookie");
        long rcky = r.u64("responder cookie");
        int next = r.u8("next payload");
        int ver = r.u8("version");
        int exchange = r.u8("exchange type");
        int flags = r.u8("flags");
        long mid = r.u32("message ID");
        long len = r.u32("length");
        if ((ver >>> 4) != 1) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_MAJOR_VERSION, 17, "major version " + (ver >>> 4));
        }
        if ((ver & 0xf) != 0) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_MINOR_VERSION, 17, "minor version " + (ver & 0xf));
        }
        if (V1ExchangeType.of(exchange).filter(t -> t != V1ExchangeType.NONE).isEmpty()) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_EXCHANGE_TYPE, 18, "exchange type " + exchange);
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw V1DecodeException.of(V1DecodeError.Kind.INVALID_FLAGS, 19, "flags " + flags);
        }
        return new IsakmpHeader(icky, rcky, next, 1, 0, exchange, (flags & IsakmpHeader.FLAG_ENCRYPTION) != 0,
                (flags & IsakmpHeader.FLAG_COMMIT) != 0, (flags & IsakmpHeader.FLAG_AUTH_ONLY) != 0, mid, len);
    }

    /** RFC 2408 3.2 / 5.2: walk the Next Payload chain until NONE. */
    private static List<V1Payload> decodeChain(WireReader r, int first) throws WireException, V1DecodeException {
        List<V1Payload> out = new ArrayList<>();
        int next = first;
        while (next != V1PayloadType.NONE.value()) {
            int type = next;
            int at = r.position();
            Optional<V1PayloadType> known = V1PayloadType.of(type);
            if (known.isEmpty() && type < 128) {
                String why = V1PayloadType.isIkev2PayloadType(type) ? "IKEv2 payload type " + type + " in an IKEv1 message"
                        : "payload type " + type;
                throw new V1DecodeException(new V1DecodeError(V1DecodeError.Kind.INVALID_PAYLOAD_TYPE, at, why,
                        Optional.of(type)));
            }
            try {
                next = r.u8("next payload");
                V1SaCodec.reserved(r.u8("payload reserved"), at + 1);
                int len = r.u16("payload length");
                if (len < GENERIC_HEADER) throw V1DecodeException.malformed(at + 2, "payload length " + len);
                WireReader body = r.slice(len - GENERIC_HEADER, "payload body");
                out.add(known.isPresent() ? V1PayloadBodies.decode(known.get(), body)
                        : new V1Payload.Unknown(type, Octets.wrap(body.rest())));
            } catch (V1DecodeException e) {
                throw new V1DecodeException(e.error().withPayloadType(type));
            } catch (WireException e) {
                throw new V1DecodeException(V1DecodeError.of(V1DecodeError.Kind.PAYLOAD_MALFORMED,
                        e.error().offset(), e.error().detail()).withPayloadType(type));
            }
        }
        return out;
    }

    /** Encodes a message in the clear (the E flag must be off: use {@link #encodeEncrypted}). */
    public byte[] encode(IsakmpMessage message) {
        if (message.header().encryption()) throw new IllegalArgumentException("E flag set: use encodeEncrypted");
        byte[] chain = encodePayloads(message.payloads());
        return withHeader(message.header(), firstType(message.payloads()), chain);
    }

    /**
     * {@code HDR*}: the header (E flag forced on, next payload = the first encrypted payload's type) followed by
     * the ciphertext. The first payload type comes from the plaintext chain.
     */
    public byte[] encodeEncrypted(IsakmpHeader header, int firstPayload, byte[] ciphertext) {
        IsakmpHeader h = new IsakmpHeader(header.initiatorCookie(), header.responderCookie(), firstPayload,
                header.majorVersion(), header.minorVersion(), header.exchangeType(), true, header.commit(),
                header.authOnly(), header.messageId(), 0);
        return withHeader(h, firstPayload, ciphertext);
    }

    private static byte[] withHeader(IsakmpHeader header, int first, byte[] body) {
        WireWriter w = new WireWriter(IsakmpHeader.SIZE + body.length);
        header.encode(w, first, IsakmpHeader.SIZE + (long) body.length);
        w.bytes(body);
        return w.toByteArray();
    }

    public static int firstType(List<V1Payload> payloads) {
        return payloads.isEmpty() ? V1PayloadType.NONE.value() : payloads.getFirst().payloadType();
    }

    /** Encodes a payload chain (Next Payload fields and lengths computed), e.g. the plaintext to encrypt. */
    public byte[] encodePayloads(List<V1Payload> payloads) {
        WireWriter w = new WireWriter(512);
        for (int i = 0; i < payloads.size(); i++) {
            V1Payload p = payloads.get(i);
            int start = w.position();
            w.u8(i + 1 < payloads.size() ? payloads.get(i + 1).payloadType() : 0).u8(0).u16(0);
            V1PayloadBodies.encode(p, w);
            w.patchU16(start + 2, w.position() - start);
        }
        return w.toByteArray();
    }

    /**
     * One payload's body without its generic header: the {@code SAi_b} / {@code IDii_b} inputs of RFC 2409 5's
     * HASH_I and HASH_R.
     */
    public byte[] encodeBody(V1Payload payload) {
        WireWriter w = new WireWriter(256);
        V1PayloadBodies.encode(payload, w);
        return w.toByteArray();
    }
}
