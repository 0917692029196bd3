package io.ike4j.core.auth.der;

/** Malformed or unexpected DER. A checked, typed error: the message never contains input bytes. */
public final class DerException extends Exception {
    public DerException(String message) {
        super(message, null, false, false);
    }
}
