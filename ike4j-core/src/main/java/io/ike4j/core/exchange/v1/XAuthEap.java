package io.ike4j.core.exchange.v1;

import io.ike4j.core.auth.eap.EapCode;
import io.ike4j.core.auth.eap.EapMd5Client;
import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.auth.eap.EapType;
import io.ike4j.core.config.EapBackend;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * XAuth credentials checked by the AAA backend of {@code eap-radius} (as strongSwan's {@code xauth-eap} plugin with
 * {@code backend = radius}): the gateway plays the EAP peer for the XAuth user, sends its Identity, answers the
 * server's EAP-MD5 challenge (RFC 3748 5.4) with the XAuth password and Naks any other method. Only an
 * Access-Accept after our MD5 answer counts. The backend may block (RADIUS round trips); the runtime runs each input
 * on its own virtual thread and only this SA's lock is held.
 */
final class XAuthEap {
    private static final int MAX_ROUNDS = 8;

    private XAuthEap() {}

    /** Empty if the backend accepted {@code user} with {@code password}, else why not (never the password). */
    static Optional<String> verify(EapBackend backend, String connection, InetAddress local, InetAddress remote, String user,
                                   byte[] password) {
        byte[] id = user.getBytes(StandardCharsets.UTF_8);
        EapMd5Client peer = new EapMd5Client(user, new String(password, StandardCharsets.UTF_8));
        EapServerMethod server = backend.open(connection, local, remote);
        EapStep step = server.start(new EapStart(0, Optional.of(id),
                Optional.of(EapMessage.response(0, EapType.IDENTITY.value(), id))));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            switch (step) {
                case EapStep.Success s -> {
                    return peer.mayAcceptSuccess() ? Optional.empty() : Optional.of("AAA server accepted without an EAP-MD5 exchange");
                }
                case EapStep.Failure f -> {
                    return Optional.of(f.reason());
                }
                case EapStep.Ignore i -> {
                    return Optional.of(i.reason());
                }
                case EapStep.Send(EapMessage request) -> {
                    if (request.code() != EapCode.REQUEST) return Optional.of("AAA server sent EAP " + request.code());
                    EapMessage response;
                    if (request.isType(EapType.MD5_CHALLENGE)) {
                        if (!(peer.process(request) instanceof EapStep.Send(EapMessage m))) return Optional.of("malformed EAP-MD5 challenge");
                        response = m;
                    } else if (request.isType(EapType.IDENTITY)) {
                        response = EapMessage.response(request.identifier(), EapType.IDENTITY.value(), id);
                    } else {
                        response = EapMessage.nak(request.identifier(), List.of(EapType.MD5_CHALLENGE.value()));
                    }
                    step = server.process(response);
                }
            }
        }
        return Optional.of("AAA conversation did not end after " + MAX_ROUNDS + " rounds");
    }
}
