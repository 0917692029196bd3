package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.Payload;
import java.util.List;

/** Liveness checks (RFC 7296 2.4): an INFORMATIONAL request without payloads, answered with an empty response. */
public final class LivenessUnit {
    private LivenessUnit() {}

    public static List<Payload> request() {
        return List.of();
    }

    public static boolean isLivenessCheck(IkeMessage m) {
        return m.payloads().isEmpty();
    }
}
