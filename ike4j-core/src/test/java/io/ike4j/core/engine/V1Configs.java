package io.ike4j.core.engine;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import java.net.InetAddress;
import java.time.Duration;

/** Mirrored IKEv1 configurations (version = 1) for two in-process peers; both know each other's address. */
final class V1Configs {
    String ikeA = "aes128-sha256-modp2048";
    String ikeB = "aes256-sha384-ecp256,aes128-sha256-modp2048";
    String espA = "aes128-sha256";
    String espB = "aes256gcm16,aes128-sha256";
    String pskA = "correct horse battery staple";
    String pskB = "correct horse battery staple";
    String addrA = "192.0.2.1";
    String addrB = "192.0.2.2";
    String tsA = "10.1.0.0/16";
    String tsB = "10.2.0.0/16";
    String remoteOfB;
    String remoteTsB;
    int versionB = 1;
    boolean aggressiveA;
    boolean aggressiveB;
    Duration dpdA = Duration.ZERO;
    Duration dpdTimeoutA = Duration.ZERO;
    Duration childLife = Duration.ofHours(1).plusMinutes(6);
    Duration childLifeB;
    ChildConfig.Mode mode = ChildConfig.Mode.TUNNEL;
    ConnectionConfig.Unique uniqueA = ConnectionConfig.Unique.NO;
    /** Further child settings of each side (life_bytes, rekey_bytes, ...). */
    java.util.function.UnaryOperator<ChildConfig.Builder> childA = x -> x;
    java.util.function.UnaryOperator<ChildConfig.Builder> childB = x -> x;

    EngineConfig a() {
        return EngineConfig.builder().secret(SharedSecret.of(pskA, "moon.example.org", "sun.example.org"))
                .connection(ConnectionConfig.builder("gw").version(1).localAddrs(addrA).remoteAddrs(addrB).ikeProposals(ikeA)
                        .local(AuthConfig.psk("moon.example.org")).remote(AuthConfig.psk("sun.example.org"))
                        .aggressive(aggressiveA).dpdDelay(dpdA).dpdTimeout(dpdTimeoutA).unique(uniqueA)
                        .child(childA.apply(ChildConfig.builder("net").localTs(tsA).remoteTs(tsB).espProposals(espA).mode(mode)
                                .lifeTime(childLife)).build())
                        .build()).build();
    }

    EngineConfig b() {
        return EngineConfig.builder().secret(SharedSecret.of(pskB, "moon.example.org", "sun.example.org"))
                .connection(ConnectionConfig.builder("gw").version(versionB).localAddrs(addrB).remoteAddrs(remoteOfB != null ? remoteOfB : addrA)
                        .ikeProposals(ikeB).aggressive(aggressiveB)
                        .local(AuthConfig.psk("sun.example.org")).remote(AuthConfig.psk("moon.example.org"))
                        .child(childB.apply(ChildConfig.builder("net").localTs(tsB).remoteTs(remoteTsB != null ? remoteTsB : tsA).espProposals(espB).mode(mode)
                                .lifeTime(childLifeB != null ? childLifeB : childLife)).build())
                        .build()).build();
    }

    TwoPeers peers() throws Exception {
        return new TwoPeers(a(), InetAddress.getByName(addrA), b(), InetAddress.getByName(addrB));
    }

    /** Peer {@code from} initiates the connection's child; the network runs for a second of virtual time. */
    static TwoPeers establish(V1Configs c, boolean fromA) throws Exception {
        TwoPeers t = c.peers();
        t.input(fromA ? t.a : t.b, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return t;
    }
}
