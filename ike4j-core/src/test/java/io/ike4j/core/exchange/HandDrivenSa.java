package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeSaState;
import io.ike4j.core.sa.IkeTransforms;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A shared fixture for tests that drive one exchange on one side with hand-made (decrypted) requests: an IKE SA
 * past IKE_SA_INIT with fixed nonces and keys (AES-CBC-256, HMAC-SHA2-256-128, PRF-HMAC-SHA2-256, Curve25519), a
 * session on a registry that keeps nothing, and the one answer the session sent, opened with the responder's keys.
 */
final class HandDrivenSa {
    static final long SPI_I = 0x1111L, SPI_R = 0x2222L;
    /** SK_d, SK_pi and SK_pr of {@link #sa}: 32 octets of 5, 6 and 7. */
    static final int SK_D = 5;
    static final RandomSource RANDOM = b -> Arrays.fill(b, (byte) 3);

    private HandDrivenSa() {}

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static final class NoRegistry implements SaRegistry {
        public long nextId() { return 9; }
        public long newSpi() { return 7; }
        public void add(IkeSa sa) { }
        public Optional<IkeSa> addHalfOpen(Endpoint remote, long initiatorSpi, IkeSa sa) { return Optional.empty(); }
        public void halfOpenDone(IkeSa sa) { }
        public int halfOpenCount() { return 0; }
        public void remove(IkeSa sa) { }
        public CookieUnit cookies() { return null; }
        public void rekeyed(IkeSa live, long oldLocalSpi, IkeSa retired) { }
    }

    static Session session() {
        return session(EngineConfig.builder().build());
    }

    static Session session(EngineConfig config) {
        return new Session(new EngineContext(config, InstantSource.fixed(Instant.EPOCH), RANDOM), new NoRegistry());
    }

    static SkProtection protection(byte[] enc, byte[] integ) {
        return SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128, enc,
                integ, RANDOM);
    }

    /** The responder's outbound protection: what opens the answers. */
    private static SkProtection responderOut() {
        return protection(filled(32, 0x40), filled(32, 0x50));
    }

    /** An IKE SA of {@code connection} (may be null) in {@code state}, 192.0.2.2 talking to 192.0.2.1. */
    static IkeSa sa(boolean initiator, ConnectionConfig connection, IkeSaState state) {
        IkeSa sa = new IkeSa(1, initiator, SPI_I, connection, 0);
        sa.responderSpi = SPI_R;
        sa.state = state;
        try {
            sa.local = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
            sa.remote = new Endpoint(InetAddress.getByName("192.0.2.1"), 500);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        sa.nonceI = filled(32, 1);
        sa.nonceR = filled(32, 2);
        sa.transforms = new IkeTransforms(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128,
                PrfAlgorithm.HMAC_SHA2_256, KeyExchangeMethod.CURVE25519);
        sa.keys = new IkeSaKeys(filled(32, SK_D), filled(32, 6), filled(32, 7), protection(filled(32, 0x20), filled(32, 0x30)),
                responderOut());
        return sa;
    }

    /** The one datagram {@code s} sent, which must be of {@code exchange}, opened with the responder's outbound keys. */
    static IkeMessage answer(Session s, ExchangeType exchange) {
        List<byte[]> sent = s.outputs().stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).toList();
        assertThat(sent).hasSize(1);
        byte[] d = sent.getFirst();
        assertThat(d[18] & 0xff).isEqualTo(exchange.value());
        IkeMessage outer = ((DecodeResult.Decoded) Messenger.CODEC.decode(d)).message();
        return ((DecodeResult.Decoded) Messenger.CODEC.decodeInner(outer, d, responderOut())).message();
    }

    /** The notify type of the IkeSaFailed event {@code s} emitted, -1 if none. */
    static int failure(Session s) {
        return s.outputs().stream().filter(EngineOutput.Notify.class::isInstance).map(o -> ((EngineOutput.Notify) o).event())
                .filter(SaEvent.IkeSaFailed.class::isInstance).map(e -> ((SaEvent.IkeSaFailed) e).notifyType())
                .findFirst().orElse(-1);
    }
}
