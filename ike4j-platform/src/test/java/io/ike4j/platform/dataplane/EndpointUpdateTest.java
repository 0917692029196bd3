package io.ike4j.platform.dataplane;

import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ep;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ipv4;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MOBIKE (RFC 4555 3.5): installed CHILD_SAs move to new outer endpoints, keeping keys, sequence numbers and counters. */
class EndpointUpdateTest {
    private final UserspaceDataPlaneTest t = new UserspaceDataPlaneTest();

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void userspaceSaMovesAndTrafficContinues() throws Exception {
        t.start();
        t.a.install(spec(true, 1, 0x1000a, 0x1000b, ChildSaSpec.Lifetimes.NONE, false));
        t.b.install(spec(false, 1, 0x1000b, 0x1000a, ChildSaSpec.Lifetimes.NONE, false));
        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 1}, 1, 84);
        t.devA.fromKernel.add(ping);
        assertThat(t.devB.next()).isEqualTo(ping);

        // a moved to 198.51.100.7 behind a NAT: UDP-encapsulated to b's NAT-T port from a's NAT-T socket
        assertThat(t.a.updateEndpoints(1, 1, 0x1000a, 0x1000b, ep("198.51.100.7", 4500), ep("192.0.2.2", 4500), true)).isTrue();
        assertThat(t.b.updateEndpoints(1, 1, 0x1000b, 0x1000a, ep("192.0.2.2", 4500), ep("203.0.113.9", 44500), true)).isTrue();
        t.devA.fromKernel.add(ping);
        assertThat(t.devB.next()).isEqualTo(ping);
        assertThat(t.wireA.sent.getLast()[0]).isEqualTo(ep("198.51.100.7", 4500));
        assertThat(t.wireA.sent.getLast()[1]).isEqualTo(ep("192.0.2.2", 4500));
        byte[] pong = ipv4(new byte[] {10, 2, 0, 1}, new byte[] {10, 1, 0, 1}, 1, 84);
        t.devB.fromKernel.add(pong);
        assertThat(t.devA.next()).isEqualTo(pong);
        assertThat(t.wireB.sent.getLast()[1]).isEqualTo(ep("203.0.113.9", 44500));
        assertThat(t.a.counters(1, 1)).contains(new SaCounters(84, 1, 168, 2)); // counters survive the move
        // wrong SPIs or unknown SAs are refused
        assertThat(t.a.updateEndpoints(1, 1, 0x1000b, 0x1000a, ep("198.51.100.7", 4500), ep("192.0.2.2", 4500), true)).isFalse();
        assertThat(t.a.updateEndpoints(1, 9, 0x1000a, 0x1000b, ep("198.51.100.7", 4500), ep("192.0.2.2", 4500), true)).isFalse();
    }

    @Test
    void inMemorySaRemembersItsNewEndpoints() throws Exception {
        InMemoryDataPlane p = new InMemoryDataPlane();
        p.install(spec(true, 1, 0x1000a, 0x1000b, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(p.updateEndpoints(1, 1, 0x1000a, 0x1000b, ep("198.51.100.7", 4500), ep("192.0.2.2", 4500), true)).isTrue();
        InstalledChildSa sa = p.find(1, 1).orElseThrow();
        assertThat(sa.local()).isEqualTo(ep("198.51.100.7", 4500));
        assertThat(sa.remote()).isEqualTo(ep("192.0.2.2", 4500));
        assertThat(sa.udpEncapsulation()).isTrue();
        assertThat(p.updateEndpoints(1, 2, 0x1000a, 0x1000b, ep("198.51.100.7", 4500), ep("192.0.2.2", 4500), true)).isFalse();
        p.close();
    }
}
