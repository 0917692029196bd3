package io.ike4j.platform.tun;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Linux TUN device (layer 3, {@code IFF_TUN | IFF_NO_PI}): every read returns one whole IPv4 or IPv6 packet the
 * kernel routed into the device, every write injects one packet as if received on it. Bound to libc through the
 * FFM API. Reads and writes go through native buffers reused for the device's lifetime.
 *
 * <p>Thread-safety: one thread may read while another writes; concurrent readers (or writers) serialize.
 * {@link #close()} waits for a running read to return, so readers should poll with modest timeouts.
 * Closing removes the (non-persistent) device from the kernel.
 */
public final class TunDevice implements AutoCloseable {
    /** Largest packet a read can return (IPv4/IPv6 without jumbograms). */
    public static final int MAX_PACKET = 65535;

    private static final long TUNSETIFF = 0x400454caL; // _IOW('T', 202, int)
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private final Arena arena = Arena.ofShared();
    private final String name;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final MemorySegment readBuf;
    private final MemorySegment writeBuf;
    private final MemorySegment readCapture;
    private final MemorySegment writeCapture;
    private final MemorySegment pollFd;
    private volatile int fd;

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
        this.readBuf = arena.allocate(MAX_PACKET, 16);
        this.writeBuf = arena.allocate(MAX_PACKET, 16);
        this.readCapture = Libc.newCaptureState(arena);
        this.writeCapture = Libc.newCaptureState(arena);
        this.pollFd = arena.allocate(Libc.POLLFD);
    }

    /**
     * Creates a TUN device in the calling thread's network namespace.
     *
     * @param name the interface name (at most 15 bytes; may contain {@code %d} for the kernel to number it)
     * @throws NativeIoException e.g. EPERM without CAP_NET_ADMIN, ENOENT without /dev/net/tun, EBUSY/EINVAL if the
     *                           name is taken by another kind of device
     */
    public static TunDevice open(String name) throws IOException {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = Libc.newCaptureState(a);
            // non-blocking: a read tries first and polls only when nothing is queued (one system call per packet
            // under load instead of two); writes to a TUN device never wait anyway
            int fd = Libc.open(capture, a.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NONBLOCK);
            if (fd < 0) throw Libc.error("open /dev/net/tun", capture);
            MemorySegment ifr = a.allocate(IFREQ_SIZE);
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            if (Libc.ioctl(capture, fd, TUNSETIFF, ifr) < 0) {
                NativeIoException e = Libc.error("ioctl TUNSETIFF " + name, capture);
                Libc.close(capture, fd);
                throw e;
            }
            return new TunDevice(fd, ifr.getString(0)); // the kernel wrote back the final name
        }
    }

    /**
     * Creates a TUN device inside the network namespace {@code netns} (e.g. {@code /var/run/netns/NAME} of
     * {@code ip netns add NAME}) without moving the calling thread: a short-lived thread enters the namespace
     * ({@code setns(2)}), creates the device, and exits. The device and its file descriptor stay in that namespace.
     */
    public static TunDevice openInNamespace(Path netns, String name) throws IOException {
        checkName(name);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("ike4j-tun-setns").unstarted(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment capture = Libc.newCaptureState(a);
                int nsFd = Libc.open(capture, a.allocateFrom(netns.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC);
                if (nsFd < 0) throw Libc.error("open " + netns, capture);
                try {
                    if (Libc.setns(capture, nsFd, Libc.CLONE_NEWNET) < 0) throw Libc.error("setns " + netns, capture);
                } finally {
                    Libc.close(capture, nsFd);
                }
                result.set(open(name));
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + name + " in " + netns, e);
        }
        Object r = result.get();
        if (r instanceof TunDevice d) return d;
        if (r instanceof IOException e) throw e;
        throw (RuntimeException) r;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() >= IFNAMSIZ || !name.chars().allMatch(c -> c > 32 && c < 127 && c != '/')) {
            throw new IllegalArgumentException("invalid interface name: " + name);
        }
    }

    /** The interface name the kernel assigned. */
    public String name() {
        return name;
    }

    /**
     * Reads one packet into {@code dst[off...]}, waiting at most {@code timeoutMillis} (0 = do not wait).
     *
     * @return the packet length, or 0 if none arrived in time (a packet longer than {@code len} is truncated)
     */
    public int read(byte[] dst, int off, int len, int timeoutMillis) throws IOException {
        synchronized (readLock) {
            int n = readNative(readBuf, Math.min(len, MAX_PACKET), timeoutMillis);
            if (n > 0) MemorySegment.copy(readBuf, ValueLayout.JAVA_BYTE, 0, dst, off, n);
            return n;
        }
    }

    /**
     * Reads one packet into {@code dst} at its position (a direct buffer is filled without a copy) and advances the
     * position. Returns the length, or 0 on timeout.
     */
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        synchronized (readLock) {
            int room = Math.min(dst.remaining(), MAX_PACKET);
            int n;
            if (dst.isDirect()) {
                n = readNative(MemorySegment.ofBuffer(dst), room, timeoutMillis);
            } else {
                n = readNative(readBuf, room, timeoutMillis);
                if (n > 0) MemorySegment.copy(readBuf, 0, MemorySegment.ofBuffer(dst), 0, n);
            }
            dst.position(dst.position() + n);
            return n;
        }
    }

    private int readNative(MemorySegment buf, int len, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout must be >= 0");
        int f = checkOpen();
        long first = Libc.read(readCapture, f, buf, len);
        if (first >= 0) return (int) first;
        int err = Libc.errno(readCapture);
        if (err != Libc.EAGAIN && err != Libc.EINTR) throw Libc.error("read " + name, readCapture);
        if (timeoutMillis == 0) return 0;
        pollFd.set(ValueLayout.JAVA_INT, 0, f);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int ready = Libc.poll(readCapture, pollFd, 1, timeoutMillis);
        if (ready < 0) {
            if (Libc.errno(readCapture) == Libc.EINTR) return 0;
            throw Libc.error("poll " + name, readCapture);
        }
        if (ready == 0) return 0;
        short revents = pollFd.get(ValueLayout.JAVA_SHORT, 6);
        if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0 && (revents & Libc.POLLIN) == 0) {
            throw new IOException("TUN device " + name + " failed (poll revents 0x" + Integer.toHexString(revents) + ")");
        }
        long n = Libc.read(readCapture, f, buf, len);
        if (n < 0) {
            int e = Libc.errno(readCapture);
            if (e == Libc.EAGAIN || e == Libc.EINTR) return 0;
            throw Libc.error("read " + name, readCapture);
        }
        return (int) n;
    }

    /** Writes one whole packet {@code src[off, off+len)} into the device (the kernel receives it). */
    public void write(byte[] src, int off, int len) throws IOException {
        if (len > MAX_PACKET) throw new IllegalArgumentException("packet too long: " + len);
        synchronized (writeLock) {
            checkOpen(); // before touching the (freed once closed) native buffer
            MemorySegment.copy(src, off, writeBuf, ValueLayout.JAVA_BYTE, 0, len);
            writeNative(writeBuf, len);
        }
    }

    /** Writes the remaining bytes of {@code src} as one packet and advances its position. */
    public void write(ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len > MAX_PACKET) throw new IllegalArgumentException("packet too long: " + len);
        synchronized (writeLock) {
            checkOpen();
            if (src.isDirect()) {
                writeNative(MemorySegment.ofBuffer(src), len);
            } else {
                MemorySegment.copy(MemorySegment.ofBuffer(src), 0, writeBuf, 0, len);
                writeNative(writeBuf, len);
            }
            src.position(src.position() + len);
        }
    }

    private void writeNative(MemorySegment buf, int len) throws IOException {
        int f = checkOpen();
        long n;
        do {
            n = Libc.write(writeCapture, f, buf, len);
        } while (n < 0 && Libc.errno(writeCapture) == Libc.EINTR);
        if (n < 0) throw Libc.error("write " + name, writeCapture);
        if (n != len) throw new IOException("short write to " + name + ": " + n + " of " + len);
    }

    private int checkOpen() throws IOException {
        int f = fd;
        if (f < 0) throw new IOException("TUN device " + name + " is closed");
        return f;
    }

    public boolean isOpen() {
        return fd >= 0;
    }

    /** Closes the file descriptor (the kernel removes the device) and frees the buffers. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (readLock) {
            synchronized (writeLock) {
                int f = fd;
                if (f < 0) return;
                fd = -1;
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment capture = Libc.newCaptureState(a);
                    int r = Libc.close(capture, f);
                    arena.close();
                    if (r < 0) throw Libc.error("close " + name, capture);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "TunDevice[" + name + (isOpen() ? "" : ", closed") + "]";
    }
}
