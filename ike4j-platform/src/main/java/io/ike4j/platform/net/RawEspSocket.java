package io.ike4j.platform.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.ike4j.core.engine.Endpoint;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Plain ESP (IP protocol 50, RFC 4303) through raw sockets bound with the FFM API:
 * {@code socket(AF_INET, SOCK_RAW, IPPROTO_ESP)} and {@code socket(AF_INET6, SOCK_RAW, IPPROTO_ESP)}. Sending hands
 * the ESP packet to the kernel, which adds the IP header (protocol 50, source address from routing). One platform
 * thread per family receives: an IPv4 raw socket delivers the IP header too, skipped by its IHL; an IPv6 raw socket
 * delivers the payload only. Each packet goes to the {@link EspSink} (which dispatches by SPI) out of a buffer reused
 * for the socket's lifetime. Needs CAP_NET_RAW ({@link #open} fails with EPERM otherwise). Linux only.
 *
 * <p>The kernel gives a raw socket a copy of every protocol-50 packet addressed to this host; without kernel ESP
 * (esp4/esp6 not loaded) nobody else takes them and no ICMP "protocol unreachable" goes out, since a raw socket
 * received them.
 */
public final class RawEspSocket implements PlainEspSender {
    private static final System.Logger LOG = System.getLogger(RawEspSocket.class.getName());
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ESP = 50;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final short POLLIN = 0x1;
    private static final int POLL_MILLIS = 200;
    private static final int MAX_PACKET = 65535;
    private static final int SOCKADDR_IN6 = 28;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;
    /**
     * Receive buffer of each raw socket: a burst of ESP must not overflow it while the receive thread decrypts
     * (a raw socket with a full queue no longer counts as a receiver: the kernel then answers ICMP protocol
     * unreachable). SO_RCVBUFFORCE (root) passes net.core.rmem_max; SO_RCVBUF is the fallback.
     */
    static final int RECEIVE_BUFFER = 8 << 20;

    /** One family's socket: its fd, its receive thread and the native buffers it reuses. */
    private final class Family {
        final int af;
        final int fd;
        final Arena arena = Arena.ofShared();
        final MemorySegment sendBuf = arena.allocate(MAX_PACKET, 16);
        final MemorySegment sendAddr = arena.allocate(SOCKADDR_IN6, 8);
        final MemorySegment sendCapture = arena.allocate(CAPTURE);
        final Thread receiver;

        Family(int af, int fd) {
            this.af = af;
            this.fd = fd;
            this.receiver = Thread.ofPlatform().daemon().name("ike4j-raw-esp" + (af == AF_INET ? "4" : "6"))
                    .unstarted(this::receiveLoop);
        }

        synchronized boolean send(InetAddress to, byte[] packet, int off, int len) {
            if (closed.get()) return false;
            MemorySegment.copy(packet, off, sendBuf, JAVA_BYTE, 0, len);
            int addrLen = writeSockaddr(sendAddr, to);
            try {
                long n;
                do {
                    n = (long) SENDTO.invokeExact(sendCapture, fd, sendBuf, (long) len, 0, sendAddr, addrLen);
                } while (n < 0 && errno(sendCapture) == EINTR);
                if (n == len) return true;
                sendErrors.increment();
                if (n < 0 && sendErrorLogged.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "sending plain ESP to {0} failed: {1} (logged once)",
                            to.getHostAddress(), strerror(errno(sendCapture)));
                }
                return false;
            } catch (Throwable t) {
                sendErrors.increment();
                return false;
            }
        }

        private void receiveLoop() {
            MemorySegment capture = arena.allocate(CAPTURE);
            MemorySegment buf = arena.allocate(MAX_PACKET, 16);
            MemorySegment from = arena.allocate(SOCKADDR_IN6, 8);
            MemorySegment fromLen = arena.allocate(JAVA_INT);
            MemorySegment pollFd = arena.allocate(8, 4);
            byte[] heap = new byte[MAX_PACKET];
            byte[] lastFrom = new byte[0];
            Endpoint remote = null;
            Endpoint local = new Endpoint(unspecified(af), 0);
            while (!closed.get()) {
                try {
                    fromLen.set(JAVA_INT, 0, SOCKADDR_IN6);
                    long n = (long) RECVFROM.invokeExact(capture, fd, buf, (long) MAX_PACKET, MSG_DONTWAIT, from, fromLen);
                    if (n < 0) {
                        int e = errno(capture);
                        if (e != EAGAIN && e != EINTR) {
                            if (closed.get()) break;
                            receiveErrors.increment();
                            LOG.log(System.Logger.Level.WARNING, "receiving plain ESP failed: " + strerror(e));
                            Thread.sleep(50);
                            continue;
                        }
                        pollFd.set(JAVA_INT, 0, fd);
                        pollFd.set(JAVA_SHORT, 4, POLLIN);
                        pollFd.set(JAVA_SHORT, 6, (short) 0);
                        int ignored = (int) POLL.invokeExact(capture, pollFd, 1L, POLL_MILLIS);
                        continue;
                    }
                    int len = (int) n;
                    MemorySegment.copy(buf, JAVA_BYTE, 0, heap, 0, len);
                    byte[] addr = peerAddress(from, af);
                    if (remote == null || !java.util.Arrays.equals(addr, lastFrom)) {
                        remote = new Endpoint(InetAddress.getByAddress(addr), 0);
                        lastFrom = addr;
                    }
                    deliver(heap, len, af, local, remote);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Throwable t) {
                    if (closed.get()) break;
                    receiveErrors.increment();
                    LOG.log(System.Logger.Level.WARNING, "plain ESP receive loop: " + t);
                }
            }
        }

