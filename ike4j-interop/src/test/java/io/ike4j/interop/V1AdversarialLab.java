package io.ike4j.interop;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import java.util.List;

/**
 * The lab of {@link Ike4jV1AdversarialInteropTest}: ike4j's daemon on LEFT ({@code 192.0.2.1}) as IKEv1 responder,
 * strongSwan 5.9.8 on RIGHT ({@code 192.0.2.2}) with an IKEv1 ({@code version = 1}) PSK tunnel {@code lab} to it that
 * carries a ping, and an attacker in RIGHT's namespace: at {@link #ATTACKER} it meets the daemon's Main Mode connection
 * {@code attack}, at {@link #AGGRESSIVE} the Aggressive Mode connection {@code attack-aggr}, both PSK. The attacker
 * uses the {@link UdpRelay} and the {@link DaemonControl} of {@link AdversarialLab}.
 */
final class V1AdversarialLab implements AutoCloseable {
    static final String ATTACKER = "192.0.2.66";
    static final String AGGRESSIVE = "192.0.2.67";
    static final String ATTACKER_ID = "attacker.ike4j.test";
    static final String TARGET_ID = "left.ike4j.test";
    static final String PSK = "v1-adversarial-lab-psk";
    static final String PROPOSAL = "aes128-sha256-modp2048";
    static final String ESP = "aes128-sha256";
    static final String ATTACK_TS = "10.66.0.0/16";

    private static final String ATTACK_CONF = "connections {\n" + attackConnection("attack", "", ATTACKER)
            + attackConnection("attack-aggr", "aggressive = yes", AGGRESSIVE) + """
            }
            secrets {
              ike-attack {
                id-1 = %1$s
                id-2 = %2$s
                secret = "%3$s"
              }
            }
            """.formatted(TARGET_ID, ATTACKER_ID, PSK);

    /** One of the daemon's PSK connections the attacker at {@code remote} meets ({@code mode}: an extra line or ""). */
    private static String attackConnection(String name, String mode, String remote) {
        return """
                  %1$s {
                    version = 1
                    %2$s
                    local_addrs = 192.0.2.1
                    remote_addrs = %3$s
                    proposals = %4$s
                    local {
                      auth = psk
                      id = %5$s
                    }
                    remote {
                      auth = psk
                      id = %6$s
                    }
                    children {
                      net {
                        local_ts = 10.1.0.0/16
                        remote_ts = %7$s
                        esp_proposals = %8$s
                      }
                    }
                  }
                """.formatted(name, mode, remote, PROPOSAL, TARGET_ID, ATTACKER_ID, ATTACK_TS, ESP);
    }

    final NetnsLab lab;
    final PeerPair pair;
    final UdpRelay relay;
    final DaemonControl control;
    private String strongSwanCookie;

    V1AdversarialLab(PeerLogsOnFailure logs, Ike4jPeer.Options options) {
        lab = NetnsLab.direct();
        try {
            pair = PeerPair.start(lab, Side.LEFT, side -> side == Side.LEFT
                            ? SwanctlConf.forLab(lab, side).version(1).proposals(PROPOSAL).espProposals(ESP).extra(ATTACK_CONF)
                            : SwanctlConf.forLab(lab, side).version(1).proposals(PROPOSAL).espProposals(ESP),
                    options, StrongSwanPeer.Options.defaults(), logs);
            for (String a : List.of(ATTACKER, AGGRESSIVE)) {
                lab.exec(Side.RIGHT, "ip", "addr", "add", a + "/32", "dev", lab.outerInterface(Side.RIGHT)).orThrow();
            }
            relay = new UdpRelay(lab.namespace(Side.RIGHT));
            control = new DaemonControl(pair.ike4j());
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** strongSwan (the legitimate peer) initiates {@code lab}; remembers its SA, which every case must leave alone. */
    void establishStrongSwan() {
        PeerPair.Agreed a = pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, SwanctlConf.CONNECTION, SwanctlConf.CHILD);
        strongSwanCookie = a.responder().initiatorSpi();
    }

    /** A new insider on {@code source} ({@link #ATTACKER}: Main Mode; {@link #AGGRESSIVE}: Aggressive Mode). */
    V1Insider attacker(String source) {
        UdpRelay.Socket socket = relay.open(source, 0);
        String name = source.equals(AGGRESSIVE) ? "attack-aggr" : "attack";
        ConnectionConfig c = ConnectionConfig.builder(name).version(1).aggressive(source.equals(AGGRESSIVE))
                .localAddrs(source).localPort(socket.port()).remoteAddrs(target()).ikeProposals(PROPOSAL)
                .local(AuthConfig.psk(ATTACKER_ID)).remote(AuthConfig.psk(TARGET_ID))
                .child(ChildConfig.builder("net").localTs(ATTACK_TS).remoteTs("10.1.0.0/16").espProposals(ESP).build())
                .build();
        EngineConfig cfg = EngineConfig.builder().secret(SharedSecret.of(PSK, ATTACKER_ID, TARGET_ID)).connection(c).build();
        return new V1Insider(socket, source, target(), cfg, name);
    }

    String target() {
        return lab.outerAddress(Side.LEFT);
    }

    /** strongSwan's ISAKMP SA as the daemon lists it (cookies, IPsec SA SPIs). */
    JsonObject strongSwanSa() {
        return control.sas().stream().filter(s -> s.string("name").orElse("").equals(SwanctlConf.CONNECTION)).findFirst()
                .orElseThrow(() -> new AssertionError("the daemon lists no SA of strongSwan: " + control.sas()));
    }

    /**
     * Waits (up to {@code wait}) until the daemon holds nothing but strongSwan's ISAKMP SA (same cookie, ESTABLISHED):
     * no half-open SA, no attacker SA. Fails with what is left otherwise.
     */
    void awaitOnlyStrongSwan(String after, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String state;
        while (true) {
            JsonObject s = control.stats();
            List<JsonObject> sas = control.sas();
            boolean ours = sas.size() == 1 && sas.getFirst().string("name").orElse("").equals(SwanctlConf.CONNECTION)
                    && sas.getFirst().string("state").orElse("").equals("ESTABLISHED")
                    && sas.getFirst().string("initiator-spi").orElse("").equals(strongSwanCookie);
            state = "stats " + s + "; SAs " + sas;
            if (ours && s.number("half-open").orElse(-1) == 0) return;
            if (System.nanoTime() > deadline) break;
            IkePeer.sleep(150);
        }
        throw new AssertionError(after + ": the daemon kept state (strongSwan's cookie " + strongSwanCookie + "): " + state);
    }

    /** One ping from LEFT's inner address to RIGHT's through strongSwan's tunnel. */
    void ping() {
        TrafficProbe.ping(lab, 1);
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
