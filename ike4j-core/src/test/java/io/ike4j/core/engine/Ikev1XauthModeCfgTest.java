package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.CfgType;
import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.ModeCfgAttributeType;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.pool.PoolAttributes;
import io.ike4j.core.pool.PoolDefinition;
import io.ike4j.core.pool.PoolStatus;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IKEv1 XAuth (draft-beaulieu-ike-xauth) and Mode Config (draft-dukes-ike-mode-cfg) between two in-process engines:
 * client a (PSK + XAuth round, vips = 0.0.0.0) and gateway b (PSK + remote XAuth round, pool 10.3.0.0/24).
 */
class Ikev1XauthModeCfgTest {
    private static final String A = "192.0.2.1", B = "192.0.2.2";

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EngineConfig client(String password, boolean xauth, boolean push) {
        return client(password, xauth, push, false);
    }

    private static EngineConfig client(String password, boolean xauth, boolean push, boolean aggressive) {
        ConnectionConfig.Builder c = ConnectionConfig.builder("gw").version(1).localAddrs(A).remoteAddrs(B).aggressive(aggressive)
                .vips(List.of(ip("0.0.0.0"))).modeConfigPush(push)
                .local(AuthConfig.psk("carol.example.org")).remote(AuthConfig.psk("moon.example.org"))
                .child(ChildConfig.builder("net").localTs("dynamic").remoteTs("10.1.0.0/16").build());
        if (xauth) c.addLocalRound(AuthConfig.builder(AuthClass.XAUTH).eapId("carol").build());
        return EngineConfig.builder().secret(SharedSecret.of("psk", "carol.example.org", "moon.example.org"))
                .credentials(Credentials.builder().eapSecret(SharedSecret.of(password, "carol")).build())
                .connection(c.build()).build();
    }

    private static EngineConfig gateway(boolean xauth, boolean push) {
        return gateway(xauth, push, false);
    }

    private static EngineConfig gateway(boolean xauth, boolean push, boolean aggressive) {
        ConnectionConfig.Builder c = ConnectionConfig.builder("rw").version(1).localAddrs(B).pools("p4").modeConfigPush(push)
                .aggressive(aggressive)
                .local(AuthConfig.psk("moon.example.org")).remote(AuthConfig.psk("carol.example.org"))
                .child(ChildConfig.builder("net").localTs("10.1.0.0/16").remoteTs("dynamic").build());
        if (xauth) c.addRemoteRound(AuthConfig.builder(AuthClass.XAUTH).build());
        return EngineConfig.builder().secret(SharedSecret.of("psk", "carol.example.org", "moon.example.org"))
                .credentials(Credentials.builder().eapSecret(SharedSecret.of("carols secret", "carol"))
                        .eapSecret(SharedSecret.of("daves secret", "dave")).build())
                .pool(PoolDefinition.of("p4", "10.3.0.0/24", PoolAttributes.build(List.of("10.1.0.53"), List.of(),
                        List.of(), List.of(), List.of(), Map.of())))
                .connection(c.build()).build();
    }

    private static TwoPeers run(EngineConfig a, EngineConfig b) {
        TwoPeers t = new TwoPeers(a, ip(A), b, ip(B));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        return t;
    }

    private static PoolStatus pool(TwoPeers.Peer p) {
        return p.engine.pools().stream().filter(s -> s.name().equals("p4")).findFirst().orElseThrow();
    }

