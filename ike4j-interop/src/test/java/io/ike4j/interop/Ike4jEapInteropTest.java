package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EAP in IKE_AUTH (RFC 7296 2.16) between ike4j (LEFT) and strongSwan 5.9.8 (RIGHT): strongSwan as EAP client
 * against ike4j as EAP server (eap-mschapv2, eap-md5; the server authenticates with an ECDSA certificate),
 * ike4j as EAP client against strongSwan, and ike4j forwarding EAP to a FreeRADIUS server started by the test.
 */
class Ike4jEapInteropTest extends SharedDirectLab {
    private static final String PASSWORD = "carols password";
    private static final String SECRETS = """
            secrets {
              eap-carol {
                id = carol
                secret = "%s"
              }
            }
            """.formatted(PASSWORD);
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki");
        pki = new LabPki(pkiDir);
        pki.chain("ecdsa256");
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void install() {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        pki.install(ike4j, "x509", "ecdsa256-left.pem");
        pki.install(ike4j, "private", "ecdsa256-left.key");
        pki.install(ike4j, "x509ca", "ecdsa256-ca.pem");
        pki.install(ike4j, "x509ca", "ecdsa256-inter.pem");
        pki.install(swan, "x509", "ecdsa256-right.pem");
        pki.install(swan, "private", "ecdsa256-right.key");
        pki.install(swan, "x509ca", "ecdsa256-ca.pem");
        pki.install(swan, "x509ca", "ecdsa256-inter.pem");
    }

    private static String id(Side side) {
        return side.name().toLowerCase(java.util.Locale.ROOT) + ".ike4j.test";
    }

    /**
     * {@code client} authenticates with {@code eap-<method>} as carol; the other side is the EAP server and
     * authenticates itself with its certificate. EAP-TLS clients also present their certificate.
     */
    private Function<Side, SwanctlConf> eapConf(String ike, String method, Side client, String serverAuth, String extra) {
        return conf(ike, (side, c) -> {
            String cert = "ecdsa256-" + side.name().toLowerCase(java.util.Locale.ROOT) + ".pem";
            if (side == client) {
                // EAP-TLS: the EAP identity is the certificate's (strongSwan checks it), so no eap_id
                return c.localAuth("auth = eap-" + method + "\nid = " + id(side)
                                + (method.equals("tls") ? "\ncerts = " + cert : "\neap_id = carol"))
                        .remoteAuth("auth = pubkey\nid = " + id(side.other())).extra(SECRETS);
            }
            return c.localAuth("auth = pubkey\ncerts = " + cert + "\nid = " + id(side))
                    .remoteAuth("auth = " + serverAuth + "\neap_id = %any").extra(SECRETS + extra);
        });
    }

    /**
     * strongSwan as the EAP client of ike4j. EAP-TLS runs over TLS 1.3 (strongSwan's {@code libtls.version_max = 1.3}):
     * over TLS 1.2 the JDK exports keying material (the MSK, RFC 5216 2.3) only with the extended master secret
     * (RFC 7627), which strongSwan 5.9.8's libtls does not negotiate. ike4j's remote round says
     * {@link Ike4jPeer#EAP_TLS_WITH_STRONGSWAN_5}: strongSwan 5.9's TLS 1.3 MSK and EAP-Success right after the
     * client's Finished (a NewSessionTicket or the RFC 9190 commitment message crashes strongSwan 5.9.8's client).
     */
    @ParameterizedTest(name = "strongSwan client, eap-{0}")
    @ValueSource(strings = {"mschapv2", "md5", "tls"})
    void strongSwanClientAgainstIke4jServer(String method) {
        install();
        String ike = freshConnection();
        // the server round is ike4j's here
        String serverAuth = "eap-" + method + (method.equals("tls") ? "\n" + Ike4jPeer.EAP_TLS_WITH_STRONGSWAN_5 : "");
        pair.reload(eapConf(ike, method, pair.side(pair.strongSwan()), serverAuth, ""));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertThat(ike4jLog.text()).contains("EAP method succeeded for '" + (method.equals("tls") ? "right.ike4j.test" : "carol") + "'");
        assertThat(swanLog.text()).containsPattern("EAP method EAP_" + (method.equals("md5") ? "MD5" : method.toUpperCase()) + " succeeded");
        pair.terminate(Direction.STRONGSWAN_INITIATES, ike);
    }

