package io.ike4j.core.auth.eap;

import java.util.Optional;

/** What an EAP state machine wants next. */
public sealed interface EapStep {

    /** Send this EAP message (Request on the server side, Response on the client side). */
    record Send(EapMessage message) implements EapStep {}

    /**
     * Authentication succeeded. {@code msk} is the Master Session Key (RFC 5247) when the method derives one; IKEv2
     * (RFC 7296 2.16) needs it for the AUTH payloads of both sides, so methods without one (EAP-MD5) are only usable
     * where the responder authenticates itself otherwise (RFC 5998 is not satisfied by them).
     */
    record Success(Optional<byte[]> msk) implements EapStep {
        public Success {
            msk = msk.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> msk() {
            return msk.map(byte[]::clone);
        }

        @Override
        public String toString() {
            return "Success[msk=" + msk.map(k -> k.length + " bytes").orElse("none") + "]";
        }
    }

    /** Authentication failed (or the protocol could not continue). {@code reason} never contains secrets. */
    record Failure(String reason) implements EapStep {}

    /**
     * The input was silently discarded (RFC 3748 4.1/7: wrong identifier, wrong code, malformed); the state machine
     * is unchanged and keeps waiting.
     */
    record Ignore(String reason) implements EapStep {}
}
