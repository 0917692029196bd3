package io.ike4j.platform.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns on {@code UDP_ENCAP_ESPINUDP} (RFC 3948) on this process's UDP sockets bound to a port, so that the kernel's
 * XFRM decapsulates ESP-in-UDP arriving there itself; datagrams behind the non-ESP marker (IKE) still reach the
 * socket, NAT-keepalives are consumed. Java does not expose a channel's file descriptor, so the sockets are found
 * through procfs: the inodes of {@code /proc/net/udp} and {@code /proc/net/udp6} entries on the port, matched
 * against the {@code socket:[inode]} links in {@code /proc/self/fd}. Linux only.
 */
final class KernelEspInUdp {
    private static final int SOL_UDP = 17;
    private static final int UDP_ENCAP = 100;
    private static final int UDP_ENCAP_ESPINUDP = 2;

    private KernelEspInUdp() {
    }

    /** Sets the option on every UDP socket of this process bound to {@code port}; returns how many. */
    static int enable(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path p = Path.of(table);
            if (Files.isReadable(p)) inodes.addAll(inodesOnPort(Files.readAllLines(p), port));
        }
        int done = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (!target.startsWith("socket:[") || !inodes.contains(target.substring(8, target.length() - 1))) continue;
                setEncap(Integer.parseInt(fd.getFileName().toString()));
                done++;
            }
        }
        return done;
    }

    /** The inode column of the entries whose local port is {@code port} (procfs prints it in hex). */
    static Set<String> inodesOnPort(List<String> lines, int port) {
        Set<String> out = new HashSet<>();
        String want = String.format(Locale.ROOT, ":%04X", port);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[1].endsWith(want)) continue; // header, or another port
            out.add(f[9]);
        }
        return out;
    }

    private static void setEncap(int fd) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            MemorySegment value = a.allocateFrom(JAVA_INT, UDP_ENCAP_ESPINUDP);
            int r = (int) SETSOCKOPT.invokeExact(capture, fd, SOL_UDP, UDP_ENCAP, value, (int) JAVA_INT.byteSize());
            if (r < 0) throw new IOException("setsockopt(UDP_ENCAP) on fd " + fd + ": errno " + (int) ERRNO.get(capture, 0L));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setsockopt(UDP_ENCAP) failed", t);
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SETSOCKOPT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("setsockopt").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.captureCallState("errno"));
}
