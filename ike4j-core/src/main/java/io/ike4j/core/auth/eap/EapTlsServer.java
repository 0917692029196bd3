package io.ike4j.core.auth.eap;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * EAP-TLS authenticator (RFC 5216; TLS 1.3 per RFC 9190): EAP-TLS Start, then the TLS handshake carried in
 * fragmented EAP-TLS Requests. After the server's last flight (TLS 1.2: ChangeCipherSpec/Finished; TLS 1.3: the
 * handshake completion plus the one-octet 0x00 commitment message, RFC 9190 2.5) the peer's empty Response leads to
 * success with MSK = Key_Material[0..63].
 */
public final class EapTlsServer implements EapServerMethod {
    private final EapTlsConfig config;
    private final EapTlsFragments fragments;
    private TlsEngineDriver tls;
    private int identifier;
    private boolean finalFlightSent;

    public EapTlsServer(EapTlsConfig config) {
        this.config = config;
        this.fragments = new EapTlsFragments(config.fragmentSize());
    }

    @Override
    public int type() {
        return EapType.TLS.value();
    }

    @Override
    public EapStep start(EapStart start) {
        identifier = start.identifier();
        tls = new TlsEngineDriver(config.engine(false), config.tls13Msk());
        return new EapStep.Send(EapMessage.request(identifier, type(), EapTlsFragments.start()));
    }

    @Override
    public EapStep process(EapMessage response) {
        if (tls == null) return new EapStep.Failure("EAP-TLS not started");
        EapTlsFragments.Received r = fragments.receive(response.typeData());
        return switch (r) {
            case EapTlsFragments.Received.Malformed m -> fail("EAP-TLS: " + m.reason());
            case EapTlsFragments.Received.NeedAck a -> request(EapTlsFragments.ack());
            case EapTlsFragments.Received.Complete c -> complete(c.data());
        };
    }

    private EapStep complete(byte[] data) {
        if (data.length == 0) {
            if (fragments.hasMoreToSend()) return request(fragments.nextFragment()); // ACK of our fragment
            if (finalFlightSent) {
                Optional<byte[]> msk = tls.msk();
                return msk.isPresent() ? new EapStep.Success(msk) : fail("EAP-TLS: keying material unavailable");
            }
            return fail("EAP-TLS: empty response during the handshake");
        }
        if (fragments.hasMoreToSend()) return fail("EAP-TLS: data while our fragments are pending");
        try {
            byte[] out = tls.exchange(data);
            if (tls.handshakeDone()) {
                if (tls.isTls13() && config.tls13Msk() == EapTlsConfig.Tls13Msk.STRONGSWAN_5) {
                    // strongSwan 5.9.x's client ends with its Finished and expects EAP-Success at once: no
                    // NewSessionTicket, no RFC 9190 2.5 commitment message (either crashes its libtls)
                    Optional<byte[]> msk = tls.msk();
                    return msk.isPresent() ? new EapStep.Success(msk) : fail("EAP-TLS: keying material unavailable");
                }
                if (tls.isTls13()) out = concat(out, tls.wrapApplicationData(new byte[] {0})); // RFC 9190 2.5
                finalFlightSent = true;
            }
            if (out.length == 0) return fail("EAP-TLS: handshake stalled");
            fragments.queue(out);
            return request(fragments.nextFragment());
        } catch (SSLException e) {
            return fail("EAP-TLS handshake failed: " + e.getMessage());
        }
    }

    private EapStep request(byte[] typeData) {
        identifier = EapMessage.next(identifier);
        return new EapStep.Send(EapMessage.request(identifier, type(), typeData));
    }

    private EapStep fail(String reason) {
        if (tls != null) tls.abort();
        return new EapStep.Failure(reason);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
