package io.ike4j.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Serves the control protocol on a Unix domain socket: one virtual thread per client. Socket file mode is 0660;
 * a stale socket left by a crashed daemon is replaced, a live one (another daemon answering) is refused.
 */
public final class ControlServer implements AutoCloseable {
    /** Another daemon already answers on the socket, or the path is not a socket we may replace. */
    public static final class SocketInUseException extends IOException {
        public SocketInUseException(String message) {
            super(message);
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Consumer<String> log;
    private final InstantSource clock;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, ControlHandler handler, Consumer<String> log, InstantSource clock) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.log = log;
        this.clock = clock;
        this.acceptor = Thread.ofVirtual().name("control-accept").unstarted(this::acceptLoop);
    }

    /** Binds {@code path} (creating its directory), sets mode 0660 and starts accepting. */
    public static ControlServer start(Path path, ControlHandler handler, Consumer<String> log, InstantSource clock) throws IOException {
        Path abs = path.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        removeStale(abs);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(abs), 64);
            try {
                Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rw-rw----"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing to set
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        ControlServer s = new ControlServer(abs, ch, handler, log, clock);
        s.acceptor.start();
        return s;
    }

    /** A socket file nobody answers on is stale (the daemon died); anything else is left alone. */
    static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        if (!isSocket(path)) throw new SocketInUseException(path + " exists and is not a socket; not replacing it");
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new SocketInUseException("another daemon is already listening on " + path);
        } catch (SocketInUseException e) {
            throw e;
        } catch (IOException refused) {
            Files.deleteIfExists(path);
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) return;
                log.accept("control socket accept failed: " + e.getMessage());
                continue;
            }
            clients.add(client);
            Thread.ofVirtual().name("control-client").start(() -> {
                try (LineChannel lines = new LineChannel(client, LineChannel.DEFAULT_MAX_LINE)) {
                    new ControlSession(lines, handler, clock).run();
                } catch (IOException e) {
                    // client went away
                } finally {
                    clients.remove(client);
                }
            });
        }
    }

    /** Stops accepting, disconnects clients and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2000);
            Files.deleteIfExists(path);
        } catch (IOException | InterruptedException ignored) {
            if (Thread.interrupted()) Thread.currentThread().interrupt();
        }
    }
}