    @ParameterizedTest(name = "ike4j client, eap-{0}")
    @ValueSource(strings = {"mschapv2", "md5", "tls"})
    void ike4jClientAgainstStrongSwanServer(String method) {
        install();
        String ike = freshConnection();
        pair.reload(eapConf(ike, method, pair.side(pair.ike4j()), "eap-" + method, ""));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        pair.establish(Direction.IKE4J_INITIATES, ike, CHILD);
        assertThat(ike4jLog.text()).contains("EAP method succeeded").contains("authentication of right.ike4j.test with EAP successful");
        assertThat(swanLog.text()).contains("authentication of 'left.ike4j.test' with EAP successful");
        pair.terminate(Direction.IKE4J_INITIATES, ike);
    }

    @Test
    void wrongPasswordIsRefused() {
        install();
        String ike = freshConnection();
        Side swan = pair.side(pair.strongSwan());
        pair.reload(side -> {
            SwanctlConf c = eapConf(ike, "mschapv2", swan, "eap-mschapv2", "").apply(side);
            return side == swan ? c.extra(SECRETS.replace(PASSWORD, "a guess")) : c;
        });
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        ExecResult r = pair.strongSwan().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        // ike4j's MSCHAPv2 Failure Request: strongSwan gives up with AUTHENTICATION_FAILED in an INFORMATIONAL
        assertThat(swanLog.text()).contains("EAP-MS-CHAPv2 failed");
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED")
                .contains("EAP failure: MSCHAPv2 authentication failed: wrong password for 'carol'");
    }

    /** strongSwan as the client of ike4j with an EAP identity ike4j has no secret for: refused, "unknown user" logged. */
    @Test
    void unknownUserIsRefused() {
        install();
        String ike = freshConnection();
        Side swan = pair.side(pair.strongSwan());
        pair.reload(side -> {
            SwanctlConf c = eapConf(ike, "mschapv2", swan, "eap-mschapv2", "").apply(side);
            if (side != swan) return c;
            return c.localAuth("auth = eap-mschapv2\nid = " + id(side) + "\neap_id = mallory")
                    .extra(SECRETS.replace("id = carol", "id = mallory"));
        });
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        ExecResult r = pair.strongSwan().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED")
                .contains("EAP failure: MSCHAPv2 authentication failed: unknown user 'mallory'");
        assertThat(swanLog.text()).contains("EAP-MS-CHAPv2 failed");
    }

    /** ike4j forwards to a RADIUS server that does not answer: bounded retries, refused with the reason logged. */
    @Test
    void radiusDownIsRefused() {
        install();
        String ike = freshConnection();
        String radiusSection = """
                radius {
                  servers {
                    lab {
                      address = 127.0.0.1
                      secret = nobody-listens
                      timeout = 1s
                      retransmit_tries = 2
                    }
                  }
                }
                """;
        pair.reload(eapConf(ike, "md5", pair.side(pair.strongSwan()), "eap-radius", radiusSection));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.strongSwan().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED").contains("RADIUS server did not answer after");
    }

    /** ike4j as EAP server forwards to FreeRADIUS (in ike4j's namespace, 127.0.0.1:1812); strongSwan is the client. */
    @ParameterizedTest(name = "strongSwan client, eap-{0} via RADIUS")
    @ValueSource(strings = {"mschapv2", "md5"})
    void ike4jForwardsToFreeRadius(String method) {
        Assumptions.assumeTrue(FreeRadius.available() || Boolean.getBoolean("ike4j.requireInterop"), "FreeRADIUS not installed");
        install();
        try (FreeRadius radius = new FreeRadius(lab(), pair.ike4jSide(), "carol Cleartext-Password := \"" + PASSWORD + "\"")) {
            String ike = freshConnection();
            String radiusSection = """
                    radius {
                      servers {
                        lab {
                          address = 127.0.0.1
                          secret = %s
                        }
                      }
                    }
                    """.formatted(FreeRadius.SECRET);
            pair.reload(eapConf(ike, method, pair.side(pair.strongSwan()), "eap-radius", radiusSection));
            LogSince ike4jLog = LogSince.mark(pair.ike4j());
            pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
            assertThat(ike4jLog.text()).contains("EAP method succeeded for 'carol'");
            assertThat(radius.output()).contains("Sent Access-Accept");
            pair.terminate(Direction.STRONGSWAN_INITIATES, ike);
        }
    }

