package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.pool.PoolAttributes;
import io.ike4j.core.pool.PoolDefinition;
import io.ike4j.core.pool.PoolStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7296 3.15: virtual IPs requested in IKE_AUTH (client a) and leased from pools (gateway b), both families. */
class ConfigPayloadTest {
    private static final String A = "192.0.2.1", B = "192.0.2.2";

    private static EngineConfig client(String... vips) {
        List<InetAddress> v = java.util.Arrays.stream(vips).map(ConfigPayloadTest::ip).toList();
        return EngineConfig.builder().secret(SharedSecret.of("psk"))
                .connection(ConnectionConfig.builder("gw").localAddrs(A).remoteAddrs(B).vips(v)
                        .local(AuthConfig.psk("carol@example.org")).remote(AuthConfig.psk("moon.example.org"))
                        .child(ChildConfig.builder("net").localTs("dynamic").remoteTs("10.1.0.0/16", "fd01::/64").build())
                        .build()).build();
    }

    private static EngineConfig gateway(String addrs4, String addrs6) {
        return gateway(addrs4, addrs6, ConnectionConfig.Unique.NEVER);
    }

    private static EngineConfig gateway(String addrs4, String addrs6, ConnectionConfig.Unique unique) {
        EngineConfig.Builder b = EngineConfig.builder().secret(SharedSecret.of("psk"))
                .connection(ConnectionConfig.builder("rw").localAddrs(B).pools("p4", "p6").unique(unique)
                        .local(AuthConfig.psk("moon.example.org")).remote(AuthConfig.psk("carol@example.org"))
                        .child(ChildConfig.builder("net").localTs("10.1.0.0/16", "fd01::/64").remoteTs("dynamic").build())
                        .build());
        b.pool(PoolDefinition.of("p4", addrs4, PoolAttributes.build(List.of("10.1.0.53"), List.of("10.1.0.54"),
                List.of(), List.of("255.255.255.0"), List.of("10.1.0.0/16"), Map.of())));
        if (addrs6 != null) b.pool(PoolDefinition.of("p6", addrs6, PoolAttributes.build(List.of("fd01::53"), List.of(),
                List.of(), List.of(), List.of(), Map.of())));
        return b.build();
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static TwoPeers peers(EngineConfig a, EngineConfig b) {
        return new TwoPeers(a, ip(A), b, ip(B));
    }

    private static PoolStatus pool(TwoPeers.Peer p, String name) {
        return p.engine.pools().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ipv4AddressIsAssignedNarrowedAndInstalledBeforeTheChildSa() {
        TwoPeers t = peers(client("0.0.0.0"), gateway("10.3.0.0/24", null));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));

        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).containsExactly(
                new EngineOutput.VirtualIp(t.a.engine.listSas().getFirst().ikeSaId(), ip("10.3.0.1"), true, ip(B)));
        int vipAt = t.a.all.indexOf(t.a.outputs(EngineOutput.VirtualIp.class).getFirst());
        int installAt = t.a.all.indexOf(t.a.outputs(EngineOutput.InstallChildSa.class).getFirst());
        assertThat(vipAt).isLessThan(installAt);
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().localSelectors()).containsExactly("10.3.0.1/32");
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().remoteSelectors()).containsExactly("10.3.0.1/32");
        // list-sas (VICI local-vips / remote-vips); listeners learn the initiator's with an update after the CFG_REPLY
        assertThat(t.a.engine.listSas().getFirst().localVips()).containsExactly(ip("10.3.0.1"));
        assertThat(t.a.events(SaEvent.IkeSaUpdated.class)).singleElement()
                .satisfies(u -> assertThat(u.info().localVips()).containsExactly(ip("10.3.0.1")));
        assertThat(t.b.events(SaEvent.IkeSaUpdated.class)).last()
                .satisfies(u -> assertThat(u.info().remoteVips()).containsExactly(ip("10.3.0.1")));
        assertThat(t.b.engine.listSas().getFirst().remoteVips()).containsExactly(ip("10.3.0.1"));
        assertThat(t.a.log).anyMatch(l -> l.contains("installing new virtual IP 10.3.0.1"));
        assertThat(t.b.log).anyMatch(l -> l.contains("assigning virtual IP 10.3.0.1 to peer 'carol@example.org'"));
        PoolStatus p4 = pool(t.b, "p4");
        assertThat(p4.base()).contains(ip("10.3.0.0"));
        assertThat(p4.size()).isEqualTo(254);
        assertThat(p4.online()).isEqualTo(1);
        assertThat(p4.leases()).singleElement().satisfies(l -> {
            assertThat(l.identity()).isEqualTo("carol@example.org");
            assertThat(l.online()).isTrue();
        });
    }

    @Test
    void replyCarriesThePoolAttributes() {
        TwoPeers t = peers(client("0.0.0.0"), gateway("10.3.0.0/24", null));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        // the client keeps what it does not install itself: DNS, NBNS, netmask, subnet
        assertThat(t.a.log).anyMatch(l -> l.endsWith("received INTERNAL_IP4_DNS 10.1.0.53"))
                .anyMatch(l -> l.endsWith("received INTERNAL_IP4_NBNS 10.1.0.54"))
                .anyMatch(l -> l.endsWith("received INTERNAL_IP4_NETMASK 255.255.255.0"))
                .anyMatch(l -> l.endsWith("received INTERNAL_IP4_SUBNET 10.1.0.0/255.255.0.0"));
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
    }

    @Test
    void leaseGoesOfflineWithItsIkeSaAndTheSameIdentityGetsItBack() {
        TwoPeers t = peers(client("0.0.0.0"), gateway("10.3.0.0/24", null));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        long id = t.a.engine.listSas().getFirst().ikeSaId();
        t.input(t.a, new EngineInput.TerminateIke(id));
        t.run(Duration.ofSeconds(2));
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(pool(t.b, "p4").online()).isZero();
        assertThat(pool(t.b, "p4").offline()).isEqualTo(1);
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).extracting(EngineOutput.VirtualIp::add).containsExactly(true, false);

        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class).getLast().address()).isEqualTo(ip("10.3.0.1"));
        assertThat(pool(t.b, "p4").online()).isEqualTo(1);
        assertThat(pool(t.b, "p4").offline()).isZero();
    }

    @Test
    void ipv6AndDualStack() {
        TwoPeers t = peers(client("0.0.0.0", "::"), gateway("10.3.0.10-10.3.0.20", "fd00::/120"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).extracting(EngineOutput.VirtualIp::address)
                .containsExactly(ip("10.3.0.10"), ip("fd00::1"));
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().localSelectors())
                .containsExactlyInAnyOrder("10.3.0.10/32", "fd00::1/128");
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().remoteSelectors())
                .containsExactlyInAnyOrder("10.3.0.10/32", "fd00::1/128");
        assertThat(pool(t.b, "p6").online()).isEqualTo(1);
        assertThat(pool(t.b, "p6").size()).isEqualTo(254);
    }

    @Test
    void ipv6Only() {
        TwoPeers t = peers(client("::"), gateway("10.3.0.0/24", "fd00::10-fd00::1f"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).extracting(EngineOutput.VirtualIp::address)
                .containsExactly(ip("fd00::10"));
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().localSelectors()).containsExactly("fd00::10/128");
        assertThat(pool(t.b, "p4").online()).isZero();
    }

    @Test
    void exhaustedPoolAnswersInternalAddressFailureAndTheClientGivesUp() {
        TwoPeers t = peers(client("0.0.0.0"), gateway("10.3.0.7-10.3.0.7", null));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        long first = t.a.engine.listSas().getFirst().ikeSaId();
        // the same identity again while its lease is online: it needs a second address, and there is none
        t.input(t.a, new EngineInput.Initiate("gw", "net", true));
        t.run(Duration.ofSeconds(5));
        assertThat(t.b.log).anyMatch(l -> l.contains("sending INTERNAL_ADDRESS_FAILURE"));
        assertThat(t.a.log).anyMatch(l -> l.contains("INTERNAL_ADDRESS_FAILURE"));
        assertThat(t.a.engine.listSas()).extracting(IkeSaInfo::ikeSaId).containsExactly(first);
        assertThat(t.b.engine.listSas()).hasSize(1);
        assertThat(pool(t.b, "p4").online()).isEqualTo(1);
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).hasSize(1);
        // RFC 7296 3.15.4: the IKE SA came up, its CHILD_SA was refused on both sides
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.INTERNAL_ADDRESS_FAILURE.value()));
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.INTERNAL_ADDRESS_FAILURE.value()));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(2);
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
    }

    @Test
    void aReplacingSaKeepsTheIdentitysOnlineAddress() {
        // one address only: without taking over the online lease the second SA would get INTERNAL_ADDRESS_FAILURE;
        // unique = replace here, INITIAL_CONTACT (a client that lost its state) takes the same path
        TwoPeers t = peers(client("0.0.0.0"), gateway("10.3.0.7-10.3.0.7", null, ConnectionConfig.Unique.REPLACE));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        t.input(t.a, new EngineInput.Initiate("gw", "net", true)); // a second IKE SA of the same identity
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).filteredOn(EngineOutput.VirtualIp::add)
                .extracting(EngineOutput.VirtualIp::address).containsExactly(ip("10.3.0.7"), ip("10.3.0.7"));
        assertThat(t.b.engine.listSas()).hasSize(1); // the old one was replaced
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(2);
        PoolStatus p4 = pool(t.b, "p4");
        assertThat(p4.online()).isEqualTo(1);
        assertThat(p4.offline()).isZero();
    }
}
