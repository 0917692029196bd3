package io.ike4j.daemon.control.json;

/** Malformed or oversized JSON input: a typed, checked error carrying the character offset where reading stopped. */
public final class JsonException extends Exception {
    public enum Kind { SYNTAX, TOO_DEEP, TOO_LONG, BAD_ESCAPE, BAD_NUMBER, TRAILING_DATA, DUPLICATE_KEY }

    private final Kind kind;
    private final int offset;

    public JsonException(Kind kind, int offset, String message) {
        super(message + " at offset " + offset);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    public int offset() {
        return offset;
    }
}
