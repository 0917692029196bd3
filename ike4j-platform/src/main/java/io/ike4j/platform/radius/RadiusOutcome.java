package io.ike4j.platform.radius;

/** The result of one RADIUS transaction. */
public sealed interface RadiusOutcome {
    /**
     * A verified reply (Response Authenticator and Message-Authenticator checked) with the Request Authenticator it
     * answers, needed to decrypt MS-MPPE keys.
     */
    record Reply(RadiusPacket packet, byte[] requestAuthenticator) implements RadiusOutcome {
        public Reply {
            requestAuthenticator = requestAuthenticator.clone();
        }

        @Override
        public byte[] requestAuthenticator() {
            return requestAuthenticator.clone();
        }
    }

    /** No valid reply after the initial attempt and all retransmissions. */
    record TimedOut(int attempts) implements RadiusOutcome {}

    /** The request could not be sent (socket error, client closed, too long). */
    record Failed(String reason) implements RadiusOutcome {}
}
