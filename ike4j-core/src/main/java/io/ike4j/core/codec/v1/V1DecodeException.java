package io.ike4j.core.codec.v1;

/** A checked decoding failure inside the IKEv1 codec, turned into {@link V1Result.Rejected} at the API edge. */
final class V1DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient V1DecodeError error;

    V1DecodeException(V1DecodeError error) {
        super(null, null, false, false);
        this.error = error;
    }

    static V1DecodeException of(V1DecodeError.Kind kind, int offset, String detail) {
        return new V1DecodeException(V1DecodeError.of(kind, offset, detail));
    }

    static V1DecodeException malformed(int offset, String detail) {
        return of(V1DecodeError.Kind.PAYLOAD_MALFORMED, offset, detail);
    }

    @Override
    public String getMessage() {
        return error.toString();
    }

    V1DecodeError error() {
        return error;
    }
}
