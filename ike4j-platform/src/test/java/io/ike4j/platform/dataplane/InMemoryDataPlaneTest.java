package io.ike4j.platform.dataplane;

import static io.ike4j.platform.dataplane.ChildSaSpecs.key;
import static io.ike4j.platform.dataplane.ChildSaSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.sa.ChildSaSpec;
import org.junit.jupiter.api.Test;

class InMemoryDataPlaneTest {
    private final InMemoryDataPlane a = new InMemoryDataPlane();
    private final InMemoryDataPlane b = new InMemoryDataPlane();

    @Test
    void recordsWhatWasInstalledAndFindsItBySpi() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(1), key(2), true));
        InstalledChildSa sa = a.find(1, 2).orElseThrow();
        assertThat(sa.inboundSpi()).isEqualTo(0xc1);
        assertThat(sa.outboundSpi()).isEqualTo(0xc2);
        assertThat(sa.mode()).isEqualTo(ChildSaSpec.Mode.TUNNEL);
        assertThat(sa.localSelectors()).containsExactly(ChildSaSpecs.NET_A);
        assertThat(sa.inbound().encryptionKey()).isEqualTo(key(1));
        assertThat(a.findByInboundSpi(0xc1)).containsSame(sa);
        assertThat(a.installed()).containsExactly(sa);
        assertThat(a.installedCount()).isEqualTo(1);
        assertThat(a.counters(1, 2)).contains(SaCounters.ZERO);
    }

    @Test
    void keepsItsOwnCopyOfTheKeys() throws Exception {
        ChildSaSpec s = spec(1, 2, 0xc1, 0xc2, key(1), key(2), true);
        a.install(s);
        s.inbound().wipe();
        assertThat(a.find(1, 2).orElseThrow().inbound().encryptionKey()).isEqualTo(key(1));
    }

    @Test
    void peersWithMatchingKeysMirrorEachOther() throws Exception {
        a.install(spec(1, 1, 0xa1, 0xb1, key(1), key(2), true));
        b.install(spec(7, 3, 0xb1, 0xa1, key(2), key(1), false));
        assertThat(a.installed().getFirst().mirrors(b.installed().getFirst())).isTrue();
        assertThat(b.installed().getFirst().mirrors(a.installed().getFirst())).isTrue();

        InMemoryDataPlane c = new InMemoryDataPlane();
        c.install(spec(7, 3, 0xb1, 0xa1, key(2), key(9), false)); // one key differs
        assertThat(a.installed().getFirst().mirrors(c.installed().getFirst())).isFalse();
    }

    @Test
    void reassignMovesTheSaWithItsCountersToAnotherIkeSa() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(1), key(2), true));
        a.account(1, 2, new SaCounters(10, 1, 20, 2));
        assertThat(a.reassign(1, 5, 2, 0xc2, 0xc1)).as("SPIs must match").isFalse();
        assertThat(a.reassign(1, 5, 2, 0xc1, 0xc2)).isTrue();
        assertThat(a.counters(1, 2)).isEmpty();
        assertThat(a.counters(5, 2)).contains(new SaCounters(10, 1, 20, 2));
        a.account(5, 2, new SaCounters(1, 1, 1, 1));
        assertThat(a.counters(5, 2)).contains(new SaCounters(11, 2, 21, 3));
        assertThat(a.findByInboundSpi(0xc1).orElseThrow().ikeSaId()).isEqualTo(5);
        assertThat(a.remove(1, 2, 0xc1, 0xc2)).isFalse();
        assertThat(a.remove(5, 2, 0xc1, 0xc2)).isTrue();
        assertThat(a.installedCount()).isZero();
    }

    @Test
    void removeWipesTheKeysAndForgetsTheSa() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(1), key(2), true));
        InstalledChildSa sa = a.find(1, 2).orElseThrow();
        assertThat(a.remove(1, 2, 0xc2, 0xc1)).as("SPIs must match").isFalse();
        assertThat(a.remove(1, 2, 0xc1, 0xc2)).isTrue();
        assertThat(a.remove(1, 2, 0xc1, 0xc2)).isFalse();
        assertThat(sa.wiped()).isTrue();
        assertThat(sa.inbound().encryptionKey()).containsOnly(0);
        assertThat(sa.outbound().encryptionKey()).containsOnly(0);
        assertThat(a.installed()).isEmpty();
        assertThat(a.installedCount()).isZero();
        assertThat(a.findByInboundSpi(0xc1)).isEmpty();
        assertThat(a.counters(1, 2)).isEmpty();
        // a wiped SA mirrors nothing, not even a wiped twin
        assertThat(sa.mirrors(sa)).isFalse();
    }

    @Test
    void refusesDuplicatesWithATypedError() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(1), key(2), true));
        assertThatThrownBy(() -> a.install(spec(1, 3, 0xc1, 0xc3, key(1), key(2), true)))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("000000c1");
        assertThatThrownBy(() -> a.install(spec(1, 2, 0xd1, 0xd2, key(1), key(2), true)))
                .isInstanceOf(DataPlaneException.class);
        assertThat(a.installed()).hasSize(1);
        assertThat(a.findByInboundSpi(0xd1)).isEmpty();
    }

    @Test
    void countsTrafficAndClosesByWipingEverything() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(1), key(2), true));
        a.account(1, 2, new SaCounters(100, 1, 50, 2));
        a.account(1, 2, new SaCounters(10, 1, 0, 0));
        assertThat(a.counters(1, 2)).contains(new SaCounters(110, 2, 50, 2));
        InstalledChildSa sa = a.find(1, 2).orElseThrow();
        a.close();
        assertThat(sa.wiped()).isTrue();
        assertThat(a.installed()).isEmpty();
        assertThatThrownBy(() -> a.install(spec(1, 5, 0xe1, 0xe2, key(1), key(2), true))).isInstanceOf(DataPlaneException.class);
    }

    @Test
    void toStringNeverShowsKeys() throws Exception {
        a.install(spec(1, 2, 0xc1, 0xc2, key(0x41), key(0x42), true));
        assertThat(a.find(1, 2).orElseThrow().toString()).contains("000000c1").doesNotContain("4141").doesNotContain("AAAA");
    }
}
