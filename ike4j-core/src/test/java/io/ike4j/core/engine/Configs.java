package io.ike4j.core.engine;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.config.SharedSecret;

/** Mirrored test configurations for the two-peer tests. */
final class Configs {
    String ike = "aes256gcm16-prfsha256-x25519";
    String esp = "aes128gcm16";
    String espB;
    String ikeB;
    String idA = "moon.example.org";
    String idB = "sun.example.org";
    String addrA = "192.0.2.1";
    String addrB = "192.0.2.2";
    String pskA = "correct horse battery staple";
    String pskB = "correct horse battery staple";
    String tsA = "10.1.0.0/16";
    String tsB = "10.2.0.0/16";
    String tsBLocal;
    String tsBRemote;
    ChildConfig.Mode mode = ChildConfig.Mode.TUNNEL;
    ChildConfig.Mode modeB;
    EngineSettings settingsA = EngineSettings.DEFAULTS;
    EngineSettings settingsB = EngineSettings.DEFAULTS;
    boolean encapA;
    /** swanctl {@code mobike} of peer a (the initiator); on by default as in strongSwan. */
    boolean mobikeA = true;
    boolean defaultIds;
    java.time.Duration childRekey = java.time.Duration.ofHours(1);
    java.time.Duration childLife;
    java.time.Duration ikeRekey = java.time.Duration.ofHours(4);
    java.time.Duration dpdA = java.time.Duration.ZERO;
    /** rand_time of the IKE SA and CHILD_SA (null: swanctl's default). */
    java.time.Duration ikeRand;
    java.time.Duration childRand;
    java.time.Duration reauthA = java.time.Duration.ZERO;
    /** A's local_addrs (default: its address). */
    String localAddrsA;
    /** Connection ports: A's local and remote port, B's local port. */
    int portA = 500;
    int remotePortA = 500;
    int portB = 500;
    /** A's engine's source address selector (default: none). */
    SourceAddressSelector sourceA = SourceAddressSelector.NONE;
    /** RFC 8784: each side's ppk_id, ppk_required and PPK secrets ({id, secret} pairs). */
    String ppkIdA, ppkIdB;
    boolean ppkRequiredA, ppkRequiredB;
    String[][] ppksA = {}, ppksB = {};
    /** RFC 9867 (USE_PPK_INT, the PPK in IKE_INTERMEDIATE) on each side; off: RFC 8784 only. */
    boolean ppkIntA = true, ppkIntB = true;

    private static io.ike4j.core.config.Credentials ppks(String[][] ppks) {
        var b = io.ike4j.core.config.Credentials.builder();
        for (String[] p : ppks) b.ppk(SharedSecret.of(p[1], p[0]));
        return b.build();
    }

    EngineConfig a() {
        return EngineConfig.builder().settings(settingsA).credentials(ppks(ppksA)).secret(SharedSecret.of(pskA, idA, idB))
                .connection(ConnectionConfig.builder("gw").localAddrs(localAddrsA != null ? localAddrsA : addrA).remoteAddrs(addrB)
                        .localPort(portA).remotePort(remotePortA).ikeProposals(ike)
                        .local(defaultIds ? AuthConfig.pskDefault() : AuthConfig.psk(idA))
                        .remote(defaultIds ? AuthConfig.pskDefault() : AuthConfig.psk(idB)).encap(encapA).mobike(mobikeA).dpdDelay(dpdA).rekeyTime(ikeRekey)
                        .ppk(ppkIdA, ppkRequiredA).ppkIntermediate(ppkIntA)
                        .randTime(ikeRand).reauthTime(reauthA)
                        .child(ChildConfig.builder("net").localTs(tsA).remoteTs(tsB).espProposals(esp).mode(mode).rekeyTime(childRekey)
                                .lifeTime(childLife).randTime(childRand).build())
                        .build()).build();
    }

    EngineConfig b() {
        return EngineConfig.builder().settings(settingsB).credentials(ppks(ppksB)).secret(SharedSecret.of(pskB, idA, idB))
                .connection(ConnectionConfig.builder("gw").localAddrs(addrB).remoteAddrs("%any").localPort(portB)
                        .ikeProposals(ikeB != null ? ikeB : ike).rekeyTime(ikeRekey).randTime(ikeRand).ppk(ppkIdB, ppkRequiredB).ppkIntermediate(ppkIntB)
                        .local(defaultIds ? AuthConfig.pskDefault() : AuthConfig.psk(idB))
                        .remote(defaultIds ? AuthConfig.pskDefault() : AuthConfig.psk(idA))
                        .child(ChildConfig.builder("net").localTs(tsBLocal != null ? tsBLocal : tsB)
                                .remoteTs(tsBRemote != null ? tsBRemote : tsA)
                                .espProposals(espB != null ? espB : esp).mode(modeB != null ? modeB : mode)
                                .rekeyTime(childRekey).lifeTime(childLife).randTime(childRand).build())
                        .build()).build();
    }

    TwoPeers peers() throws Exception {
        return new TwoPeers(a(), java.net.InetAddress.getByName(addrA), sourceA, b(), java.net.InetAddress.getByName(addrB));
    }
}
