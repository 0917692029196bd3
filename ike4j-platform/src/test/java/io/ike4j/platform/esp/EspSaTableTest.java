package io.ike4j.platform.esp;

import static io.ike4j.platform.esp.EspFixtures.ipv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.esp.EspFixtures.Suite;
import java.util.List;
import org.junit.jupiter.api.Test;

class EspSaTableTest {
    private static final Suite GCM = new Suite(EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE);

    private static EspSa sa(int spiIn, int spiOut, TrafficSelectorSubstructure... remote) throws Exception {
        return EspSa.create(EspFixtures.spec(GCM, false, spiIn, spiOut, 1, 2, List.of(EspFixtures.NET_A),
                List.of(remote), ChildSaSpec.Lifetimes.NONE), EspFixtures.seeded(1), EspEventListener.IGNORE);
    }

    private static byte[] to(int a, int b, int c, int d) {
        return ipv4(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, 4, 80);
    }

    @Test
    void inboundLookupBySpiAmongManySas() throws Exception {
        EspSaTable t = new EspSaTable();
        for (int i = 0; i < 300; i++) t.install(sa(0x1000 + i * 0x10000, 0x9000 + i, EspFixtures.NET_B));
        for (int i = 0; i < 300; i++) assertThat(t.inbound(0x1000 + i * 0x10000).outbound().spi()).isEqualTo(0x9000 + i);
        assertThat(t.inbound(0x1001)).isNull();
        assertThat(t.remove(0x1000 + 7 * 0x10000)).isPresent();
        assertThat(t.inbound(0x1000 + 7 * 0x10000)).isNull();
        assertThat(t.inbound(0x1000 + 8 * 0x10000)).isNotNull();
        assertThat(t.remove(0x1000 + 7 * 0x10000)).isEmpty();
        assertThat(t.all()).hasSize(299);
    }

    @Test
    void deferredPairCarriesTrafficOnceActivatedWhileTheOldOneStillReceives() throws Exception {
        EspSaTable t = new EspSaTable();
        EspSa old = sa(1, 101, EspFixtures.NET_B);
        EspSa fresh = sa(2, 102, EspFixtures.NET_B);
        t.install(old);
        t.install(fresh, true);
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).as("deferred behind the old pair").isSameAs(old);
        assertThat(t.activate(2)).isTrue();
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(fresh);
        assertThat(t.inbound(1)).as("the old inbound SA stays until removed").isSameAs(old);
        assertThat(t.activate(3)).isFalse();
        t.remove(1);
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(fresh);
    }

    @Test
    void duplicateInboundSpiIsRefused() throws Exception {
        EspSaTable t = new EspSaTable();
        t.install(sa(5, 6, EspFixtures.NET_B));
        assertThatThrownBy(() -> t.install(sa(5, 7, EspFixtures.NET_B))).isInstanceOf(EspConfigException.class);
    }

    @Test
    void outboundSelectionByDestinationProtocolAndPortNewestFirst() throws Exception {
        EspSaTable t = new EspSaTable();
        EspSa net = sa(1, 101, EspFixtures.NET_B);
        EspSa web = sa(2, 102, new TrafficSelectorSubstructure(7, 17, 80, 80, new byte[] {10, 3, 0, 0},
                new byte[] {10, 3, 0, (byte) 255}));
        t.install(net);
        t.install(web);
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(net);
        assertThat(t.selectOutbound(to(10, 3, 0, 7), 0, 32)).isSameAs(web);
        byte[] otherPort = ipv4(new byte[] {10, 3, 0, 7}, 4, 81);
        assertThat(t.selectOutbound(otherPort, 0, 32)).isNull();
        assertThat(t.selectOutbound(to(10, 4, 0, 1), 0, 32)).isNull();
        assertThat(t.selectOutbound(new byte[10], 0, 10)).isNull();
        // a rekeyed SA for the same selectors takes over
        EspSa rekeyed = sa(3, 103, EspFixtures.NET_B);
        t.install(rekeyed);
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(rekeyed);
        t.remove(3);
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(net);
    }

    @Test
    void rekeyResponderSaCarriesOutboundTrafficOnlyOnceTheOldSaIsRemoved() throws Exception {
        EspSaTable t = new EspSaTable();
        EspSa old = sa(1, 101, EspFixtures.NET_B);
        t.install(old);
        EspSa fresh = sa(2, 102, EspFixtures.NET_B);
        t.install(fresh, true); // RFC 7296 1.3.3: the peer may not have our new outbound SA's inbound half yet
        assertThat(t.inbound(2)).isSameAs(fresh); // but its inbound half works at once
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(old);
        t.remove(1); // the initiator deleted the old CHILD_SA: it has the new one
        assertThat(t.selectOutbound(to(10, 2, 9, 9), 0, 32)).isSameAs(fresh);
    }

    @Test
    void tableCountsDropsWithoutSaAndRoundTripsThroughTables() throws Exception {
        EspSaTable alice = new EspSaTable();
        EspSaTable bob = new EspSaTable();
        EspFixtures.Pair p = EspFixtures.pair(GCM, false, 1);
        alice.install(p.a());
        bob.install(p.b());
        byte[] inner = to(10, 2, 0, 1);
        byte[] esp = new byte[200];
        byte[] out = new byte[200];
        int n = alice.encapsulate(inner, 0, inner.length, esp, 0);
        assertThat(bob.decapsulate(esp, 0, n, out, 0)).isEqualTo(inner.length);
        assertThat(EspDrop.fromCode(alice.encapsulate(to(10, 9, 0, 1), 0, 32, esp, 0))).isEqualTo(EspDrop.NO_SA);
        assertThat(EspDrop.fromCode(alice.decapsulate(esp, 0, n, out, 0))).isEqualTo(EspDrop.UNKNOWN_SPI);
        assertThat(EspDrop.fromCode(alice.decapsulate(esp, 0, 7, out, 0))).isEqualTo(EspDrop.SHORT);
        assertThat(alice.tableCounters().drops(EspDrop.NO_SA)).isEqualTo(1);
        assertThat(alice.tableCounters().drops(EspDrop.UNKNOWN_SPI)).isEqualTo(1);
        assertThat(alice.tableCounters().drops(EspDrop.SHORT)).isEqualTo(1);
        alice.clear();
        assertThat(alice.all()).isEmpty();
        assertThat(EspDrop.fromCode(p.a().outbound().encapsulate(inner, 0, inner.length, esp, 0)))
                .as("cleared SAs are wiped").isEqualTo(EspDrop.LIFETIME_EXPIRED);
    }

    @Test
    void ipv6SelectorsMatchIpv6Destinations() throws Exception {
        byte[] lo = new byte[16];
        byte[] hi = new byte[16];
        lo[0] = (byte) 0xfd;
        hi[0] = (byte) 0xfd;
        for (int i = 1; i < 16; i++) hi[i] = (byte) 0xff;
        EspSaTable t = new EspSaTable();
        EspSa v6 = sa(1, 2, new TrafficSelectorSubstructure(8, 0, 0, 65535, lo, hi));
        t.install(v6);
        byte[] pkt = EspFixtures.ipv6(4);
        assertThat(t.selectOutbound(pkt, 0, pkt.length)).isSameAs(v6);
        pkt[24] = (byte) 0xfe;
        assertThat(t.selectOutbound(pkt, 0, pkt.length)).isNull();
        assertThat(t.selectOutbound(to(10, 2, 0, 1), 0, 32)).isNull();
    }
}
