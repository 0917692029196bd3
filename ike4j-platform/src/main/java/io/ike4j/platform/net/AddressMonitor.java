package io.ike4j.platform.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches the host's addresses for MOBIKE (RFC 4555): polls a source (the interfaces' addresses) and reports the
 * complete list whenever it changes. Polling keeps it portable and testable ({@link #poll()} runs one round);
 * a change is noticed within one interval. The listener runs on the monitor's thread.
 */
public final class AddressMonitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AddressMonitor.class.getName());

    /** The addresses now; may throw (e.g. a SocketException), which skips the round. */
    @FunctionalInterface
    public interface Source {
        List<InetAddress> addresses() throws Exception;
    }

    private final Source source;
    private final Consumer<List<InetAddress>> listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private List<InetAddress> last;
    private Thread thread;

    /** {@code initial}: the addresses already known (no report until they change). */
    public AddressMonitor(Source source, List<InetAddress> initial, Consumer<List<InetAddress>> listener) {
        this.source = Objects.requireNonNull(source);
        this.listener = Objects.requireNonNull(listener);
        this.last = normalize(initial);
    }

    /** The interfaces' addresses (those of interfaces that are up). */
    public static Source interfaces() {
        return UdpTransport::interfaceAddresses;
    }

    private static List<InetAddress> normalize(List<InetAddress> in) {
        return List.copyOf(new LinkedHashSet<>(in));
    }

    /** One round: reads the source and reports a changed list. Returns whether it changed. */
    public synchronized boolean poll() {
        List<InetAddress> now;
        try {
            now = normalize(source.addresses());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "reading addresses failed: {0}", e.getMessage());
            return false;
        }
        if (new LinkedHashSet<>(now).equals(new LinkedHashSet<>(last))) return false;
        List<InetAddress> added = new ArrayList<>(now);
        added.removeAll(last);
        List<InetAddress> removed = new ArrayList<>(last);
        removed.removeAll(now);
        LOG.log(System.Logger.Level.INFO, "local addresses changed: added {0}, removed {1}", added, removed);
        last = now;
        try {
            listener.accept(now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "address change listener failed", e);
        }
        return true;
    }

    /** Polls every {@code interval} on a virtual thread until closed. */
    public AddressMonitor start(Duration interval) {
        thread = Thread.ofVirtual().name("ike4j-addresses").start(() -> {
            while (!closed.get()) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed.get()) poll();
            }
        });
        return this;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (thread != null) thread.interrupt();
    }
}
