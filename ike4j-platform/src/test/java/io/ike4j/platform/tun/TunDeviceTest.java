package io.ike4j.platform.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class TunDeviceTest {
    private static final byte[] LOCAL = {10, 99, 7, 1};
    private static final byte[] PEER = {10, 99, 7, 2};

    @Test
    void invalidNamesAreRefusedBeforeAnySystemCall() {
        assertThatThrownBy(() -> TunDevice.open("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TunDevice.open("a-name-far-too-long")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TunDevice.open("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void libcErrorsBecomeTypedExceptionsWithErrno() {
        assertThatThrownBy(() -> TunDevice.openInNamespace(Path.of("/nonexistent/ike4j-netns"), "ike4jx0"))
                .isInstanceOfSatisfying(NativeIoException.class, e -> {
                    assertThat(e.errno()).isEqualTo(2);
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("/nonexistent/ike4j-netns").contains("No such file or directory");
                });
    }

    @Test
    void takenNameOfAnotherDeviceKindIsATypedError() throws Exception {
        TunRequirements.requireRootAndTun();
        try (Netns ns = Netns.create()) {
            // "lo" exists in every namespace and is not a TUN device
            assertThatThrownBy(() -> TunDevice.openInNamespace(ns.path(), "lo"))
                    .isInstanceOfSatisfying(NativeIoException.class, e -> assertThat(e.errnoName()).isIn("EINVAL", "EBUSY"));
        }
    }

    @Test
    void kernelAnswersAnEchoRequestWrittenIntoTheDevice() throws Exception {
        TunRequirements.requireRootAndTun();
        try (Netns ns = Netns.create(); TunDevice tun = TunDevice.openInNamespace(ns.path(), "ike4jt%d")) {
            assertThat(tun.name()).isEqualTo("ike4jt0");
            IpRoute2 ip = IpRoute2.system().inNamespace(ns.name());
            ip.setMtu(tun.name(), 1400);
            ip.addAddress(tun.name(), "10.99.7.1/24");
            ip.up(tun.name());
            assertThat(ip.run("link", "show", "dev", tun.name())).contains("mtu 1400").contains("UP");

            assertThat(tun.read(new byte[100], 0, 100, 0)).as("nothing queued").isGreaterThanOrEqualTo(0);
            byte[] request = echoRequest(PEER, LOCAL, 0x1234, 7);
            tun.write(request, 0, request.length);
            byte[] buf = new byte[TunDevice.MAX_PACKET];
            byte[] reply = awaitEchoReply(tun, buf, 0x1234);
            assertThat(reply).as("echo reply from the kernel").isNotNull();
            assertThat(slice(reply, 12, 4)).isEqualTo(LOCAL);
            assertThat(slice(reply, 16, 4)).isEqualTo(PEER);
            assertThat(slice(reply, 28, reply.length - 28)).isEqualTo(slice(request, 28, request.length - 28));
            assertThat(checksum(reply, 20, reply.length - 20)).isZero();

            // and once more through direct ByteBuffers (the no-copy path)
            ByteBuffer out = ByteBuffer.allocateDirect(request.length);
            out.put(echoRequest(PEER, LOCAL, 0x1234, 8)).flip();
            tun.write(out);
            assertThat(out.hasRemaining()).isFalse();
            ByteBuffer in = ByteBuffer.allocateDirect(TunDevice.MAX_PACKET);
            long deadline = System.nanoTime() + 5_000_000_000L;
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                in.clear();
                int n = tun.read(in, 200);
                seen = n > 0 && in.get(0) >> 4 == 4 && in.get(9) == 1 && in.get(20) == 0 && in.get(27) == 8;
            }
            assertThat(seen).as("second echo reply (sequence 8)").isTrue();
        }
    }

    @Test
    void routesForRemoteSelectorsLeadIntoTheDevice() throws Exception {
        TunRequirements.requireRootAndTun();
        try (Netns ns = Netns.create(); TunDevice tun = TunDevice.openInNamespace(ns.path(), "ike4jr0")) {
            IpRoute2 ip = IpRoute2.system().inNamespace(ns.name());
            ip.addAddress(tun.name(), "10.99.7.1/32");
            ip.up(tun.name());
            var remote = new io.ike4j.core.codec.payload.TrafficSelectorSubstructure(7, 0, 0, 65535,
                    new byte[] {10, 98, 0, 0}, new byte[] {10, 98, (byte) 255, (byte) 255});
            assertThat(ip.routeSelectors(java.util.List.of(remote), tun.name(), Optional.of("10.99.7.1"), Optional.empty()))
                    .containsExactly("10.98.0.0/16");
            assertThat(ip.run("-4", "route", "get", "10.98.3.4")).contains("dev " + tun.name()).contains("src 10.99.7.1");
        }
        assertThatThrownBy(() -> IpRoute2.system().inNamespace("bad name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedDeviceRefusesIo() throws Exception {
        TunRequirements.requireRootAndTun();
        try (Netns ns = Netns.create()) {
            TunDevice tun = TunDevice.openInNamespace(ns.path(), "ike4jc0");
            tun.close();
            tun.close();
            assertThat(tun.isOpen()).isFalse();
            assertThatThrownBy(() -> tun.write(new byte[20], 0, 20)).isInstanceOf(IOException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> tun.read(new byte[20], 0, 20, 0)).isInstanceOf(IOException.class);
            assertThat(IpRoute2.system().inNamespace(ns.name()).run("link", "show")).doesNotContain("ike4jc0");
        }
    }

    private static byte[] awaitEchoReply(TunDevice tun, byte[] buf, int id) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            int n = tun.read(buf, 0, buf.length, 200);
            // skip anything else the kernel sends (e.g. IPv6 router solicitations)
            if (n >= 28 && (buf[0] >> 4) == 4 && buf[9] == 1 && buf[20] == 0
                    && ((buf[24] & 0xff) << 8 | (buf[25] & 0xff)) == id) {
                return slice(buf, 0, n);
            }
        }
        return null;
    }

    static byte[] echoRequest(byte[] src, byte[] dst, int id, int seq) {
        byte[] p = new byte[20 + 8 + 32];
        p[0] = 0x45;
        p[3] = (byte) p.length;
        p[5] = 1;
        p[8] = 64;
        p[9] = 1; // ICMP
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        put16(p, 10, checksum(p, 0, 20));
        p[20] = 8; // echo request
        put16(p, 24, id);
        put16(p, 26, seq);
        for (int i = 28; i < p.length; i++) p[i] = (byte) i;
        put16(p, 22, checksum(p, 20, p.length - 20));
        return p;
    }

    static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff;
            int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += hi << 8 | lo;
        }
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >> 8);
        b[off + 1] = (byte) v;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        return java.util.Arrays.copyOfRange(b, off, off + len);
    }

    /** A fresh network namespace, deleted on close. */
    record Netns(String name) implements AutoCloseable {
        static Netns create() throws IOException {
            String name = "ike4j-tun-" + ProcessHandle.current().pid() + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
            IpRoute2.system().run("netns", "add", name);
            return new Netns(name);
        }

        Path path() {
            return Path.of("/var/run/netns", name);
        }

        @Override
        public void close() throws IOException {
            IpRoute2.system().run("netns", "del", name);
        }
    }
}
