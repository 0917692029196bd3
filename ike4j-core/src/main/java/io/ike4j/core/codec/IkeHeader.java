package io.ike4j.core.codec;

import java.util.Optional;

/**
 * The IKE header (RFC 7296 3.1). {@code messageId} is unsigned 32-bit held in a long; {@code length} is the
 * whole message length as read (on encode, {@link IkeMessageCodec} writes the real length instead).
 * Reserved flag bits are ignored on receipt and sent as zero (RFC 7296 3.1), so they are not kept.
 */
public record IkeHeader(long initiatorSpi, long responderSpi, int nextPayload, int majorVersion, int minorVersion,
                        int exchangeType, boolean initiator, boolean version, boolean response, long messageId,
                        long length) {
    public static final int SIZE = 28;
    static final int FLAG_INITIATOR = 0x08;
    static final int FLAG_VERSION = 0x10;
    static final int FLAG_RESPONSE = 0x20;

    public IkeHeader {
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("version nibbles out of range");
        }
        if (messageId < 0 || messageId > 0xffffffffL) throw new IllegalArgumentException("messageId not u32");
    }

    /** A version 2.0 header; next payload and length are filled in by the codec when encoding. */
    public static IkeHeader of(long initiatorSpi, long responderSpi, ExchangeType exchange, boolean initiator,
                               boolean response, long messageId) {
        return new IkeHeader(initiatorSpi, responderSpi, 0, 2, 0, exchange.value(), initiator, false, response,
                messageId, 0);
    }

    public Optional<ExchangeType> exchange() {
        return ExchangeType.of(exchangeType);
    }

    public IkeHeader withNextPayloadAndLength(int next, long len) {
        return new IkeHeader(initiatorSpi, responderSpi, next, majorVersion, minorVersion, exchangeType, initiator,
                version, response, messageId, len);
    }

    public int flags() {
        return (initiator ? FLAG_INITIATOR : 0) | (version ? FLAG_VERSION : 0) | (response ? FLAG_RESPONSE : 0);
    }

    /** Writes the 28 header bytes with the given next payload and length. */
    public void encode(WireWriter w, int next, long len) {
        w.u64(initiatorSpi).u64(responderSpi).u8(next).u8((majorVersion << 4) | minorVersion).u8(exchangeType)
                .u8(flags()).u32(messageId).u32(len);
    }

    public byte[] encode() {
        WireWriter w = new WireWriter(SIZE);
        encode(w, nextPayload, length);
        return w.toByteArray();
    }

    /**
     * Reads the header. Too short → DROP; major version != 2 → INVALID_MAJOR_VERSION (RFC 7296 2.5: answered
     * with the highest version we support). The length check against the datagram is the codec's.
     */
    public static IkeHeader decode(WireReader r) throws WireException {
        if (r.remaining() < SIZE) {
            throw new WireException(DecodeError.drop(r.position(), "shorter than the IKE header"));
        }
        long ispi = r.u64("initiator SPI");
        long rspi = r.u64("responder SPI");
        int next = r.u8("next payload");
        int ver = r.u8("version");
        int exchange = r.u8("exchange type");
        int flags = r.u8("flags");
        long mid = r.u32("message ID");
        long len = r.u32("length");
        if ((ver >>> 4) != 2) {
            throw new WireException(new DecodeError(DecodeError.Kind.INVALID_MAJOR_VERSION, 17,
                    "major version " + (ver >>> 4), Optional.empty()));
        }
        return new IkeHeader(ispi, rspi, next, ver >>> 4, ver & 0xf, exchange, (flags & FLAG_INITIATOR) != 0,
                (flags & FLAG_VERSION) != 0, (flags & FLAG_RESPONSE) != 0, mid, len);
    }
}
