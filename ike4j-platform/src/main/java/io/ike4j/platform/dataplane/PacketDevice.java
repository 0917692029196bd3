package io.ike4j.platform.dataplane;

import io.ike4j.platform.tun.TunDevice;
import java.io.IOException;

/**
 * The layer-3 device a {@link UserspaceDataPlane} exchanges inner packets with: a {@link TunDevice} in production,
 * a queue in tests. One thread reads while others write.
 */
public interface PacketDevice extends AutoCloseable {

    /** The interface name routes point at. */
    String name();

    /** Reads one IP packet into {@code dst[off...]}, waiting at most {@code timeoutMillis}; 0 if none came. */
    int read(byte[] dst, int off, int len, int timeoutMillis) throws IOException;

    /** Hands one IP packet to the system (as if received on the device). */
    void write(byte[] src, int off, int len) throws IOException;

    @Override
    void close() throws IOException;

    /** A TUN device as a packet device. */
    static PacketDevice of(TunDevice tun) {
        return new PacketDevice() {
            @Override
            public String name() {
                return tun.name();
            }

            @Override
            public int read(byte[] dst, int off, int len, int timeoutMillis) throws IOException {
                return tun.read(dst, off, len, timeoutMillis);
            }

            @Override
            public void write(byte[] src, int off, int len) throws IOException {
                tun.write(src, off, len);
            }

            @Override
            public void close() throws IOException {
                tun.close();
            }
        };
    }
}
