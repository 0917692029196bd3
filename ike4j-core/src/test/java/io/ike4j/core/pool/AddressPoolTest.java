package io.ike4j.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigAttributeType;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPoolTest {
    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final InetAddress ANY4 = ip("0.0.0.0");

    @Test
    void rangesParseLikeStrongSwan() {
        PoolRange cidr = PoolRange.parse("10.3.0.0/24").orElseThrow();
        assertThat(cidr.base()).isEqualTo(ip("10.3.0.0"));
        assertThat(cidr.first()).isEqualTo(ip("10.3.0.1"));
        assertThat(cidr.size()).isEqualTo(254);
        assertThat(cidr.address(253)).isEqualTo(ip("10.3.0.254"));
        assertThat(PoolRange.parse("10.3.0.77/24").orElseThrow().base()).isEqualTo(ip("10.3.0.0"));
        PoolRange range = PoolRange.parse("10.3.0.10 - 10.3.0.20").orElseThrow();
        assertThat(range.first()).isEqualTo(ip("10.3.0.10"));
        assertThat(range.size()).isEqualTo(11);
        assertThat(range.indexOf(ip("10.3.0.20"))).isEqualTo(10);
        assertThat(range.indexOf(ip("10.3.0.21"))).isEqualTo(-1);
        assertThat(PoolRange.parse("10.3.0.9/32").orElseThrow().size()).isEqualTo(1);
        PoolRange v6 = PoolRange.parse("fd00::/64").orElseThrow();
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.size()).isEqualTo(PoolRange.MAX_SIZE);
        assertThat(v6.first()).isEqualTo(ip("fd00::1"));
        assertThat(PoolRange.parse("fd00::ff-fd00::100").orElseThrow().size()).isEqualTo(2);
        assertThat(PoolRange.parse("10.3.0.20-10.3.0.10")).isEmpty();
        assertThat(PoolRange.parse("10.3.0.0/33")).isEmpty();
        assertThat(PoolRange.parse("10.3.0.1-fd00::1")).isEmpty();
        assertThat(PoolRange.parse("example.org")).isEmpty();
    }

    @Test
    void sameIdentityGetsItsAddressBackAndOthersGetNewOnes() {
        AddressPool p = new AddressPool("p", PoolRange.parse("10.3.0.1-10.3.0.3").orElseThrow());
        assertThat(p.acquire("carol", ANY4)).contains(ip("10.3.0.1"));
        assertThat(p.acquire("dave", ANY4)).contains(ip("10.3.0.2"));
        assertThat(p.release("carol", ip("10.3.0.1"))).isTrue();
        assertThat(p.release("carol", ip("10.3.0.1"))).isFalse(); // already offline
        assertThat(p.release("dave", ip("10.3.0.1"))).isFalse(); // not dave's
        assertThat(p.status().offline()).isEqualTo(1);
        assertThat(p.acquire("eve", ANY4)).contains(ip("10.3.0.3")); // unused before taking carol's offline lease
        assertThat(p.acquire("carol", ANY4)).contains(ip("10.3.0.1"));
        assertThat(p.status().online()).isEqualTo(3);
        assertThat(p.acquire("frank", ANY4)).isEmpty(); // exhausted: every address online
        assertThat(p.acquire("carol", ip("fd00::1"))).isEmpty(); // other family
    }

    @Test
    void offlineLeasesAreTakenOverOldestFirstWhenThePoolIsFull() {
        AddressPool p = new AddressPool("p", PoolRange.parse("10.3.0.1-10.3.0.2").orElseThrow());
        p.acquire("carol", ANY4);
        p.acquire("dave", ANY4);
        p.release("dave", ip("10.3.0.2"));
        p.release("carol", ip("10.3.0.1"));
        assertThat(p.acquire("eve", ANY4)).contains(ip("10.3.0.2"));
        assertThat(p.status().leases()).extracting(Lease::identity).containsExactly("carol", "eve");
        assertThat(p.acquire("dave", ANY4)).contains(ip("10.3.0.1"));
    }

    @Test
    void reauthenticationSharesTheOnlineLeaseItAsksFor() {
        AddressPool p = new AddressPool("p", PoolRange.parse("10.3.0.0/30").orElseThrow());
        assertThat(p.acquire("carol", ANY4)).contains(ip("10.3.0.1"));
        assertThat(p.acquire("carol", ip("10.3.0.1"))).contains(ip("10.3.0.1")); // make-before-break
        assertThat(p.acquire("carol", ANY4)).contains(ip("10.3.0.2")); // a second device: a second address
        p.release("carol", ip("10.3.0.1"));
        assertThat(p.status().online()).isEqualTo(2); // still used by the other SA
        p.release("carol", ip("10.3.0.1"));
        assertThat(p.status().online()).isEqualTo(1);
        assertThat(p.status().offline()).isEqualTo(1);
        // the pool has no unused address left: dave takes over carol's offline lease
        assertThat(p.acquire("dave", ip("10.3.0.1"))).contains(ip("10.3.0.1"));
        assertThat(p.acquire("carol", ANY4)).isEmpty();
    }

    @Test
    void poolsPickByFamilyAndKeepLeasesAcrossReload() {
        List<ConfigAttribute> attrs = PoolAttributes.build(List.of("10.1.0.53", "fd01::53"), List.of(), List.of(),
                List.of(), List.of("10.1.0.0/16", "fd01::/64"), Map.of("25", List.of("example.org")));
        AddressPools pools = new AddressPools(List.of(PoolDefinition.of("p4", "10.3.0.0/24", attrs),
                PoolDefinition.of("p6", "fd00::/120", List.of()), PoolDefinition.of("attrs", "", List.of())));
        PoolAssignment a = pools.acquire(List.of("p4", "p6"), "carol", ip("::")).orElseThrow();
        assertThat(a.pool()).isEqualTo("p6");
        assertThat(a.address()).isEqualTo(ip("fd00::1"));
        PoolAssignment b = pools.acquire(List.of("p4", "p6"), "carol", ANY4).orElseThrow();
        assertThat(b.pool()).isEqualTo("p4");
        pools.configure(List.of(PoolDefinition.of("p4", "10.3.0.0/24", attrs), PoolDefinition.of("p6", "fd00::/112", List.of())));
        assertThat(pools.status()).extracting(PoolStatus::name, PoolStatus::online).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p4", 1), org.assertj.core.groups.Tuple.tuple("p6", 0));
        assertThat(pools.release(b)).isTrue();
        assertThat(pools.release(a)).isFalse(); // p6 changed its range: its leases are gone
        assertThat(pools.attributes(List.of("p4"))).extracting(ConfigAttribute::type).containsExactly(
                ConfigAttributeType.INTERNAL_IP4_DNS.value(), ConfigAttributeType.INTERNAL_IP6_DNS.value(),
                ConfigAttributeType.INTERNAL_IP4_SUBNET.value(), ConfigAttributeType.INTERNAL_IP6_SUBNET.value(), 25);
        assertThat(HexFormat.of().formatHex(attrs.get(2).value())).isEqualTo("0a010000ffff0000");
        assertThat(attrs.get(3).value()[16]).isEqualTo((byte) 64);
    }

    @Test
    void replacingSharesTheIdentitysOnlineLease() {
        AddressPool p = new AddressPool("p", PoolRange.parse("10.3.0.1-10.3.0.2").orElseThrow());
        p.acquire("carol", ANY4);
        assertThat(p.acquire("carol", ANY4, true)).contains(ip("10.3.0.1"));
        assertThat(p.acquire("dave", ANY4, true)).contains(ip("10.3.0.2")); // nothing of dave's to take over
        p.release("carol", ip("10.3.0.1")); // the replaced SA goes
        assertThat(p.status().online()).isEqualTo(2);
    }
}
