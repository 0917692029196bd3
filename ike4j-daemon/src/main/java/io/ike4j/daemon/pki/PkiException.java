package io.ike4j.daemon.pki;

/** A pki command failed; the message is shown to the user. */
final class PkiException extends Exception {
    PkiException(String message) {
        super(message, null, false, false);
    }
}