    private static void assertVirtualIpTunnel(TwoPeers t) {
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.ChildSaEstablished.class)).as(p.name + " CHILD SA").hasSize(1);
            assertThat(p.events(SaEvent.IkeSaFailed.class)).as(p.name).isEmpty();
        }
        long id = t.a.engine.listSas().getFirst().ikeSaId();
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).containsExactly(new EngineOutput.VirtualIp(id, ip("10.3.0.1"), true, ip(B)));
        int vipAt = t.a.all.indexOf(t.a.outputs(EngineOutput.VirtualIp.class).getFirst());
        assertThat(vipAt).isLessThan(t.a.all.indexOf(t.a.outputs(EngineOutput.InstallChildSa.class).getFirst()));
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().localSelectors()).containsExactly("10.3.0.1/32");
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().remoteSelectors()).containsExactly("10.3.0.1/32");
        assertThat(t.a.log).anyMatch(l -> l.contains("received INTERNAL_IP4_DNS 10.1.0.53"));
        // list-sas shows the virtual IP on the IKE SA (VICI local-vips / remote-vips), and listeners that keep the
        // snapshot reported at the end of Phase 1 get an update once Mode Config is done
        assertThat(t.a.engine.listSas().getFirst().localVips()).containsExactly(ip("10.3.0.1"));
        assertThat(t.a.engine.listSas().getFirst().remoteVips()).isEmpty();
        assertThat(t.b.engine.listSas().getFirst().remoteVips()).containsExactly(ip("10.3.0.1"));
        assertThat(t.b.engine.listSas().getFirst().localVips()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaUpdated.class)).last().satisfies(u -> assertThat(u.info().localVips()).containsExactly(ip("10.3.0.1")));
        assertThat(t.b.events(SaEvent.IkeSaUpdated.class)).last().satisfies(u -> assertThat(u.info().remoteVips()).containsExactly(ip("10.3.0.1")));
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void xauthThenModeConfigPullThenQuickModeWithTheVirtualIp() {
        TwoPeers t = run(client("carols secret", true, false), gateway(true, false));
        assertVirtualIpTunnel(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' successful"));
        assertThat(t.a.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' (myself) successful"));
        assertThat(t.b.log).anyMatch(l -> l.contains("assigning virtual IP 10.3.0.1 to peer 'carol'"));
        assertThat(pool(t.b).online()).isEqualTo(1);

        t.input(t.a, new EngineInput.TerminateIke(t.a.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(2));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).last().extracting(EngineOutput.VirtualIp::add).isEqualTo(false);
        assertThat(pool(t.b).online()).isZero();
        assertThat(t.b.log).anyMatch(l -> l.contains("lease 10.3.0.1 by 'carol' went offline"));
    }

    /**
     * The gateway sends its XAuth request right behind Main Mode message 6; here it overtakes it (as reordering or
     * thread scheduling may make it). The client keeps it until Phase 1 is complete and then answers it: XAuth goes on
     * without waiting for the gateway to retransmit (no timer fires here). {@code corrupt}: a queued request whose HASH
     * does not verify is dropped then, and only the retransmit gets through.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void xauthRequestOvertakingMainModeMessage6IsProcessedOncePhase1IsComplete(boolean corrupt) {
        TwoPeers t = new TwoPeers(client("carols secret", true, false), ip(A), gateway(true, false), ip(B));
        TwoPeers.Packet[] mm6 = {null};
        boolean[] overtaken = {false};
        t.network = pk -> {
            int exchange = pk.data()[18] & 0xff;
            boolean encrypted = (pk.data()[19] & 0x01) != 0;
            if (pk.from() != t.b || overtaken[0]) return List.of(pk);
            if (exchange == V1ExchangeType.IDENTITY_PROTECTION.value() && encrypted) {
                mm6[0] = pk; // held back
                return List.of();
            }
            if (exchange == V1ExchangeType.TRANSACTION.value() && mm6[0] != null) {
                overtaken[0] = true;
                byte[] d = pk.data();
                if (corrupt) d[d.length - 20] ^= 0x5a; // inside the encrypted HASH/Attribute payloads
                return List.of(new TwoPeers.Packet(pk.from(), pk.to(), pk.src(), pk.dst(), d), mm6[0]);
            }
            return List.of(pk);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.flush(); // datagrams only: nothing is retransmitted
        assertThat(overtaken[0]).isTrue();
        assertThat(t.a.log).anyMatch(l -> l.contains("Transaction message before Phase 1 completed, queued until it does"))
                .anyMatch(l -> l.contains("processing the Transaction message queued before Phase 1 completed"));
        if (!corrupt) {
            assertVirtualIpTunnel(t);
            return;
        }
        assertThat(t.a.log).anyMatch(l -> l.contains("Transaction message with invalid HASH dropped"));
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).isEmpty();
        t.run(Duration.ofSeconds(5)); // the gateway retransmits its XAuth request
        assertVirtualIpTunnel(t);
    }

    @Test
    void aggressiveModeWithXauth() {
        TwoPeers t = run(client("carols secret", true, false, true), gateway(true, false, true));
        assertVirtualIpTunnel(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' successful"));
    }

    @Test
    void xauthIsNegotiatedAsXauthInitPskInPhase1() {
        ConnectionConfig gw = gateway(true, false).connections().getFirst();
        assertThat(io.ike4j.core.exchange.v1.V1Wire.pskMethod(gw)).isEqualTo(io.ike4j.core.codec.v1.V1AuthMethod.XAUTH_INIT_PSK);
        assertThat(io.ike4j.core.exchange.v1.V1Wire.pskMethod(client("x", true, false).connections().getFirst()))
                .isEqualTo(io.ike4j.core.codec.v1.V1AuthMethod.XAUTH_INIT_PSK);
        assertThat(io.ike4j.core.exchange.v1.V1Wire.pskMethod(gateway(false, false).connections().getFirst()))
                .isEqualTo(io.ike4j.core.codec.v1.V1AuthMethod.PRE_SHARED_KEY);
    }

    /** Reauthentication runs XAuth and Mode Config again and keeps the virtual IP (the gateway shares the lease). */
    @Test
    void reauthenticationKeepsTheVirtualIp() {
        EngineConfig a = client("carols secret", true, false);
        ConnectionConfig c = a.connections().getFirst();
        ConnectionConfig.Builder reauth = ConnectionConfig.builder("gw").version(1).localAddrs(A).remoteAddrs(B)
                .vips(List.of(ip("0.0.0.0"))).reauthTime(Duration.ofMinutes(10)).local(c.local()).remote(c.remote())
                .addLocalRound(c.moreLocal().getFirst()).child(c.children().getFirst());
        TwoPeers t = run(EngineConfig.builder().credentials(a.credentials()).connection(reauth.build()).build(), gateway(true, false));
        long first = t.a.engine.listSas().getFirst().ikeSaId();
        t.run(Duration.ofMinutes(12));
        assertThat(t.a.engine.listSas()).singleElement().satisfies(sa -> {
            assertThat(sa.ikeSaId()).isNotEqualTo(first);
            assertThat(sa.children().getFirst().localSelectors()).containsExactly("10.3.0.1/32");
        });
        assertThat(t.b.log.stream().filter(l -> l.contains("XAuth authentication of 'carol' successful"))).hasSize(2);
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).extracting(EngineOutput.VirtualIp::address).containsOnly(ip("10.3.0.1"));
        assertThat(pool(t.b).online()).isEqualTo(1);
    }

    @Test
    void wrongXauthPasswordFailsOnBothSidesAndLeavesNoSa() {
        TwoPeers t = run(client("daves secret", true, false), gateway(true, false));
        assertThat(t.b.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' failed"));
        assertThat(t.a.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' (myself) failed"));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).as(p.name).isEmpty();
            assertThat(p.events(SaEvent.ChildSaEstablished.class)).as(p.name).isEmpty();
            assertThat(p.events(SaEvent.IkeSaFailed.class)).as(p.name).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("XAuth"));
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        }
        assertThat(t.a.outputs(EngineOutput.VirtualIp.class)).isEmpty();
        assertThat(pool(t.b).online()).isZero();
    }

    /** {@code auth = xauth-eap}: the gateway checks the password with an EAP-MD5 conversation against its AAA backend. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void xauthCheckedByTheAaaBackend(boolean rightPassword) {
        java.util.List<String> opened = new java.util.ArrayList<>();
        io.ike4j.core.config.EapBackend aaa = (conn, local, remote) -> {
            opened.add(conn + " " + remote.getHostAddress());
            return new io.ike4j.core.auth.eap.EapMd5Server(out -> java.util.Arrays.fill(out, (byte) 7),
                    id -> id.equals("carol") ? java.util.Optional.of("radius pw") : java.util.Optional.empty(), "aaa");
        };
        EngineConfig gw = EngineConfig.builder().secret(SharedSecret.of("psk", "carol.example.org", "moon.example.org"))
                .credentials(Credentials.builder().eapBackend(aaa).build())
                .pool(PoolDefinition.of("p4", "10.3.0.0/24", PoolAttributes.build(List.of("10.1.0.53"), List.of(),
                        List.of(), List.of(), List.of(), Map.of())))
                .connection(ConnectionConfig.builder("rw").version(1).localAddrs(B).pools("p4")
                        .local(AuthConfig.psk("moon.example.org")).remote(AuthConfig.psk("carol.example.org"))
                        .addRemoteRound(AuthConfig.builder(AuthClass.XAUTH).eap(io.ike4j.core.config.EapMethod.MD5).build())
                        .child(ChildConfig.builder("net").localTs("10.1.0.0/16").remoteTs("dynamic").build()).build()).build();
        TwoPeers t = run(client(rightPassword ? "radius pw" : "carols secret", true, false), gw);
        assertThat(opened).containsExactly("rw " + A);
        if (rightPassword) {
            assertVirtualIpTunnel(t);
            assertThat(t.b.log).anyMatch(l -> l.contains("XAuth authentication of 'carol' successful"));
        } else {
            assertThat(t.b.log).anyMatch(l -> l.contains("AAA backend refused XAuth user 'carol'"))
                    .anyMatch(l -> l.contains("XAuth authentication of 'carol' failed"));
            assertThat(t.a.engine.listSas()).isEmpty();
            assertThat(t.b.engine.listSas()).isEmpty();
        }
    }

    /** A AAA backend that is also a PAP checker ({@code auth = xauth-radius}) gets the password to check. */
    interface PapBackend extends io.ike4j.core.config.EapBackend, io.ike4j.core.config.PasswordBackend {}

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void xauthCheckedWithPapByTheRadiusBackend(boolean rightPassword) {
        java.util.List<String> asked = new java.util.ArrayList<>();
        PapBackend aaa = new PapBackend() {
            public io.ike4j.core.auth.eap.EapServerMethod open(String c, InetAddress l, InetAddress r) {
                throw new AssertionError("PAP, not EAP");
            }

            public java.util.Optional<String> check(String c, InetAddress l, InetAddress r, String user, byte[] pw) {
                asked.add(c + " " + user);
                return user.equals("carol") && new String(pw).equals("radius pw") ? java.util.Optional.empty()
                        : java.util.Optional.of("Access-Reject");
            }
        };
        EngineConfig gw = EngineConfig.builder().secret(SharedSecret.of("psk", "carol.example.org", "moon.example.org"))
                .credentials(Credentials.builder().eapBackend(aaa).build())
                .pool(PoolDefinition.of("p4", "10.3.0.0/24", PoolAttributes.build(List.of("10.1.0.53"), List.of(),
                        List.of(), List.of(), List.of(), Map.of())))
                .connection(ConnectionConfig.builder("rw").version(1).localAddrs(B).pools("p4")
                        .local(AuthConfig.psk("moon.example.org")).remote(AuthConfig.psk("carol.example.org"))
                        .addRemoteRound(AuthConfig.builder(AuthClass.XAUTH).eap(io.ike4j.core.config.EapMethod.RADIUS).build())
                        .child(ChildConfig.builder("net").localTs("10.1.0.0/16").remoteTs("dynamic").build()).build()).build();
        TwoPeers t = run(client(rightPassword ? "radius pw" : "wrong", true, false), gw);
        assertThat(asked).containsExactly("rw carol");
        if (rightPassword) {
            assertVirtualIpTunnel(t);
        } else {
            assertThat(t.b.log).anyMatch(l -> l.contains("AAA backend refused XAuth user 'carol': Access-Reject"));
            assertThat(t.b.engine.listSas()).isEmpty();
        }
    }

    @Test
    void clientWithoutXauthRoundIsRefusedByAnXauthGateway() {
        // the gateway only accepts XAUTH_INIT_PSK in Phase 1; a plain PSK client gets NO_PROPOSAL_CHOSEN
        TwoPeers t = run(client("carols secret", false, false), gateway(true, false));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(io.ike4j.core.codec.v1.V1NotifyType.NO_PROPOSAL_CHOSEN.value()));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
    }

    @Test
    void modeConfigPushWithoutXauth() {
        TwoPeers t = run(client("", false, true), gateway(false, true));
        assertVirtualIpTunnel(t);
        assertThat(t.a.log).anyMatch(l -> l.contains("Mode Config push"));
    }

    @Test
    void modeConfigPullWithoutXauth() {
        TwoPeers t = run(client("", false, false), gateway(false, false));
        assertVirtualIpTunnel(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("to peer 'carol.example.org'"));
    }

    @Test
    void transactionWithAWrongHashIsDroppedBeforeAnythingIsLeased() {
        EngineConfig quiet = EngineConfig.builder().secret(SharedSecret.of("psk", "carol.example.org", "moon.example.org"))
                .connection(ConnectionConfig.builder("gw").version(1).localAddrs(A).remoteAddrs(B)
                        .local(AuthConfig.psk("carol.example.org")).remote(AuthConfig.psk("moon.example.org")).build()).build();
        TwoPeers t = new TwoPeers(quiet, ip(A), gateway(false, false), ip(B));
        t.input(t.a, new EngineInput.Initiate("gw", null));
        t.run(Duration.ofSeconds(2));
        IsakmpSa sa = V1Wire.sas(t.a.engine).getFirst();
        assertThat(sa.established()).isTrue();
        List<V1Payload> request = List.of(new V1Payload.Attribute(CfgType.CFG_REQUEST.value(), 7,
                List.of(DataAttribute.variable(ModeCfgAttributeType.INTERNAL_IP4_ADDRESS.value(), new byte[0]))));
        for (boolean corrupt : List.of(true, false)) {
            long mid = corrupt ? 0x1234 : 0x5678;
            sa.lock().lock();
            byte[] d;
            try {
                d = V1Wire.encrypted(sa, V1ExchangeType.TRANSACTION, mid, V1Wire.withHash(sa, mid, request, corrupt));
            } finally {
                sa.lock().unlock();
            }
            t.input(t.b, new EngineInput.DatagramReceived(new Endpoint(ip(B), 500), new Endpoint(ip(A), 500), d));
            t.run(Duration.ofSeconds(1));
            assertThat(pool(t.b).online()).as("corrupt " + corrupt).isEqualTo(corrupt ? 0 : 1);
        }
        assertThat(t.b.log).anyMatch(l -> l.contains("Transaction message with invalid HASH dropped"));
    }
}
