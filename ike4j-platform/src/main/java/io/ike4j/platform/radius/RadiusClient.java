package io.ike4j.platform.radius;

import io.ike4j.core.crypto.RandomSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * RADIUS authentication client (RFC 2865) over one UDP socket. Access-Requests always carry a Message-Authenticator
 * (RFC 3579 3.2, RFC 2869 5.14); replies are matched by Identifier, their Response Authenticator and
 * Message-Authenticator verified, and anything invalid is dropped (counted, reported to the drop listener) while the
 * request keeps waiting. Retransmissions reuse the Identifier and Request Authenticator (RFC 2865 2.5). A reader runs on
 * a virtual thread; {@link #send} blocks the calling (virtual) thread, {@link #sendAsync} does not.
 */
public final class RadiusClient implements AutoCloseable {

    private record Pending(byte[] requestAuthenticator, CompletableFuture<RadiusOutcome> result) {}

    private final RadiusConfig config;
    private final RandomSource random;
    private final DatagramChannel channel;
    private final Semaphore outstanding;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Consumer<RadiusDrop> dropListener;
    private final AtomicLong drops = new AtomicLong();
    private final Thread reader;
    private int nextIdentifier;
    private volatile boolean closed;

    public RadiusClient(RadiusConfig config, RandomSource random, Consumer<RadiusDrop> dropListener) throws IOException {
        this.config = config;
        this.random = random;
        this.dropListener = dropListener;
        this.outstanding = new Semaphore(config.maxOutstanding());
        this.channel = DatagramChannel.open();
        InetSocketAddress server = config.server();
        channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
        this.nextIdentifier = random.bytes(1)[0] & 0xff;
        this.reader = Thread.ofVirtual().name("radius-reader").start(this::readLoop);
    }

    public RadiusClient(RadiusConfig config, RandomSource random) throws IOException {
        this(config, random, drop -> {});
    }

    public RadiusConfig config() {
        return config;
    }

    /** Number of received datagrams dropped so far. */
    public long drops() {
        return drops.get();
    }

    /**
     * Sends an Access-Request with {@code attributes} (a Message-Authenticator is appended) and waits for the verified
     * reply, retransmitting after each timeout.
     */
    public RadiusOutcome send(List<RadiusAttribute> attributes) {
        return send(attributes, Optional.empty());
    }

    /**
     * {@link #send(List)} with a User-Password attribute (RFC 2865 5.2, PAP) hidden with this request's authenticator;
     * the caller wipes {@code userPassword}.
     */
    public RadiusOutcome send(List<RadiusAttribute> attributes, Optional<byte[]> userPassword) {
        if (closed) return new RadiusOutcome.Failed("client closed");
        try {
            // bounded waiting too: with every slot taken by requests to a silent server, fail after what one
            // request may take instead of queueing without limit
            long wait = config.timeout().toNanos() * (config.retries() + 1L);
            if (!outstanding.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                return new RadiusOutcome.Failed("too many RADIUS requests outstanding (" + config.maxOutstanding() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RadiusOutcome.Failed("interrupted");
        }
        int id = -1;
        try {
            id = allocateIdentifier();
            if (id < 0) return new RadiusOutcome.Failed("no free RADIUS identifier");
            byte[] requestAuth = random.bytes(16);
            List<RadiusAttribute> attrs = new ArrayList<>(attributes);
            if (userPassword.isPresent()) {
                Optional<byte[]> hidden = RadiusCrypto.hidePassword(userPassword.get(), config.secret(), requestAuth);
                if (hidden.isEmpty()) return new RadiusOutcome.Failed("password longer than 128 octets");
                attrs.add(new RadiusAttribute(RadiusAttributeType.USER_PASSWORD, hidden.get()));
            }
            attrs.add(new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[16]));
            byte[] packet;
            try {
                packet = new RadiusPacket(RadiusCode.ACCESS_REQUEST, id, requestAuth, attrs).encode();
            } catch (IllegalArgumentException e) {
                return new RadiusOutcome.Failed("request too long");
            }
            RadiusCrypto.signRequest(packet, config.secret());
            Pending p = new Pending(requestAuth, new CompletableFuture<>());
            pending.put(id, p);
            int attempts = 0;
            while (attempts <= config.retries()) {
                attempts++;
                channel.send(ByteBuffer.wrap(packet), config.server());
                try {
                    return p.result().get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // RFC 2865 2.5: retransmit the same packet
                }
            }
            return new RadiusOutcome.TimedOut(attempts);
        } catch (IOException e) {
            return new RadiusOutcome.Failed("send failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RadiusOutcome.Failed("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return new RadiusOutcome.Failed("reader failed");
        } finally {
            if (id >= 0) pending.remove(id);
            outstanding.release();
        }
    }

    /** {@link #send} on a new virtual thread. */
    public CompletableFuture<RadiusOutcome> sendAsync(List<RadiusAttribute> attributes) {
        CompletableFuture<RadiusOutcome> f = new CompletableFuture<>();
        Thread.ofVirtual().name("radius-request").start(() -> f.complete(send(attributes)));
        return f;
    }

    private synchronized int allocateIdentifier() {
        for (int i = 0; i < 256; i++) {
            int id = nextIdentifier;
            nextIdentifier = (nextIdentifier + 1) & 0xff;
            if (!pending.containsKey(id)) {
                pending.put(id, new Pending(new byte[16], new CompletableFuture<>())); // reserve
                return id;
            }
        }
        return -1;
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(RadiusPacket.MAX_LENGTH + 1);
        while (!closed) {
            SocketAddress from;
            try {
                buf.clear();
                from = channel.receive(buf);
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            if (from == null) continue;
            byte[] data = new byte[buf.position()];
            buf.flip().get(data);
            accept(from, data);
        }
    }

    /** Handles one received datagram: verify and complete the matching request, or drop. */
    void accept(SocketAddress from, byte[] data) {
        if (!from.equals(config.server())) {
            drop(new RadiusDrop(RadiusDrop.Kind.UNEXPECTED_SOURCE, "datagram from another address"));
            return;
        }
        switch (RadiusPacket.decode(data)) {
            case RadiusDecodeResult.Dropped d -> drop(d.drop());
            case RadiusDecodeResult.Decoded d -> {
                RadiusPacket reply = d.packet();
                if (reply.code() == RadiusCode.ACCESS_REQUEST) {
                    drop(new RadiusDrop(RadiusDrop.Kind.UNKNOWN_CODE, "Access-Request received by a client"));
                    return;
                }
                Pending p = pending.get(reply.identifier());
                if (p == null || p.result().isDone()) {
                    drop(new RadiusDrop(RadiusDrop.Kind.UNKNOWN_IDENTIFIER, "no outstanding request " + reply.identifier()));
                    return;
                }
                int len = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
                boolean hasEap = !reply.all(RadiusAttributeType.EAP_MESSAGE).isEmpty();
                var bad = RadiusCrypto.verifyReply(data, len, p.requestAuthenticator(), config.secret(), hasEap);
                if (bad.isPresent()) {
                    drop(bad.get());
                    return;
                }
                p.result().complete(new RadiusOutcome.Reply(reply, p.requestAuthenticator()));
            }
        }
    }

    private void drop(RadiusDrop d) {
        drops.incrementAndGet();
        dropListener.accept(d);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
        pending.values().forEach(p -> p.result().complete(new RadiusOutcome.Failed("client closed")));
        reader.interrupt();
    }
}
