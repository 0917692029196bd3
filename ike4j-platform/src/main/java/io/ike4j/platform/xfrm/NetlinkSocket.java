package io.ike4j.platform.xfrm;

import static io.ike4j.platform.xfrm.Libc.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A netlink socket (AF_NETLINK, SOCK_RAW) through the FFM API. Requests go to the kernel (pid 0); acks are
 * capped (NETLINK_CAP_ACK, so a refused request carrying keys is not echoed back) and carry the kernel's text
 * (NETLINK_EXT_ACK). Reads are bounded by a buffer of {@value #RECEIVE_BUFFER} bytes; a longer datagram is reported
 * as an error, not cut silently. Not thread-safe: one owner sends, receives and closes.
 */
public final class NetlinkSocket implements NetlinkTransport {
    static final int RECEIVE_BUFFER = 65536;

    private final int fd;
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket of netlink {@code protocol} (e.g. {@link XfrmAbi#NETLINK_XFRM}) joined to multicast {@code groups}. */
    public static XfrmResult<NetlinkSocket> open(int protocol, int... groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = captureSegment(arena);
            int fd = (int) SOCKET.invokeExact(cs, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
            if (fd < 0) return sysFailure("socket", errno(cs));
            NetlinkSocket s = new NetlinkSocket(fd);
            XfrmResult<Void> setup = s.setup(arena, cs, groups);
            if (setup instanceof XfrmResult.Failure<Void> f) {
                s.close();
                return XfrmResult.failure(f.error());
            }
            return XfrmResult.ok(s);
        } catch (Throwable t) {
            return XfrmResult.failure(XfrmError.local("socket", XfrmError.Kind.SYSTEM, 0, t.toString()));
        }
    }

    /**
     * Opens the socket inside the network namespace {@code netnsFile} (e.g. /run/netns/NAME). A netlink socket
     * belongs to the namespace it was created in, so a short-lived platform thread enters the namespace with
     * setns(2), creates the socket and ends; no other thread of the JVM changes namespace.
     */
    public static XfrmResult<NetlinkSocket> openInNamespace(Path netnsFile, int protocol, int... groups) {
        AtomicReference<XfrmResult<NetlinkSocket>> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + netnsFile.getFileName()).unstarted(() ->
                result.set(enterAndOpen(netnsFile, protocol, groups)));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return XfrmResult.failure(XfrmError.local("setns", XfrmError.Kind.SYSTEM, 0, "interrupted"));
        }
        return result.get();
    }

    private static XfrmResult<NetlinkSocket> enterAndOpen(Path netnsFile, int protocol, int[] groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = captureSegment(arena);
            int nsfd = (int) OPEN.invokeExact(cs, arena.allocateFrom(netnsFile.toString()), O_RDONLY | O_CLOEXEC);
            if (nsfd < 0) return sysFailure("open " + netnsFile, errno(cs));
            try {
                int r = (int) SETNS.invokeExact(cs, nsfd, CLONE_NEWNET);
                if (r < 0) return sysFailure("setns " + netnsFile, errno(cs));
            } finally {
                int ignored = (int) CLOSE.invokeExact(cs, nsfd);
            }
            return open(protocol, groups);
        } catch (Throwable t) {
            return XfrmResult.failure(XfrmError.local("setns", XfrmError.Kind.SYSTEM, 0, t.toString()));
        }
    }

    private XfrmResult<Void> setup(Arena arena, MemorySegment cs, int[] groups) throws Throwable {
        MemorySegment one = arena.allocateFrom(JAVA_INT, 1);
        // best effort: older kernels lack these options and still work
        int ignored = (int) SETSOCKOPT.invokeExact(cs, fd, SOL_NETLINK, NETLINK_CAP_ACK, one, 4);
        ignored = (int) SETSOCKOPT.invokeExact(cs, fd, SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
        MemorySegment addr = sockaddrNl(arena);
        if ((int) BIND.invokeExact(cs, fd, addr, 12) < 0) return sysFailure("bind", errno(cs));
        for (int g : groups) {
            MemorySegment group = arena.allocateFrom(JAVA_INT, g);
            if ((int) SETSOCKOPT.invokeExact(cs, fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, 4) < 0) {
                return sysFailure("join multicast group " + g, errno(cs));
            }
        }
        return XfrmResult.ok(null);
    }

    // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }: pid 0 = kernel
    private static MemorySegment sockaddrNl(Arena arena) {
        MemorySegment a = arena.allocate(12, 4);
        a.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        return a;
    }

    @Override
    public XfrmResult<Void> send(byte[] message) {
        if (closed) return sysFailure("sendto", 9 /* EBADF */);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = captureSegment(arena);
            MemorySegment buf = arena.allocate(message.length);
            buf.copyFrom(MemorySegment.ofArray(message));
            try {
                while (true) {
                    long n = (long) SENDTO.invokeExact(cs, fd, buf, (long) message.length, 0, sockaddrNl(arena), 12);
                    if (n >= 0) return XfrmResult.ok(null);
                    int e = errno(cs);
                    if (e != EINTR) return sysFailure("sendto", e);
                }
            } finally {
                buf.fill((byte) 0); // the message may carry keys
            }
        } catch (Throwable t) {
            return XfrmResult.failure(XfrmError.local("sendto", XfrmError.Kind.SYSTEM, 0, t.toString()));
        }
    }

    @Override
    public XfrmResult<Optional<byte[]>> receive(Duration timeout) {
        if (closed) return sysFailure("recv", 9 /* EBADF */);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = captureSegment(arena);
            MemorySegment pfd = arena.allocate(8, 4);
            MemorySegment buf = arena.allocate(RECEIVE_BUFFER);
            try {
                while (true) {
                    long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                    pfd.set(JAVA_INT, 0, fd);
                    pfd.set(JAVA_SHORT, 4, POLLIN);
                    pfd.set(JAVA_SHORT, 6, (short) 0);
                    int ready = (int) POLL.invokeExact(cs, pfd, 1L, (int) Math.min(left, Integer.MAX_VALUE));
                    if (ready < 0) {
                        int e = errno(cs);
                        if (e == EINTR) continue;
                        return sysFailure("poll", e);
                    }
                    if (ready == 0) return XfrmResult.ok(Optional.empty());
                    long n = (long) RECV.invokeExact(cs, fd, buf, (long) RECEIVE_BUFFER, MSG_TRUNC | MSG_DONTWAIT);
                    if (n < 0) {
                        int e = errno(cs);
                        if (e == EINTR || e == EAGAIN) continue;
                        return sysFailure("recv", e);
                    }
                    if (n > RECEIVE_BUFFER) {
                        return XfrmResult.failure(XfrmError.local("recv", XfrmError.Kind.MALFORMED_REPLY, XfrmError.EBADMSG,
                                "datagram of " + n + " bytes exceeds the " + RECEIVE_BUFFER + "-byte buffer"));
                    }
                    return XfrmResult.ok(Optional.of(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
                }
            } finally {
                buf.fill((byte) 0);
            }
        } catch (Throwable t) {
            return XfrmResult.failure(XfrmError.local("recv", XfrmError.Kind.SYSTEM, 0, t.toString()));
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(captureSegment(arena), fd);
        } catch (Throwable t) {
            // close(2) failing leaves nothing to recover
        }
    }

    private static <T> XfrmResult<T> sysFailure(String call, int errno) {
        XfrmError.Kind kind = errno == XfrmError.EPERM || errno == 13 /* EACCES */ ? XfrmError.Kind.PERMISSION : XfrmError.Kind.SYSTEM;
        return XfrmResult.failure(XfrmError.local(call, kind, errno, null));
    }
}