        synchronized void close() {
            try (Arena a = Arena.ofConfined()) {
                int ignored = (int) CLOSE.invokeExact(a.allocate(CAPTURE), fd);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "closing raw ESP socket: " + t);
            }
            if (!receiver.isAlive()) arena.close(); // else the receiver still reads its buffers: leave them
        }
    }

    private final EspSink sink;
    private final Family v4;
    private final Family v6; // null when IPv6 raw sockets are unavailable
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sendErrorLogged = new AtomicBoolean();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder receiveErrors = new LongAdder();

    private RawEspSocket(EspSink sink, int fd4, int fd6) {
        this.sink = sink;
        this.v4 = new Family(AF_INET, fd4);
        this.v6 = fd6 < 0 ? null : new Family(AF_INET6, fd6);
    }

    /**
     * Opens the raw ESP sockets in the calling thread's network namespace and starts delivering received ESP to
     * {@code sink}. IPv6 is optional (a host without IPv6 still gets IPv4).
     *
     * @throws IOException if the IPv4 socket cannot be opened (typically EPERM: no CAP_NET_RAW)
     */
    public static RawEspSocket open(EspSink sink) throws IOException {
        int fd4 = socket(AF_INET);
        if (fd4 < 0) throw new IOException("socket(AF_INET, SOCK_RAW, IPPROTO_ESP): " + strerror(-fd4));
        int fd6 = socket(AF_INET6);
        if (fd6 < 0) {
            LOG.log(System.Logger.Level.INFO, "no IPv6 raw ESP socket ({0}): plain ESP over IPv4 only", strerror(-fd6));
        }
        RawEspSocket s = new RawEspSocket(sink, fd4, fd6);
        s.v4.receiver.start();
        if (s.v6 != null) s.v6.receiver.start();
        return s;
    }

    @Override
    public boolean sendPlainEsp(InetAddress remote, byte[] packet, int off, int len) {
        if (len > MAX_PACKET) {
            sendErrors.increment();
            return false;
        }
        if (remote instanceof Inet4Address) return v4.send(remote, packet, off, len);
        if (v6 == null) {
            sendErrors.increment();
            return false;
        }
        return v6.send(remote, packet, off, len);
    }

    /** Counters of the raw sockets (packets, not bytes). */
    public record Stats(long received, long malformed, long dropped, long sendErrors, long receiveErrors) {}

    public Stats stats() {
        return new Stats(received.sum(), malformed.sum(), dropped.sum(), sendErrors.sum(), receiveErrors.sum());
    }

    /** One received packet: IPv4 comes with its header (skipped by IHL), IPv6 without. */
    private void deliver(byte[] p, int len, int af, Endpoint local, Endpoint remote) {
        int off = af == AF_INET ? ipv4PayloadOffset(p, len) : 0;
        if (off < 0 || len - off < 8) { // RFC 4303 2: at least SPI and sequence number
            malformed.increment();
            return;
        }
        received.increment();
        if (!sink.onEspPacket(local, remote, p, off, len - off)) dropped.increment();
    }

    /**
     * Where the payload of the IPv4 packet {@code p[0, len)} starts (IHL * 4), or -1 if the header is malformed
     * (not version 4, IHL below 5, or longer than the packet).
     */
    static int ipv4PayloadOffset(byte[] p, int len) {
        if (len < 20 || (p[0] & 0xf0) != 0x40) return -1;
        int ihl = (p[0] & 0x0f) * 4;
        return ihl < 20 || ihl > len ? -1 : ihl;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (Family f : new Family[] {v4, v6}) {
            if (f == null) continue;
            try {
                f.receiver.join(POLL_MILLIS * 5L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.close();
        }
    }

    // ---- FFM plumbing

    /** The new socket's fd, or minus errno. */
    private static int socket(int af) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(capture, af, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ESP);
            if (fd < 0) return -errno(capture);
            MemorySegment size = a.allocateFrom(JAVA_INT, RECEIVE_BUFFER);
            if ((int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) {
                int ignored = (int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, SO_RCVBUF, size, 4);
            }
            return fd;
        } catch (Throwable t) {
            return -22; // EINVAL
        }
    }

    /** Fills a sockaddr_in or sockaddr_in6 (port 0: raw sockets have none) and returns its length. */
    static int writeSockaddr(MemorySegment sa, InetAddress a) {
        sa.fill((byte) 0);
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address v6) {
            sa.set(JAVA_SHORT, 0, (short) AF_INET6); // sa_family_t: host byte order
            MemorySegment.copy(b, 0, sa, JAVA_BYTE, 8, 16);
            sa.set(JAVA_INT, 24, v6.getScopeId());
            return SOCKADDR_IN6;
        }
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        MemorySegment.copy(b, 0, sa, JAVA_BYTE, 4, 4);
        return 16;
    }

    private static byte[] peerAddress(MemorySegment sa, int af) {
        byte[] out = new byte[af == AF_INET ? 4 : 16];
        MemorySegment.copy(sa, JAVA_BYTE, af == AF_INET ? 4 : 8, out, 0, out.length);
        return out;
    }

    private static InetAddress unspecified(int af) {
        try {
            return InetAddress.getByAddress(new byte[af == AF_INET ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    // int socket(int domain, int type, int protocol)
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    // ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
    private static final MethodHandle RECVFROM = downcall("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    // int poll(struct pollfd *fds, nfds_t nfds, int timeout)
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    // int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc function not found: " + name)), fd, CAPTURE_ERRNO);
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return (s.equals(MemorySegment.NULL) ? "errno " + errno : s.reinterpret(256).getString(0)) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
