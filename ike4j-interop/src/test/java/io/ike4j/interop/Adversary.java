package io.ike4j.interop;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.PayloadType;
import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The attacker of {@link Ike4jAdversarialInteropTest}: a UDP socket in a lab namespace (through {@link UdpRelay})
 * and ike4j-core's own initiator engine, used to make legitimate messages (IKE_SA_INIT with a real Diffie-Hellman,
 * IKE_AUTH with a valid AUTH) which the cases then take apart. After {@link #saInit()} the attacker knows the IKE SA's
 * keys (the engine's key log sink), so it can seal any crafted payload chain in SK and open the daemon's answers.
 */
final class Adversary implements AutoCloseable {
    static final IkeMessageCodec CODEC = new IkeMessageCodec();
    /** How long to wait for an answer that should come (the machine may be loaded), and for one that should not. */
    static final Duration ANSWER = Duration.ofSeconds(8);
    static final Duration SILENCE = Duration.ofMillis(800);

    private final UdpRelay.Socket socket;
    private final String target;
    private final int targetPort;
    private final Engine engine;
    private final List<Keys> keys = new ArrayList<>();
    private final Endpoint local;
    private final Endpoint remote;
    private final String connection;
    private final String child;
    /** How long the next exchange waits for an answer: the runner sets {@link #SILENCE} when none is expected. */
    Duration wait = ANSWER;
    /** The certificate and key the attacker authenticates with on {@code attack-cert} (null on the PSK/EAP connections). */
    AttackPki.Leaf leaf;

    /** SK keys of one IKE SA as the key log sink reports them. */
    record Keys(long spiI, long spiR, io.ike4j.core.proposal.EncryptionAlgorithm encryption, int bits, byte[] skEi, byte[] skEr,
                io.ike4j.core.proposal.IntegrityAlgorithm integrity, byte[] skAi, byte[] skAr) {
        SkProtection initiatorOut() {
            return SkProtections.forDirection(encryption, bits, integrity, skEi, skAi, RandomSource.secure());
        }

        SkProtection responderOut() {
            return SkProtections.forDirection(encryption, bits, integrity, skEr, skAr, RandomSource.secure());
        }
    }

    Adversary(UdpRelay.Socket socket, String source, String target, int targetPort, EngineConfig config, String connection, String child) {
        this.socket = socket;
        this.target = target;
        this.targetPort = targetPort;
        this.connection = connection;
        this.child = child;
        this.local = endpoint(source, socket.port());
        this.remote = endpoint(target, targetPort);
        this.engine = Engine.create(new EngineContext(config, InstantSource.system(), RandomSource.secure(), EngineLog.NONE,
                Optional.<io.ike4j.core.engine.KeyLogSink>of((i, r, e, bits, ei, er, integ, ai, ar) -> keys.add(new Keys(i, r, e, bits, ei, er, integ, ai, ar)))));
        socket.drain();
    }

    /** The IKE_SA_INIT request the engine would send (not sent). */
    byte[] saInitRequest() {
        return datagrams(engine.handle(new EngineInput.Initiate(connection, child))).getFirst();
    }

    void send(byte[] datagram) {
        socket.send(target, targetPort, datagram);
    }

    Optional<byte[]> receive(Duration wait) {
        return socket.receive(wait);
    }

    /** Sends a plaintext message (IKE_SA_INIT or anything unprotected) and decodes the first answer within {@link #wait}. */
    Answer plain(byte[] datagram) {
        return Answer.of(exchange(datagram, wait).orElse(null), null);
    }

    /** Sends several datagrams and decodes the first answer within {@link #wait}. */
    Answer plain(List<byte[]> datagrams) {
        datagrams.forEach(this::send);
        return Answer.of(receive(wait).orElse(null), null);
    }

    /** Sends and waits for the first answer.*/
    Optional<byte[]> exchange(byte[] datagram, Duration wait) {
        send(datagram);
        return receive(wait);
    }

    /**
     * Completes IKE_SA_INIT with the engine (its request, the daemon's answer) and lets the engine build its IKE_AUTH
     * request, which is not sent: it is returned opened, for the cases to take apart and seal again.
     */
    HalfOpen saInit() {
        byte[] response = exchange(saInitRequest(), ANSWER)
                .orElseThrow(() -> new AssertionError("the daemon did not answer the attacker's IKE_SA_INIT"));
        List<byte[]> auth = datagrams(engine.handle(new EngineInput.DatagramReceived(local, remote, response)));
        if (keys.isEmpty() || auth.isEmpty()) {
            throw new AssertionError("IKE_SA_INIT did not complete: " + Answer.of(response, null));
        }
        Keys k = keys.getLast();
        SkProtection ours = k.initiatorOut();
        List<Payload> inner = new ArrayList<>();
        for (byte[] d : auth) {
            IkeMessage outer = decoded(CODEC.decode(d));
            if (outer.payloads().getLast() instanceof EncryptedFragmentPayload) {
                throw new AssertionError("the attacker's IKE_AUTH was fragmented; keep it small");
            }
            inner.addAll(decoded(CODEC.decodeInner(outer, d, ours)).payloads());
        }
        return new HalfOpen(k, List.copyOf(inner), auth, response);
    }

    private static IkeMessage decoded(DecodeResult r) {
        if (r instanceof DecodeResult.Decoded d) return d.message();
        throw new AssertionError("cannot decode the engine's own message: " + r);
    }

    private static List<byte[]> datagrams(List<EngineOutput> out) {
        return out.stream().filter(EngineOutput.SendDatagram.class::isInstance).map(o -> ((EngineOutput.SendDatagram) o).data()).toList();
    }

    /** An IKE SA after IKE_SA_INIT as the attacker sees it: its keys and the IKE_AUTH request it would have sent. */
    final class HalfOpen {
        final Keys keys;
        final List<Payload> authPayloads;
        final List<byte[]> authDatagrams;
        final byte[] saInitResponse;
        private final SkProtection out;
        private final SkProtection in;

        HalfOpen(Keys keys, List<Payload> authPayloads, List<byte[]> authDatagrams, byte[] saInitResponse) {
            this.keys = keys;
            this.authPayloads = authPayloads;
            this.authDatagrams = authDatagrams;
            this.saInitResponse = saInitResponse;
            this.out = keys.initiatorOut();
            this.in = keys.responderOut();
        }

        IkeHeader header(ExchangeType exchange, long messageId) {
            return IkeHeader.of(keys.spiI(), keys.spiR(), exchange, true, false, messageId);
        }

        /** {@code HDR, SK{inner}} as a request from the initiator. */
        byte[] seal(ExchangeType exchange, long messageId, List<Payload> inner) {
            return CODEC.encodeProtected(header(exchange, messageId), inner, out);
        }

        /** SKF fragments (RFC 7383) of {@code inner}, at most {@code max} bytes each. */
        List<byte[]> fragments(ExchangeType exchange, long messageId, List<Payload> inner, int max) {
            return CODEC.encodeFragments(header(exchange, messageId), inner, out, max);
        }

        /** {@code HDR, SK{plaintext}}: any bytes as the inner chain, {@code first} the SK payload's Next Payload (RFC 7296 3.14). */
        byte[] sealRaw(ExchangeType exchange, long messageId, int first, byte[] plaintext) {
            int body = out.sealedLength(plaintext.length);
            int length = IkeHeader.SIZE + 4 + body;
            byte[] prefix = Arrays.copyOf(header(exchange, messageId).withNextPayloadAndLength(PayloadType.SK.value(), length).encode(),
                    IkeHeader.SIZE + 4);
            prefix[IkeHeader.SIZE] = (byte) first;
            prefix[IkeHeader.SIZE + 2] = (byte) ((4 + body) >> 8);
            prefix[IkeHeader.SIZE + 3] = (byte) (4 + body);
            byte[] sealed = out.seal(prefix, plaintext);
            byte[] all = Arrays.copyOf(prefix, length);
            System.arraycopy(sealed, 0, all, prefix.length, sealed.length);
            return all;
        }

        /** One SKF fragment (RFC 7383 2.5) with any numbers: {@code HDR, SKF{plaintext}}, sealed over its real prefix. */
        byte[] sealFragment(ExchangeType exchange, long messageId, int number, int total, int first, byte[] plaintext) {
            int body = out.sealedLength(plaintext.length);
            int length = IkeHeader.SIZE + 8 + body;
            byte[] prefix = Arrays.copyOf(header(exchange, messageId).withNextPayloadAndLength(PayloadType.SKF.value(), length).encode(),
                    IkeHeader.SIZE + 8);
            prefix[IkeHeader.SIZE] = (byte) first;
            Surgery.putU16(prefix, IkeHeader.SIZE + 2, 8 + body);
            Surgery.putU16(prefix, IkeHeader.SIZE + 4, number);
            Surgery.putU16(prefix, IkeHeader.SIZE + 6, total);
            byte[] sealed = out.seal(prefix, plaintext);
            byte[] all = Arrays.copyOf(prefix, length);
            System.arraycopy(sealed, 0, all, prefix.length, sealed.length);
            return all;
        }

        /** Sends, waits for an answer and opens it with the responder's keys. */
        Answer exchange(byte[] datagram, Duration wait) {
            return Answer.of(Adversary.this.exchange(datagram, wait).orElse(null), in);
        }

        /** Sends, waits for an answer within the adversary's {@link #wait} and opens it. */
        Answer exchange(byte[] datagram) {
            return exchange(datagram, wait);
        }

        /** Sends all, then waits for the first answer within {@link #wait} and opens it. */
        Answer exchange(List<byte[]> datagrams) {
            datagrams.forEach(Adversary.this::send);
            return next(wait);
        }

        /** Opens another answer that arrives within {@code wait}. */
        Answer next(Duration wait) {
            return Answer.of(receive(wait).orElse(null), in);
        }

        /** The legitimate IKE_AUTH, sent as the engine made it; the answer opened. */
        Answer authenticate() {
            if (authDatagrams.size() != 1) throw new AssertionError("fragmented IKE_AUTH");
            return exchange(authDatagrams.getFirst(), ANSWER);
        }

        /** The payloads of the legitimate IKE_AUTH with the ones of class {@code drop} left out and {@code add} appended. */
        List<Payload> authWithout(java.util.function.Predicate<Payload> drop, Payload... add) {
            List<Payload> p = new ArrayList<>(authPayloads.stream().filter(drop.negate()).toList());
            p.addAll(List.of(add));
            return p;
        }

        /** The first inner payload of the legitimate IKE_AUTH of this class. */
        <P extends Payload> P authPayload(Class<P> kind) {
            return authPayloads.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
        }
    }

    /**
     * What came back: nothing (a silent drop), or a message (opened with the responder's keys when it carries SK).
     * {@code notifies} are the Notify types it carries, in order.
     */
    record Answer(byte[] raw, Optional<IkeMessage> message, String note) {
        static Answer of(byte[] raw, SkProtection in) {
            if (raw == null) return new Answer(null, Optional.empty(), "no answer");
            DecodeResult r = CODEC.decode(raw);
            if (!(r instanceof DecodeResult.Decoded d)) return new Answer(raw, Optional.empty(), "undecodable answer: " + r);
            IkeMessage m = d.message();
            if (in != null && !m.payloads().isEmpty() && m.payloads().getLast() instanceof EncryptedPayload) {
                DecodeResult inner = CODEC.decodeInner(m, raw, in);
                if (inner instanceof DecodeResult.Decoded di) return new Answer(raw, Optional.of(di.message()), "");
                return new Answer(raw, Optional.of(m), "cannot open: " + inner);
            }
            return new Answer(raw, Optional.of(m), "");
        }

        boolean silent() {
            return raw == null;
        }

        List<Integer> notifies() {
            return message.map(m -> m.all(NotifyPayload.class).stream().map(NotifyPayload::notifyType).toList()).orElse(List.of());
        }

        Optional<ExchangeType> exchange() {
            return message.flatMap(m -> m.header().exchange());
        }

        @Override
        public String toString() {
            if (raw == null) return "no answer";
            return message.map(m -> m.header().exchange().map(Enum::name).orElse("?") + (m.header().response() ? " response" : " request")
                    + " mid " + m.header().messageId() + " notifies " + notifies().stream().map(Answer::notifyName).toList()
                    + " payloads " + m.payloads().stream().map(p -> p.getClass().getSimpleName()).toList()).orElse(note) + " " + note;
        }

        static String notifyName(int type) {
            return io.ike4j.core.codec.NotifyType.of(type).map(Enum::name).orElse(Integer.toString(type));
        }
    }

    private static Endpoint endpoint(String address, int port) {
        try {
            return new Endpoint(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
