package io.ike4j.api;

/** TS_UNACCEPTABLE (38): the traffic selectors could not be narrowed to anything acceptable (RFC 7296 2.9). */
public final class TsUnacceptableException extends IkeProtocolException {
    public TsUnacceptableException(String reason) {
        super(TS_UNACCEPTABLE, reason);
    }
}
