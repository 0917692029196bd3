package io.ike4j.core.auth.eap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Drives an {@link SSLEngine} purely by bytes: TLS records in, TLS records out, delegated tasks run inline (no
 * threads, no sockets). Application data received after the handshake is collected (RFC 9190 2.5 commitment message).
 */
final class TlsEngineDriver {
    private final SSLEngine engine;
    private final ByteArrayOutputStream appData = new ByteArrayOutputStream();
    private boolean handshakeDone;
    private final EapTlsConfig.Tls13Msk tls13Msk;

    TlsEngineDriver(SSLEngine engine, EapTlsConfig.Tls13Msk tls13Msk) {
        this.engine = engine;
        this.tls13Msk = tls13Msk;
    }

    /** Feeds received TLS bytes and returns what the engine wants to send. */
    byte[] exchange(byte[] in) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SSLSession s = engine.getSession();
        ByteBuffer net = ByteBuffer.allocate(s.getPacketBufferSize());
        ByteBuffer app = ByteBuffer.allocate(s.getApplicationBufferSize());
        for (int guard = 0; guard < 10_000; guard++) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            SSLEngineResult r;
            switch (hs) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) task.run();
                    continue;
                }
                case NEED_WRAP -> {
                    net.clear();
                    r = engine.wrap(ByteBuffer.allocate(0), net);
                    out.write(net.array(), 0, net.position());
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && net.position() == 0) return out.toByteArray();
                }
                default -> {
                    // NEED_UNWRAP, NEED_UNWRAP_AGAIN, FINISHED, NOT_HANDSHAKING
                    if (hs != SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN && !src.hasRemaining()) return out.toByteArray();
                    app.clear();
                    r = engine.unwrap(src, app);
                    app.flip();
                    if (app.hasRemaining()) appData.write(app.array(), 0, app.limit());
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) return out.toByteArray();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) app = ByteBuffer.allocate(app.capacity() * 2);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) return out.toByteArray();
                }
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) handshakeDone = true;
        }
        throw new SSLException("TLS engine made no progress");
    }

    /** Application data to send (the TLS 1.3 commitment message). */
    byte[] wrapApplicationData(byte[] data) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.wrap(data), net);
        byte[] out = new byte[net.position()];
        net.flip().get(out);
        return out;
    }

    /** Starts a client handshake: the ClientHello. */
    byte[] begin() throws SSLException {
        engine.beginHandshake();
        return exchange(new byte[0]);
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    byte[] takeApplicationData() {
        byte[] b = appData.toByteArray();
        appData.reset();
        return b;
    }

    boolean isTls13() {
        return "TLSv1.3".equals(engine.getSession().getProtocol());
    }

    /**
     * Key_Material (128 octets) → MSK = first 64 octets. TLS 1.2, RFC 5216 2.3: PRF(master secret, "client EAP
     * encryption", client.random | server.random), which is the RFC 5705 exporter without context. TLS 1.3,
     * RFC 9190 2.3: TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", 0x0D, 128), or strongSwan 5.9.x's
     * TLS-Exporter("client EAP encryption", "", 128) ({@link EapTlsConfig.Tls13Msk#STRONGSWAN_5}).
     */
    Optional<byte[]> msk() {
        return msk(tls13Msk);
    }

    /** The MSK with {@code mode} for TLS 1.3 (the configured one may be overridden by what the server did). */
    Optional<byte[]> msk(EapTlsConfig.Tls13Msk mode) {
        if (!(engine.getSession() instanceof ExtendedSSLSession session)) return Optional.empty();
        try {
            // TLS 1.2: the JDK exports only with the extended master secret (RFC 7627), so a TLS 1.2 peer without it
            // (strongSwan 5.9.x) gets no MSK here: "Exporters require extended master secrets"
            byte[] km = isTls13()
                    ? mode == EapTlsConfig.Tls13Msk.STRONGSWAN_5
                            ? session.exportKeyingMaterialData("client EAP encryption", null, 128)
                            : session.exportKeyingMaterialData("EXPORTER_EAP_TLS_Key_Material", new byte[] {13}, 128)
                    : session.exportKeyingMaterialData("client EAP encryption", null, 128);
            if (km == null) return Optional.empty();
            byte[] msk = java.util.Arrays.copyOf(km, 64);
            java.util.Arrays.fill(km, (byte) 0);
            return Optional.of(msk);
        } catch (SSLException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    void abort() {
        engine.closeOutbound();
    }
}
