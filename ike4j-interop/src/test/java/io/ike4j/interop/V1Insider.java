package io.ike4j.interop;

import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The IKEv1 attacker of {@link Ike4jV1AdversarialInteropTest}: a UDP socket in the lab (through {@link UdpRelay})
 * and ike4j-core's own IKEv1 initiator engine with the PSK of the daemon's connection for its address, so it is an
 * insider: it runs Main (or Aggressive) Mode and Quick Mode for real, can stop before any message, and then makes, with
 * the ISAKMP SA's keys ({@link V1Wire}), messages a correct peer would never send. Without the engine it is an
 * outsider sending raw bytes.
 */
final class V1Insider implements AutoCloseable {
    static final Duration ANSWER = Duration.ofSeconds(8);
    static final Duration SILENCE = Duration.ofMillis(500);

    private final UdpRelay.Socket socket;
    private final String target;
    private final Engine engine;
    private final Endpoint local;
    private final Endpoint remote;
    private final String connection;
    /** Every datagram the engine made so far, in order (also the ones held back): the replay cases resend them. */
    final List<byte[]> made = new java.util.ArrayList<>();

    V1Insider(UdpRelay.Socket socket, String source, String target, EngineConfig config, String connection) {
        this.socket = socket;
        this.target = target;
        this.connection = connection;
        this.local = endpoint(source, socket.port());
        this.remote = endpoint(target, 500);
        this.engine = Engine.create(new EngineContext(config, InstantSource.system(), RandomSource.secure(), EngineLog.NONE,
                Optional.empty()));
        socket.drain();
    }

    void send(byte[] datagram) {
        socket.send(target, 500, datagram);
    }

    Optional<byte[]> receive(Duration wait) {
        return socket.receive(wait);
    }

    /** Sends and returns the first answer within {@code wait}. */
    Optional<byte[]> exchange(byte[] datagram, Duration wait) {
        send(datagram);
        return receive(wait);
    }

    /** Main Mode message 1 as the engine would send it (not sent): the outsider cases take it apart. */
    byte[] firstMessage() {
        return datagrams(engine.handle(new EngineInput.Initiate(connection, "net"))).getFirst();
    }

    /**
     * Runs the engine's initiation of {@code connection}/{@code net} against the daemon, relaying both ways, and sends
     * only the first {@code deliver} datagrams it makes: the next one is held back and returned (empty when the
     * exchange completed, ISAKMP and IPsec SA established, with fewer).
     */
    Optional<byte[]> initiate(int deliver) {
        Deque<byte[]> out = new ArrayDeque<>(datagrams(engine.handle(new EngineInput.Initiate(connection, "net"))));
        int sent = 0;
        while (true) {
            while (!out.isEmpty()) {
                byte[] d = out.poll();
                if (sent == deliver) return Optional.of(d);
                send(d);
                sent++;
            }
            if (established()) return Optional.empty();
            byte[] in = receive(ANSWER).orElseThrow(() -> new AssertionError("the daemon did not answer the attacker's "
                    + "IKEv1 message " + made.size() + " (" + connection + ")"));
            out.addAll(datagrams(engine.handle(new EngineInput.DatagramReceived(local, remote, in))));
        }
    }

    /** Main Mode and Quick Mode completed: the attacker's ISAKMP SA with one IPsec SA at the daemon. */
    IsakmpSa establish() {
        Optional<byte[]> left = initiate(Integer.MAX_VALUE);
        if (left.isPresent() || !established()) throw new AssertionError("the attacker's IKEv1 SA did not come up");
        return sa();
    }

    private boolean established() {
        return engine.listSas().stream().anyMatch(s -> s.state().equals("ESTABLISHED") && !s.children().isEmpty());
    }

    /** The engine's (only) ISAKMP SA with its keys. */
    IsakmpSa sa() {
        return V1Wire.sas(engine).getFirst();
    }

    /** A fresh non-zero message ID. */
    static long mid() {
        return ThreadLocalRandom.current().nextLong(1, 0xffffffffL);
    }

    /** HDR*, HASH(1), payloads: an authentic Informational of the attacker's SA. */
    byte[] informational(List<V1Payload> payloads) {
        long mid = mid();
        return V1Wire.encrypted(sa(), V1ExchangeType.INFORMATIONAL, mid, V1Wire.withHash(sa(), mid, payloads, false));
    }

    /** An R-U-THERE (RFC 3706) with sequence {@code seq}, authentic. */
    byte[] ruThere(int seq) {
        return informational(List.of(V1Wire.notify(sa(), V1NotifyType.R_U_THERE.value(), u32(seq))));
    }

    /** Sends an authentic R-U-THERE: whether the daemon answers it with the R-U-THERE-ACK of the same sequence. */
    boolean dpdAnswered(Duration wait) {
        int seq = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        socket.drain();
        send(ruThere(seq));
        return ackOf(seq, wait);
    }

    /** Whether an R-U-THERE-ACK for {@code seq} arrives within {@code wait} (other datagrams are skipped). */
    boolean ackOf(int seq, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> d = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (d.isEmpty()) return false;
            Optional<List<V1Payload>> ps = V1Wire.open(sa(), d.get());
            if (ps.isPresent() && ps.get().stream().anyMatch(p -> p instanceof V1Payload.Notification n
                    && n.notifyType() == V1NotifyType.R_U_THERE_ACK.value() && java.util.Arrays.equals(n.data().bytes(), u32(seq)))) {
                return true;
            }
        }
        return false;
    }

    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private List<byte[]> datagrams(List<EngineOutput> outputs) {
        List<byte[]> d = outputs.stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o)).peek(s -> {
                    if (s.remote().port() != 500) throw new AssertionError("the attacker floated to port " + s.remote().port());
                }).map(EngineOutput.SendDatagram::data).toList();
        made.addAll(d);
        return d;
    }

    private static Endpoint endpoint(String address, int port) {
        try {
            return new Endpoint(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** Deletes the attacker's ISAKMP SA at the daemon (authentic Delete) if it has one, and closes the socket. */
    @Override
    public void close() {
        try {
            List<IsakmpSa> sas = V1Wire.sas(engine);
            if (!sas.isEmpty() && sas.getFirst().keys != null) {
                IsakmpSa sa = sas.getFirst();
                send(informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 1, 16,
                        List.of(io.ike4j.core.codec.v1.Octets.of(sa.spi16()))))));
            }
        } finally {
            socket.close();
        }
    }
}
