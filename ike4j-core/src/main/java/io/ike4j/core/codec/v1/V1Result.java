package io.ike4j.core.codec.v1;

/** Outcome of an IKEv1 decode: a value or a typed error, never an exception on bad input. */
public sealed interface V1Result<T> {
    record Decoded<T>(T value) implements V1Result<T> {}

    record Rejected<T>(V1DecodeError error) implements V1Result<T> {}
}
