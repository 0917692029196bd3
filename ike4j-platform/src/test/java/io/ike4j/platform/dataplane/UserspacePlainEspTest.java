package io.ike4j.platform.dataplane;

import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ipv4;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.dataplane.UserspaceDataPlaneTest.QueueDevice;
import io.ike4j.platform.dataplane.UserspaceDataPlaneTest.Routes;
import io.ike4j.platform.dataplane.UserspaceDataPlaneTest.Wire;
import io.ike4j.platform.net.PlainEspSender;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plain ESP (no UDP encapsulation) in the user-space data plane: a CHILD_SA whose IKE SA found no NAT goes through
 * the {@link PlainEspSender}, one with UDP encapsulation through the transport; without a plain sender both go in UDP.
 */
class UserspacePlainEspTest {
    /** Delivers plain ESP into the peer plane's sink, as the raw socket does; remembers destinations. */
    static final class RawWire implements PlainEspSender {
        volatile UserspaceDataPlane peer;
        final List<InetAddress> sent = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public boolean sendPlainEsp(InetAddress remote, byte[] packet, int off, int len) {
            sent.add(remote);
            byte[] copy = new byte[len + 20]; // after an IPv4 header, as the raw socket hands it on
            System.arraycopy(packet, off, copy, 20, len);
            return peer.onEspPacket(new Endpoint(remote, 0), new Endpoint(remote, 0), copy, 20, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final QueueDevice devA = new QueueDevice();
    final QueueDevice devB = new QueueDevice();
    final Wire udpA = new Wire();
    final Wire udpB = new Wire();
    final RawWire rawA = new RawWire();
    final RawWire rawB = new RawWire();
    UserspaceDataPlane a;
    UserspaceDataPlane b;

    void start(boolean plain) throws Exception {
        List<InetAddress> hostA = List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("10.1.0.1"));
        List<InetAddress> hostB = List.of(InetAddress.getByName("192.0.2.2"), InetAddress.getByName("10.2.0.1"));
        a = UserspaceDataPlane.start(devA, new Routes(), () -> hostA, udpA, RandomSource.secure(), e -> { }, 4500);
        b = UserspaceDataPlane.start(devB, new Routes(), () -> hostB, udpB, RandomSource.secure(), e -> { }, 4500);
        if (plain) {
            a.usePlainEsp(rawA);
            b.usePlainEsp(rawB);
        }
        udpA.peer = b;
        udpB.peer = a;
        rawA.peer = b;
        rawB.peer = a;
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void withoutNatEspGoesPlainBothWays() throws Exception {
        start(true);
        assertThat(a.plainEspUnavailable()).isEmpty();
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        devA.fromKernel.add(ping);
        assertThat(devB.next()).isEqualTo(ping);
        byte[] pong = ipv4(new byte[] {10, 2, 0, 1}, new byte[] {10, 1, 0, 1}, 1, 84);
        devB.fromKernel.add(pong);
        assertThat(devA.next()).isEqualTo(pong);
        assertThat(rawA.sent).containsExactly(InetAddress.getByName("192.0.2.2"));
        assertThat(rawB.sent).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(udpA.sent).isEmpty();
        assertThat(udpB.sent).isEmpty();
        assertThat(a.counters(1, 1)).contains(new SaCounters(84, 1, 84, 1));
        a.close();
        assertThat(rawA.closed).as("the data plane closes its raw sockets").isTrue();
    }

    @Test
    void udpEncapsulationNegotiatedStillGoesInUdp() throws Exception {
        start(true);
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, true));
        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        devA.fromKernel.add(ping);
        assertThat(devB.next()).isEqualTo(ping);
        assertThat(rawA.sent).isEmpty();
        assertThat(udpA.sent).hasSize(1);
        assertThat(udpA.sent.getFirst()[1]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.2"), 4501));
    }

    @Test
    void aPeerThatFellBackToUdpIsAnsweredInUdp() throws Exception {
        start(true);
        b.close(); // B without raw sockets: a fresh plane that sends in UDP
        List<InetAddress> hostB = List.of(InetAddress.getByName("192.0.2.2"), InetAddress.getByName("10.2.0.1"));
        b = UserspaceDataPlane.start(devB, new Routes(), () -> hostB, udpB, RandomSource.secure(), e -> { }, 4500);
        udpA.peer = b;
        rawA.peer = b;
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        byte[] pong = ipv4(new byte[] {10, 2, 0, 1}, new byte[] {10, 1, 0, 1}, 1, 84);
        devB.fromKernel.add(pong);
        assertThat(devA.next()).isEqualTo(pong);
        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        devA.fromKernel.add(ping);
        assertThat(devB.next()).isEqualTo(ping);
        assertThat(rawA.sent).as("A followed B into UDP").isEmpty();
        assertThat(udpA.sent.getFirst()[1]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.2"), 4500));
    }

    @Test
    void withoutRawSocketsUnencapsulatedSasFallBackToUdp() throws Exception {
        start(false);
        assertThat(a.plainEspUnavailable()).isPresent();
        a.install(spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        b.install(spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, false));
        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        devA.fromKernel.add(ping);
        assertThat(devB.next()).isEqualTo(ping);
        assertThat(udpA.sent.getFirst()[1]).isEqualTo(new Endpoint(InetAddress.getByName("192.0.2.2"), 4500));
    }
}
