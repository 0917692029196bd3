package io.ike4j.platform.tun;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The few libc calls the TUN device needs, bound with the FFM API (no JNI). Each call takes a capture segment
 * (from {@link #newCaptureState}) into which the linker stores errno right after the call. Linux only.
 */
final class Libc {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int O_NONBLOCK = 0x800;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int CLONE_NEWNET = 0x40000000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    // int open(const char *path, int flags, ...)
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    // int ioctl(int fd, unsigned long request, ...)
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO);
    // int poll(struct pollfd *fds, nfds_t nfds, int timeout)
    private static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO);
    private static final MethodHandle SETNS = downcall("setns",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"),
            Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
            Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"),
            Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"), Map.entry(25, "ENOTTY"), Map.entry(28, "ENOSPC"),
            Map.entry(90, "EMSGSIZE"), Map.entry(95, "EOPNOTSUPP"), Map.entry(105, "ENOBUFS"));

    private Libc() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc function not found: " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    static MemorySegment newCaptureState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO_HANDLE.get(capture, 0L);
    }

    static NativeIoException error(String operation, MemorySegment capture) {
        int e = errno(capture);
        return new NativeIoException(operation, e, NAMES.getOrDefault(e, "E?"), strerror(e));
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "errno " + errno : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static int open(MemorySegment capture, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(capture, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ioctl(MemorySegment capture, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(capture, fd, request, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long read(MemorySegment capture, int fd, MemorySegment buf, long count) {
        try {
            return (long) READ.invokeExact(capture, fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(MemorySegment capture, int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE.invokeExact(capture, fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment capture, int fd) {
        try {
            return (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int poll(MemorySegment capture, MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setns(MemorySegment capture, int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(capture, fd, nstype);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
