package io.ike4j.core.engine.fuzz;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.PayloadType;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.KeyLogSink;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A deterministic initiator/responder pair for the engine fuzz targets, built only from the engine's public API
 * (seeded randomness, manual clock, captured log and key log), in the spirit of the engine tests' TwoPeers harness.
 */
final class EnginePeers {
    static final Endpoint INITIATOR = endpoint("192.0.2.1");
    static final Endpoint RESPONDER = endpoint("192.0.2.2");

    /** SK keys of one IKE SA, as the key log reports them. */
    record Keys(long spiI, long spiR, EncryptionAlgorithm encryption, int bits, byte[] skEi, IntegrityAlgorithm integrity,
                byte[] skAi, byte[] skEr, byte[] skAr) {
        /** The initiator's outbound protection (what the responder opens). */
        SkProtection initiatorOut() {
            Random r = new Random(99);
            return SkProtections.forDirection(encryption, bits, integrity, skEi, skAi, (RandomSource) r::nextBytes);
        }

        /** The responder's outbound protection (what the initiator opens). */
        SkProtection responderOut() {
            Random r = new Random(98);
            return SkProtections.forDirection(encryption, bits, integrity, skEr, skAr, (RandomSource) r::nextBytes);
        }
    }

    static final class ManualClock implements InstantSource {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Peer {
        final Engine engine;
        final ManualClock clock;
        final List<String> log = new ArrayList<>();
        final List<Keys> keys = new ArrayList<>();

        Peer(EngineConfig config, long seed, ManualClock clock) {
            Random r = new Random(seed);
            this.clock = clock;
            KeyLogSink sink = (i, rs, e, bits, ei, er, integ, ai, ar) -> keys.add(new Keys(i, rs, e, bits, ei, integ, ai, er, ar));
            this.engine = Engine.create(new EngineContext(config, clock, (RandomSource) r::nextBytes,
                    (sub, conn, id, msg) -> log.add(sub + " " + conn + "[" + id + "] " + msg), Optional.of(sink)));
        }
    }

    final ManualClock clock = new ManualClock();
    final Peer initiator;
    final Peer responder;
    /** The initiator's first IKE_SA_INIT request, once {@link #establish()} ran. */
    byte[] initRequest;
    /** The message ID of the initiator's last request in {@link #establish()} (IKE_AUTH: 1, or more after IKE_INTERMEDIATE). */
    long lastRequestId;

    EnginePeers() {
        this(initiatorConfig(), responderConfig());
    }

    EnginePeers(EngineConfig initiatorConfig, EngineConfig responderConfig) {
        initiator = new Peer(initiatorConfig, 1, clock);
        responder = new Peer(responderConfig, 2, clock);
    }

    /** Runs IKE_SA_INIT only: the responder holds a half-open IKE SA with keys. Returns the responder's outputs. */
    List<EngineOutput> halfOpen() {
        List<EngineOutput> out = initiator.engine.handle(new EngineInput.Initiate("gw", "net"));
        return responder.engine.handle(new EngineInput.DatagramReceived(RESPONDER, INITIATOR, firstDatagram(out)));
    }

    /** Runs IKE_SA_INIT and IKE_AUTH to completion: both sides have an established IKE SA and CHILD_SA. */
    void establish() {
        List<EngineOutput> out = initiator.engine.handle(new EngineInput.Initiate("gw", "net"));
        initRequest = firstDatagram(out);
        boolean toResponder = true;
        for (int i = 0; i < 8; i++) {
            byte[] d = firstDatagram(out);
            if (d == null) return;
            if (toResponder && d.length >= IkeHeader.SIZE) lastRequestId = java.nio.ByteBuffer.wrap(d, 20, 4).getInt() & 0xffffffffL;
            out = toResponder
                    ? responder.engine.handle(new EngineInput.DatagramReceived(RESPONDER, INITIATOR, d))
                    : initiator.engine.handle(new EngineInput.DatagramReceived(INITIATOR, RESPONDER, d));
            toResponder = !toResponder;
        }
    }

