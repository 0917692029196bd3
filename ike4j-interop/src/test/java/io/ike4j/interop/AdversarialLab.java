package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab of {@link Ike4jAdversarialInteropTest}: ike4j's daemon on LEFT ({@code 192.0.2.1}) as responder with short
 * half-open timeouts, strongSwan 5.9.8 on RIGHT ({@code 192.0.2.2}) as a legitimate initiator of connection
 * {@code lab}, and an attacker in RIGHT's namespace at {@link #ATTACKER} (a second address, so the daemon's per-address
 * limits never mix the two up) for which the daemon has connection {@code attack} (PSK, {@link #ATTACKER_ID}).
 * Talks to the daemon's control socket directly ({@code stats}, {@code list-sas}): a CLI JVM per query would be slow.
 */
final class AdversarialLab implements AutoCloseable {
    static final String ATTACKER = "192.0.2.66";
    static final String ATTACKER_ID = "attacker.ike4j.test";
    static final String TARGET_ID = "left.ike4j.test";
    static final String PSK = "adversarial-lab-psk";
    static final String PROPOSAL = "aes256gcm16-prfsha256-x25519";
    static final String ATTACK_TS = "10.66.0.0/16";
    /** The attacker's second address, where the daemon's connection {@code attack-eap} wants EAP-MD5 (server: PSK). */
    static final String EAP_ATTACKER = "192.0.2.67";
    /** Addresses where the daemon's connection {@code attack-cert} wants a certificate of {@link AttackPki}'s CA: the
     * attacker signs with its RSA leaf (PKCS#1 v1.5), RSA leaf (RSA-PSS), ECDSA leaf, RSA 1024 leaf. */
    static final String CERT_RSA = "192.0.2.68";
    static final String CERT_PSS = "192.0.2.69";
    static final String CERT_ECDSA = "192.0.2.70";
    static final String CERT_RSA1024 = "192.0.2.71";
    private static final List<String> CERT_SOURCES = List.of(CERT_RSA, CERT_PSS, CERT_ECDSA, CERT_RSA1024);

    private static final String CERT_CONF = """
            connections {
              attack-cert {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = %s
                proposals = %s
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = pubkey
                  id = %s
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    remote_ts = %s
                    esp_proposals = aes128gcm16
                  }
                }
              }
            }
            """.formatted(String.join(",", CERT_SOURCES), PROPOSAL, TARGET_ID, ATTACKER_ID, ATTACK_TS);

    /** The daemon's connection for the attacker (merged into ike4j's swanctl.conf next to the lab connection). */
    private static final String ATTACK_CONF = """
            connections {
              attack {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = %1$s
                proposals = %2$s
                local {
                  auth = psk
                  id = %3$s
                }
                remote {
                  auth = psk
                  id = %4$s
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    remote_ts = %5$s
                    esp_proposals = aes128gcm16
                  }
                }
              }
            }
            connections {
              attack-eap {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = %7$s
                proposals = %2$s
                local {
                  auth = psk
                  id = %3$s
                }
                remote {
                  auth = eap-md5
                  id = %4$s
                  eap_id = %%any
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    remote_ts = %5$s
                    esp_proposals = aes128gcm16
                  }
                }
              }
            }
            secrets {
              eap-carol {
                id = carol
                secret = "carol-password"
              }
              ike-attack {
                id-1 = %3$s
                id-2 = %4$s
                secret = "%6$s"
              }
            }
            """.formatted(ATTACKER, PROPOSAL, TARGET_ID, ATTACKER_ID, ATTACK_TS, PSK, EAP_ATTACKER);

    final NetnsLab lab;
    final PeerPair pair;
    final UdpRelay relay;
    final AttackPki pki = new AttackPki();
    private String strongSwanSpi;

    AdversarialLab(PeerLogsOnFailure logs, Ike4jPeer.Options options) {
        lab = NetnsLab.direct();
        try {
            pair = PeerPair.start(lab, Side.LEFT, side -> side == Side.LEFT
                            ? SwanctlConf.forLab(lab, side).proposals(PROPOSAL).extra(ATTACK_CONF)
                            : SwanctlConf.forLab(lab, side).proposals(PROPOSAL),
                    options, StrongSwanPeer.Options.defaults(), logs);
            // the CA exists once the daemon's directory does: load it with attack-cert (before strongSwan connects)
            pki.installCa(pair.ike4j().dir());
            pair.ike4j().reload(SwanctlConf.forLab(lab, Side.LEFT).proposals(PROPOSAL).extra(ATTACK_CONF + CERT_CONF));
            List<String> sources = new ArrayList<>(List.of(ATTACKER, EAP_ATTACKER));
            sources.addAll(CERT_SOURCES);
            for (String a : sources) {
                lab.exec(Side.RIGHT, "ip", "addr", "add", a + "/32", "dev", lab.outerInterface(Side.RIGHT)).orThrow();
            }
            relay = new UdpRelay(lab.namespace(Side.RIGHT));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** strongSwan (the legitimate peer) initiates {@code lab}; remembers its SA, which every case must leave alone. */
    void establishStrongSwan() {
        PeerPair.Agreed a = pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, SwanctlConf.CONNECTION, SwanctlConf.CHILD);
        strongSwanSpi = a.responder().initiatorSpi();
    }

    /** A new attacker with a fresh socket on {@code source} and a fresh engine (PSK, as {@link #ATTACKER_ID}). */
    Adversary attacker(String source) {
        UdpRelay.Socket socket = relay.open(source, 0);
        // its real port, or the daemon's NAT detection (RFC 7296 2.23) would see a NAT in front of the attacker
        AttackPki.Leaf leaf = switch (source) {
            case CERT_RSA, CERT_PSS -> pki.rsa;
            case CERT_ECDSA -> pki.ecdsa;
            case CERT_RSA1024 -> pki.rsa1024;
            default -> null;
        };
        AuthConfig local = leaf == null ? AuthConfig.psk(ATTACKER_ID) : AuthConfig.builder(AuthClass.PUBKEY).identity(ATTACKER_ID)
                .cert(leaf.cert()).sendCert(CertificateRequests.SendPolicy.ALWAYS).sendCertreq(false).rsaPss(source.equals(CERT_PSS)).build();
        ConnectionConfig.Builder c = ConnectionConfig.builder("attack").localAddrs(source).localPort(socket.port()).remoteAddrs(target())
                .ikeProposals(PROPOSAL).local(local).remote(AuthConfig.psk(TARGET_ID))
                // one datagram even with a certificate: the cases take the whole IKE_AUTH apart
                .fragmentation(leaf == null ? ConnectionConfig.Fragmentation.YES : ConnectionConfig.Fragmentation.NO)
                .child(ChildConfig.builder("net").localTs(ATTACK_TS).remoteTs("10.1.0.0/16").espProposals("aes128gcm16").build());
        EngineConfig.Builder b = EngineConfig.builder().secret(SharedSecret.of(PSK, ATTACKER_ID, TARGET_ID)).connection(c.build());
        if (leaf != null) b.credentials(AttackPki.credentials(leaf));
        EngineConfig cfg = b.build();
        Adversary a = new Adversary(socket, source, target(), 500, cfg, "attack", "net");
        a.leaf = leaf;
        return a;
    }

    String target() {
        return lab.outerAddress(Side.LEFT);
    }

    /** The daemon's {@code stats} answer data. */
    JsonObject stats() {
        return new DaemonControl(pair.ike4j()).stats();
    }

    /** The IKE SAs {@code list-sas} streams (one JSON object each). */
    List<JsonObject> sas() {
        return new DaemonControl(pair.ike4j()).sas();
    }

    /**
     * Waits (up to {@code wait}) until the daemon holds nothing but strongSwan's IKE SA: no half-open SA, one IKE SA,
     * listed as strongSwan's, ESTABLISHED with the SPI it had. Fails with what is left otherwise.
     */
    void awaitOnlyStrongSwan(String after, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String state;
        while (true) {
            JsonObject s = stats();
            List<JsonObject> sas = sas();
            boolean ours = sas.size() == 1 && sas.getFirst().string("name").orElse("").equals(SwanctlConf.CONNECTION)
                    && sas.getFirst().string("state").orElse("").equals("ESTABLISHED")
                    && sas.getFirst().string("initiator-spi").orElse("").equals(strongSwanSpi);
            state = "stats " + s + "; SAs " + sas;
            if (ours && s.number("half-open").orElse(-1) == 0 && s.number("ike-sas").orElse(-1) == 1) return;
            if (System.nanoTime() > deadline) break;
            IkePeer.sleep(150);
        }
        throw new AssertionError(after + ": the daemon kept state (strongSwan's SPI " + strongSwanSpi + "): " + state);
    }

    /** strongSwan still lists its SA with the daemon as ESTABLISHED (same SPI). */
    void assertStrongSwanUp() {
        List<SaView> sas = pair.strongSwan().listSas();
        assertThat(sas).as("strongSwan's SAs").anySatisfy(sa -> {
            assertThat(sa.state()).isEqualTo("ESTABLISHED");
            assertThat(sa.initiatorSpi()).isEqualTo(strongSwanSpi);
        });
    }

    @Override
    public void close() {
        try {
            if (relay != null) relay.close();
            pair.close();
        } finally {
            lab.close();
        }
    }
}