    /**
     * RFC 4739 multiple authentication rounds: the client authenticates with its certificate ({@code local}), then with
     * {@code eap-<method>} as carol ({@code local-2}); the server expects {@code remote} and {@code remote-2} and
     * authenticates itself once with its certificate. Both directions: strongSwan as the client, ike4j as the client.
     */
    @ParameterizedTest(name = "certificate then eap-{0}, {1}")
    @org.junit.jupiter.params.provider.CsvSource({"md5,STRONGSWAN_INITIATES", "mschapv2,STRONGSWAN_INITIATES",
            "md5,IKE4J_INITIATES", "mschapv2,IKE4J_INITIATES"})
    void certificateThenEapRound(String method, Direction direction) {
        install();
        String ike = freshConnection();
        Side client = direction == Direction.IKE4J_INITIATES ? pair.side(pair.ike4j()) : pair.side(pair.strongSwan());
        pair.reload(conf(ike, (side, c) -> {
            String cert = "ecdsa256-" + side.name().toLowerCase(java.util.Locale.ROOT) + ".pem";
            String local = "auth = pubkey\ncerts = " + cert + "\nid = " + id(side);
            if (side == client) {
                return c.localAuth(local + "\n}\nlocal-2 {\nauth = eap-" + method + "\nid = carol@ike4j.test\neap_id = carol")
                        .remoteAuth("auth = pubkey\nid = " + id(side.other())).extra(SECRETS);
            }
            return c.localAuth(local).remoteAuth("auth = pubkey\nid = " + id(side.other())
                    + "\n}\nremote-2 {\nauth = eap-" + method + "\neap_id = %any").extra(SECRETS);
        }));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        pair.establish(direction, ike, CHILD);
        String eap = "EAP_" + (method.equals("md5") ? "MD5" : "MSCHAPV2");
        if (direction == Direction.STRONGSWAN_INITIATES) {
            assertThat(ike4jLog.text()).contains("authentication of " + id(client) + " with public key successful")
                    .contains("another follows (RFC 4739)").contains("EAP method succeeded for 'carol'");
            assertThat(swanLog.text()).contains("EAP method " + eap + " succeeded");
        } else {
            assertThat(ike4jLog.text()).contains("authentication round 2: authenticating as carol@ike4j.test")
                    .contains("EAP method succeeded");
            assertThat(swanLog.text()).contains("authentication of '" + id(client) + "' with ECDSA")
                    .contains("EAP method " + eap + " succeeded");
        }
        pair.terminate(direction, ike);
    }

    /** The server requires two rounds, the client (ike4j, then strongSwan) does one: AUTHENTICATION_FAILED, reason logged. */
    @ParameterizedTest(name = "one round where two are required, {0}")
    @org.junit.jupiter.params.provider.EnumSource(Direction.class)
    void oneRoundWhereTwoAreRequired(Direction direction) {
        install();
        String ike = freshConnection();
        Side client = direction == Direction.IKE4J_INITIATES ? pair.side(pair.ike4j()) : pair.side(pair.strongSwan());
        pair.reload(conf(ike, (side, c) -> {
            String cert = "ecdsa256-" + side.name().toLowerCase(java.util.Locale.ROOT) + ".pem";
            String local = "auth = pubkey\ncerts = " + cert + "\nid = " + id(side);
            if (side == client) return c.localAuth(local).remoteAuth("auth = pubkey\nid = " + id(side.other())).extra(SECRETS);
            return c.localAuth(local).remoteAuth("auth = pubkey\nid = " + id(side.other())
                    + "\n}\nremote-2 {\nauth = eap-md5\neap_id = %any").extra(SECRETS);
        }));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        IkePeer initiator = direction == Direction.IKE4J_INITIATES ? pair.ike4j() : pair.strongSwan();
        ExecResult r = initiator.tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        if (direction == Direction.STRONGSWAN_INITIATES) {
            assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED: insufficient authentication rounds: 1 of 2 done");
            assertThat(swanLog.text()).contains("received AUTHENTICATION_FAILED");
        } else {
            assertThat(swanLog.text()).contains("insufficient authentication rounds");
            assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED");
        }
    }
}
