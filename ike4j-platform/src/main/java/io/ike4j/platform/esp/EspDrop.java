package io.ike4j.platform.esp;

/**
 * Why an ESP packet was not processed. Every failure on the hot path is one of these, counted per SA (or per
 * table when no SA is known), never an exception. The hot-path methods return {@link #code()} (a negative int)
 * instead of a length so that no result object is allocated per packet; {@link #fromCode(int)} maps it back.
 */
public enum EspDrop {
    // --- inbound (RFC 4303 3.4), in the order the checks run ---
    /** Shorter than SPI + sequence number + IV + minimal trailer + ICV. */
    SHORT,
    /** Ciphertext length not a multiple of the cipher's block size (CBC). */
    BAD_LENGTH,
    /** No inbound SA with this SPI (RFC 4303 3.4.2). */
    UNKNOWN_SPI,
    /** Sequence number already seen or left of the replay window (RFC 4303 3.4.3). */
    REPLAYED,
    /** ICV mismatch (RFC 4303 3.4.4). */
    AUTH_FAILED,
    /** Padding bytes not 1, 2, 3, ... or pad length larger than the payload (RFC 4303 2.4). */
    BAD_PADDING,
    /** Next header neither IPv4 (4) nor IPv6 (41) in tunnel mode. */
    BAD_NEXT_HEADER,
    /** A dummy packet (next header 59, RFC 4303 2.6): discarded silently, counted. */
    DUMMY_PACKET,
    /** The decrypted inner packet is not a plausible IP packet of the announced version. */
    BAD_INNER_PACKET,
    // --- both directions ---
    /** The output buffer cannot hold the result. */
    TOO_LONG,
    /** The SA's hard byte/packet lifetime was reached; it must be replaced. */
    LIFETIME_EXPIRED,
    /** The JCE provider failed unexpectedly (never on bad input). */
    CRYPTO_ERROR,
    // --- outbound ---
    /** 32-bit sequence number space exhausted (RFC 4303 3.3.3): the SA must be rekeyed. */
    SEQUENCE_EXHAUSTED,
    /** No outbound SA whose remote traffic selectors match the inner packet. */
    NO_SA;

    private static final EspDrop[] VALUES = values();

    /** The negative status a hot-path method returns for this reason. */
    public int code() {
        return -(ordinal() + 1);
    }

    /** The reason for a negative status returned by a hot-path method. */
    public static EspDrop fromCode(int code) {
        int i = -code - 1;
        if (code >= 0 || i >= VALUES.length) throw new IllegalArgumentException("not a drop code: " + code);
        return VALUES[i];
    }

    /** True if {@code status} (a hot-path return value) signals a drop. */
    public static boolean isDrop(int status) {
        return status < 0;
    }
}