    private static byte[] firstDatagram(List<EngineOutput> out) {
        return out.stream().filter(o -> o instanceof EngineOutput.SendDatagram)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).findFirst().orElse(null);
    }

    /**
     * {@code HDR, SK{plaintext}} from the initiator, correctly protected with the IKE SA's SK_ei/SK_ai: the fuzzer's
     * bytes are the inner payload chain (RFC 7296 3.14), {@code firstInner} the SK payload's Next Payload.
     */
    static byte[] protect(Keys k, ExchangeType exchange, boolean response, long messageId, int firstInner, byte[] plaintext) {
        return protect(k, true, exchange, response, messageId, firstInner, plaintext);
    }

    /** As {@link #protect(Keys, ExchangeType, boolean, long, int, byte[])}, from either side of the IKE SA. */
    static byte[] protect(Keys k, boolean fromInitiator, ExchangeType exchange, boolean response, long messageId, int firstInner,
                          byte[] plaintext) {
        SkProtection p = fromInitiator ? k.initiatorOut() : k.responderOut();
        int body = p.sealedLength(plaintext.length);
        int length = IkeHeader.SIZE + 4 + body;
        byte[] header = IkeHeader.of(k.spiI(), k.spiR(), exchange, fromInitiator, response, messageId)
                .withNextPayloadAndLength(PayloadType.SK.value(), length).encode();
        byte[] prefix = new byte[IkeHeader.SIZE + 4];
        System.arraycopy(header, 0, prefix, 0, IkeHeader.SIZE);
        prefix[IkeHeader.SIZE] = (byte) firstInner;
        prefix[IkeHeader.SIZE + 2] = (byte) ((4 + body) >> 8);
        prefix[IkeHeader.SIZE + 3] = (byte) (4 + body);
        byte[] sealed = p.seal(prefix, plaintext);
        byte[] out = new byte[length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(sealed, 0, out, prefix.length, sealed.length);
        return out;
    }

    static EngineConfig initiatorConfig() {
        return initiatorConfig(c -> c, io.ike4j.core.config.Credentials.builder().build());
    }

    static EngineConfig responderConfig() {
        return responderConfig(c -> c, io.ike4j.core.config.Credentials.builder().build());
    }

    /** The initiator's configuration with more connection settings ({@code extra}) and credentials (PPKs). */
    static EngineConfig initiatorConfig(java.util.function.UnaryOperator<ConnectionConfig.Builder> extra,
                                        io.ike4j.core.config.Credentials credentials) {
        return config("192.0.2.1", "192.0.2.2", "moon.example.org", "sun.example.org", "10.1.0.0/16", "10.2.0.0/16", extra, credentials);
    }

    /** The responder's configuration with more connection settings ({@code extra}) and credentials (PPKs). */
    static EngineConfig responderConfig(java.util.function.UnaryOperator<ConnectionConfig.Builder> extra,
                                        io.ike4j.core.config.Credentials credentials) {
        return config("192.0.2.2", "%any", "sun.example.org", "moon.example.org", "10.2.0.0/16", "10.1.0.0/16", extra, credentials);
    }

    private static EngineConfig config(String local, String remote, String localId, String remoteId, String localTs, String remoteTs,
                                       java.util.function.UnaryOperator<ConnectionConfig.Builder> extra,
                                       io.ike4j.core.config.Credentials credentials) {
        return EngineConfig.builder().credentials(credentials)
                .secret(SharedSecret.of("correct horse battery staple", "moon.example.org", "sun.example.org"))
                .connection(extra.apply(ConnectionConfig.builder("gw").localAddrs(local).remoteAddrs(remote)
                        .ikeProposals("aes256gcm16-prfsha256-x25519")
                        .local(AuthConfig.psk(localId)).remote(AuthConfig.psk(remoteId))
                        .child(ChildConfig.builder("net").localTs(localTs).remoteTs(remoteTs).espProposals("aes128gcm16").build()))
                        .build()).build();
    }

    private static Endpoint endpoint(String a) {
        try {
            return new Endpoint(InetAddress.getByName(a), 500);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
