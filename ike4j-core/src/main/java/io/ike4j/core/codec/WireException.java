package io.ike4j.core.codec;

/**
 * A decoding failure inside the codec: checked, so that every path that can meet bad input says so, and
 * converted to a {@link DecodeResult.Rejected} at the API edge ({@link IkeMessageCodec}). Carries no input bytes.
 */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient DecodeError error;

    public WireException(DecodeError error) {
        super(null, null, false, false);
        this.error = error;
    }

    static WireException syntax(int offset, String detail) {
        return new WireException(DecodeError.syntax(offset, detail));
    }

    @Override
    public String getMessage() {
        return error.toString();
    }

    public DecodeError error() {
        return error;
    }
}
