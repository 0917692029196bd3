package io.ike4j.core.auth.eap;

import java.util.Optional;

/**
 * How a server method is started: the identifier for its first Request, the peer's identity (from EAP-Identity, or
 * given from outside when no Identity round is run, RFC 5998 {@code eap_id}) and the raw Identity Response if one was
 * received (a RADIUS proxy forwards it, RFC 3579 2.1).
 */
public record EapStart(int identifier, Optional<byte[]> identity, Optional<EapMessage> identityResponse) {
    public EapStart {
        identity = identity.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> identity() {
        return identity.map(byte[]::clone);
    }

    public String identityString() {
        return identity.map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    }
}
