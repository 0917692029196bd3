package io.ike4j.core.auth.eap;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * EAP-TLS peer (RFC 5216, RFC 9190): answers EAP-TLS Start with the ClientHello and runs the handshake through
 * fragmented Responses, acknowledging the authenticator's fragments. EAP-Success is accepted once the handshake is
 * complete (TLS 1.3: and the 0x00 commitment message was received).
 */
public final class EapTlsClient implements EapClientMethod {
    private final EapTlsConfig config;
    private final EapTlsFragments fragments;
    private TlsEngineDriver tls;
    private boolean complete;
    private Optional<byte[]> msk = Optional.empty();
    private Optional<byte[]> mskWithoutCommitment = Optional.empty();

    public EapTlsClient(EapTlsConfig config) {
        this.config = config;
        this.fragments = new EapTlsFragments(config.fragmentSize());
    }

    @Override
    public int type() {
        return EapType.TLS.value();
    }

    @Override
    public EapStep process(EapMessage request) {
        int id = request.identifier();
        EapTlsFragments.Received r = fragments.receive(request.typeData());
        return switch (r) {
            case EapTlsFragments.Received.Malformed m -> new EapStep.Failure("EAP-TLS: " + m.reason());
            case EapTlsFragments.Received.NeedAck a -> respond(id, EapTlsFragments.ack());
            case EapTlsFragments.Received.Complete c -> c.start() ? start(id) : data(id, c.data());
        };
    }

    private EapStep start(int id) {
        if (tls != null) return new EapStep.Failure("EAP-TLS: second Start");
        try {
            tls = new TlsEngineDriver(config.engine(true), config.tls13Msk());
            fragments.queue(tls.begin());
            return respond(id, fragments.nextFragment());
        } catch (SSLException e) {
            return new EapStep.Failure("EAP-TLS: cannot start: " + e.getMessage());
        }
    }

    private EapStep data(int id, byte[] data) {
        if (tls == null) return new EapStep.Failure("EAP-TLS data before Start");
        if (data.length == 0) {
            return fragments.hasMoreToSend() ? respond(id, fragments.nextFragment()) : new EapStep.Failure("EAP-TLS: unexpected empty request");
        }
        try {
            byte[] out = tls.exchange(data);
            if (tls.handshakeDone() && !complete) {
                byte[] app = tls.takeApplicationData();
                boolean committed = !tls.isTls13() || (app.length == 1 && app[0] == 0);
                if (tls.isTls13() && app.length > 0 && !committed) return new EapStep.Failure("EAP-TLS: unexpected application data");
                if (committed) complete = true;
                // strongSwan 5.9.x ends TLS 1.3 with EAP-Success right after our Finished (no RFC 9190 2.5
                // commitment message): a server that does so derives the MSK its way, whatever is configured.
                // The keys are settled with the handshake.
                msk = tls.msk();
                if (tls.isTls13() && !complete) mskWithoutCommitment = tls.msk(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
            }
            fragments.queue(out);
            return respond(id, fragments.nextFragment()); // an empty Response when there is nothing to send
        } catch (SSLException e) {
            return new EapStep.Failure("EAP-TLS handshake failed: " + e.getMessage());
        }
    }

    private EapStep respond(int id, byte[] typeData) {
        return new EapStep.Send(EapMessage.response(id, type(), typeData));
    }

    /**
     * EAP-Success is accepted once the handshake is complete: with the RFC 9190 2.5 commitment message (the
     * configured MSK), or over TLS 1.3 without it, as strongSwan 5.9.x's server ends (its MSK, detected so that
     * no setting is needed on the client).
     */
    @Override
    public boolean mayAcceptSuccess() {
        if (tls == null || !tls.handshakeDone()) return false;
        return complete ? msk.isPresent() : mskWithoutCommitment.isPresent();
    }

    @Override
    public Optional<byte[]> msk() {
        return (complete ? msk : mskWithoutCommitment).map(byte[]::clone);
    }
}
