package io.ike4j.core.auth.eap;

/** Outcome of decoding an EAP packet: never an exception on bad input. */
public sealed interface EapDecodeResult {
    record Decoded(EapMessage message) implements EapDecodeResult {}

    record Malformed(EapError error) implements EapDecodeResult {}
}
