package io.ike4j.daemon.control;

import java.util.Optional;

/** Why a control request failed; the wire name is the lower-case, dash-separated constant name. */
public enum ErrorCode {
    BAD_REQUEST,
    UNKNOWN_COMMAND,
    NOT_FOUND,
    FAILED,
    TIMEOUT,
    TOO_LARGE,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<ErrorCode> ofWireName(String s) {
        for (ErrorCode c : values()) {
            if (c.wireName().equals(s)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
