package io.ike4j.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ike4j.core.engine.Endpoint;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raw ESP socket: IPv4 header parsing always; a real send and receive over loopback as root. */
class RawEspSocketTest {

    @Test
    void ipv4PayloadStartsAfterTheHeaderLengthAndMalformedHeadersAreRefused() {
        byte[] p = new byte[40];
        p[0] = 0x45;
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 40)).isEqualTo(20);
        p[0] = 0x46; // with 4 bytes of options
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 40)).isEqualTo(24);
        p[0] = 0x4f;
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 40)).as("IHL beyond the packet").isEqualTo(-1);
        p[0] = 0x44;
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 40)).as("IHL below 5").isEqualTo(-1);
        p[0] = 0x65;
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 40)).as("not IPv4").isEqualTo(-1);
        assertThat(RawEspSocket.ipv4PayloadOffset(p, 19)).isEqualTo(-1);
    }

    record Received(Endpoint remote, byte[] esp) {}

    @Test
    void espSentToLoopbackComesBackWithoutItsIpHeader() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            if (Boolean.getBoolean("ike4j.requireInterop")) fail("ike4j.requireInterop=true but not root");
            assumeTrue(false, "raw sockets need root");
        }
        BlockingQueue<Received> got = new LinkedBlockingQueue<>();
        // SPIs 1-255 are reserved (RFC 4303 2.1): nobody else's SA matches these test packets
        byte[] esp = new byte[64];
        esp[3] = (byte) 0xfd;
        for (int i = 4; i < esp.length; i++) esp[i] = (byte) i;
        try (RawEspSocket s = RawEspSocket.open((local, remote, packet) -> {
            if (packet.length >= 4 && packet[3] == (byte) 0xfd) got.add(new Received(remote, packet));
            return true;
        })) {
            byte[] framed = new byte[esp.length + 3];
            System.arraycopy(esp, 0, framed, 3, esp.length);
            assertThat(s.sendPlainEsp(InetAddress.getByName("127.0.0.1"), framed, 3, esp.length)).isTrue();
            Received r = got.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("plain ESP over IPv4 loopback").isNotNull();
            assertThat(r.esp()).isEqualTo(esp);
            assertThat(r.remote().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            if (s.sendPlainEsp(InetAddress.getByName("::1"), esp, 0, esp.length)) {
                Received r6 = got.poll(10, TimeUnit.SECONDS);
                assertThat(r6).as("plain ESP over IPv6 loopback").isNotNull();
                assertThat(r6.esp()).isEqualTo(esp);
            }
            assertThat(s.stats().received()).isGreaterThanOrEqualTo(1);
        }
    }
}
