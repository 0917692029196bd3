package io.ike4j.platform.radius;

/** Outcome of decoding a RADIUS datagram: never an exception on bad input. */
public sealed interface RadiusDecodeResult {
    record Decoded(RadiusPacket packet) implements RadiusDecodeResult {}

    record Dropped(RadiusDrop drop) implements RadiusDecodeResult {}
}
