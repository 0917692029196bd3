package io.ike4j.core.codec.v1;

import io.ike4j.core.codec.WireWriter;
import java.util.Optional;

/**
 * The ISAKMP header (RFC 2408 3.1): cookies, next payload, version (1.0), exchange type, flags (E, C, A), message
 * id (unsigned 32-bit in a long) and the whole message length as read (the codec writes the real one on encode).
 */
public record IsakmpHeader(long initiatorCookie, long responderCookie, int nextPayload, int majorVersion,
                           int minorVersion, int exchangeType, boolean encryption, boolean commit, boolean authOnly,
                           long messageId, long length) {
    public static final int SIZE = 28;
    static final int FLAG_ENCRYPTION = 0x01;
    static final int FLAG_COMMIT = 0x02;
    static final int FLAG_AUTH_ONLY = 0x04;

    public IsakmpHeader {
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("version nibbles out of range");
        }
        if (messageId < 0 || messageId > 0xffffffffL) throw new IllegalArgumentException("messageId not u32");
        if (exchangeType < 0 || exchangeType > 0xff || nextPayload < 0 || nextPayload > 0xff) {
            throw new IllegalArgumentException("exchange type/next payload not u8");
        }
    }

    /** A version 1.0 header; next payload and length are filled in by the codec. */
    public static IsakmpHeader of(long initiatorCookie, long responderCookie, V1ExchangeType exchange,
                                  boolean encryption, long messageId) {
        return new IsakmpHeader(initiatorCookie, responderCookie, 0, 1, 0, exchange.value(), encryption, false, false,
                messageId, 0);
    }

    public Optional<V1ExchangeType> exchange() {
        return V1ExchangeType.of(exchangeType);
    }

    public int flags() {
        return (encryption ? FLAG_ENCRYPTION : 0) | (commit ? FLAG_COMMIT : 0) | (authOnly ? FLAG_AUTH_ONLY : 0);
    }

    public IsakmpHeader withNextPayloadAndLength(int next, long len) {
        return new IsakmpHeader(initiatorCookie, responderCookie, next, majorVersion, minorVersion, exchangeType,
                encryption, commit, authOnly, messageId, len);
    }

    void encode(WireWriter w, int next, long len) {
        w.u64(initiatorCookie).u64(responderCookie).u8(next).u8((majorVersion << 4) | minorVersion).u8(exchangeType)
                .u8(flags()).u32(messageId).u32(len);
    }

    /** The 28 header bytes with the recorded next payload and length. */
    public byte[] encode() {
        WireWriter w = new WireWriter(SIZE);
        encode(w, nextPayload, length);
        return w.toByteArray();
    }
}
