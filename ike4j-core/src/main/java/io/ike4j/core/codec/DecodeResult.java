package io.ike4j.core.codec;

/** Outcome of decoding a datagram: never an exception on bad input. */
public sealed interface DecodeResult {
    record Decoded(IkeMessage message) implements DecodeResult {}

    record Rejected(DecodeError error) implements DecodeResult {}
}
