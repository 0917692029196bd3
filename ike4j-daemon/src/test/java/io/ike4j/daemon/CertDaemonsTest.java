package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swanctl credential directories (x509/, x509ca/, x509crl/, private/) and certificate auth between two daemons. */
class CertDaemonsTest {
    @TempDir
    Path dir;

    private TestDaemons lab;

    private void pki(Path out, String... args) throws Exception {
        lab.pki(out, args);
    }

    private Path p(String name) {
        return lab.p(name);
    }

    @BeforeEach
    void makePki() throws Exception {
        lab = new TestDaemons(dir);
        lab.chain(384, List.of("moon", "sun"), List.of());
    }

    private static String conf(String name, String remote, String remotePort, String me, String peer, String localTs, String remoteTs,
                               String remoteId) {
        return """
                connections {
                  %s {
                    local_addrs = 127.0.0.1
                    remote_addrs = %s
                    remote_port = %s
                    proposals = aes256gcm16-prfsha384-ecp384
                    local {
                      certs = %s.pem
                      id = %s.example.org
                    }
                    remote {
                      id = %s
                    }
                    children {
                      net {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = aes128gcm16
                      }
                    }
                  }
                }
                """.formatted(name, remote, remotePort, me, me, remoteId, localTs, remoteTs);
    }

    private Daemon start(String host, String conf, List<String> log) throws Exception {
        return TestDaemons.start(p(host + "/swanctl.conf"), conf, p(host + ".sock"), log);
    }

    private static String cli(String... args) {
        TestDaemons.Cli c = TestDaemons.cli(args);
        return c.exit() + " " + c.output();
    }

    @Test
    void mappingLoadsTheCredentialDirectories() throws Exception {
        Files.writeString(p("sun/swanctl.conf"), conf("gw", "%any", "500", "sun", "moon", "10.2.0.0/16", "10.1.0.0/16",
                "\"C=CH, O=ike4j, CN=*\"") + """
                secrets {
                  eap-carol {
                    id = carol
                    secret = "carol's password"
                  }
                }
                """);
        ConfigResult r = SwanctlConfigLoader.load(p("sun/swanctl.conf"));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        SwanctlToEngineConfig.Mapped m = SwanctlToEngineConfig.map(r.config(), SwanctlToEngineConfig.Ports.STANDARD, Optional.of(p("sun")));
        assertThat(m.warnings()).isEmpty();
        EngineConfig e = m.config();
        var c = e.connection("gw").orElseThrow();
        assertThat(c.local().method()).isEqualTo(AuthClass.PUBKEY);
        assertThat(c.local().certs()).singleElement().satisfies(x -> assertThat(x.getSubjectX500Principal().getName()).contains("CN=sun.example.org"));
        assertThat(c.remote().idPattern()).isPresent();
        assertThat(e.credentials().caCerts()).hasSize(2);
        assertThat(e.credentials().keys()).hasSize(1);
        assertThat(e.credentials().keyFor(c.local().certs().getFirst().getPublicKey())).isPresent();
        assertThat(e.credentials().eapSecrets().secrets()).hasSize(1);
    }

    @Test
    void eapAndRadiusMapping() throws Exception {
        String text = """
                connections {
                  rw {
                    local {
                      certs = sun.pem
                    }
                    remote {
                      auth = eap-radius
                      eap_id = %any
                    }
                  }
                }
                radius {
                  servers {
                    primary {
                      address = 127.0.0.1
                      secret = testing123
                    }
                  }
                }
                """;
        Files.writeString(p("sun/swanctl.conf"), text);
        ConfigResult r = SwanctlConfigLoader.load(p("sun/swanctl.conf"));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(r.diagnostics().toString()).contains("ike4j extension");
        SwanctlToEngineConfig.Mapped m = SwanctlToEngineConfig.map(r.config(), SwanctlToEngineConfig.Ports.STANDARD, Optional.of(p("sun")));
        var c = m.config().connection("rw").orElseThrow();
        assertThat(c.remote().method()).isEqualTo(AuthClass.EAP);
        assertThat(c.remote().eap()).contains(EapMethod.RADIUS);
        assertThat(c.remote().eapId()).contains("%any");
        // no id: the certificate's subject DN, as strongSwan does
        assertThat(c.local().identity().orElseThrow().toString()).contains("sun.example.org");
        assertThat(m.config().credentials().eapBackend()).isPresent();
    }

    @Test
    void twoDaemonsAuthenticateWithCertificates() throws Exception {
        List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("sun", conf("gw", "%any", "500", "sun", "moon", "10.2.0.0/16", "10.1.0.0/16", "moon.example.org"), gwLog);
             Daemon cl = start("moon", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "moon", "sun", "10.1.0.0/16",
                     "10.2.0.0/16", "sun.example.org"), clLog)) {
            String up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + p("moon.sock"));
            assertThat(up).as(up + String.join("\n", clLog) + String.join("\n", gwLog)).startsWith("0 ");
            assertThat(String.join("\n", gwLog)).contains("authentication of moon.example.org with public key successful");
        }
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        pki(p("sun/x509crl/inter.crl"), "--signcrl", "--cacert", p("ca/inter.pem").toString(), "--cakey", p("ca/inter.key").toString(),
                "--reason", "key-compromise", "--cert", p("moon/x509/moon.pem").toString(), "--outform", "pem");
        List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("sun", conf("gw", "%any", "500", "sun", "moon", "10.2.0.0/16", "10.1.0.0/16", "moon.example.org"), gwLog);
             Daemon cl = start("moon", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "moon", "sun", "10.1.0.0/16",
                     "10.2.0.0/16", "sun.example.org"), clLog)) {
            String up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + p("moon.sock"));
            assertThat(up).doesNotStartWith("0 ").contains("AUTHENTICATION_FAILED");
            assertThat(String.join("\n", gwLog)).contains("revoked");
        }
    }

    private static String authConf(String name, String remote, String remotePort, String localTs, String remoteTs, String local,
                                   String remoteAuth, String secrets) {
        return """
                connections {
                  %s {
                    local_addrs = 127.0.0.1
                    remote_addrs = %s
                    remote_port = %s
                    proposals = aes256gcm16-prfsha384-ecp384
                    local {
                %s
                    }
                    remote {
                %s
                    }
                    children {
                      net {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = aes128gcm16
                      }
                    }
                  }
                }
                %s
                """.formatted(name, remote, remotePort, local, remoteAuth, localTs, remoteTs, secrets);
    }

    @Test
    void twoDaemonsWithRawPublicKeys() throws Exception {
        for (String host : List.of("moon", "sun")) {
            for (String other : List.of("moon", "sun")) {
                pki(p(host + "/pubkey/" + other + ".pub"), "--pub", "--in", p(other + "/private/" + other + ".key").toString(),
                        "--outform", "pem");
            }
        }
        List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("sun", authConf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "auth = pubkey\n pubkeys = sun.pub\n id = sun.example.org", "auth = pubkey\n pubkeys = moon.pub\n id = moon.example.org", ""), gwLog);
             Daemon cl = start("moon", authConf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "10.1.0.0/16", "10.2.0.0/16",
                     "auth = pubkey\n pubkeys = moon.pub\n id = moon.example.org", "auth = pubkey\n pubkeys = sun.pub\n id = sun.example.org", ""),
                     clLog)) {
            String up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + p("moon.sock"));
            assertThat(up).as(up + String.join("\n", clLog) + String.join("\n", gwLog)).startsWith("0 ");
            assertThat(String.join("\n", gwLog)).contains("authentication of moon.example.org with raw public key successful");
        }
    }

    @Test
    void twoDaemonsWithEapMschapv2() throws Exception {
        String secrets = """
                secrets {
                  eap-carol {
                    id = carol
                    secret = "carol's password"
                  }
                }
                """;
        List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("sun", authConf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "certs = sun.pem\n id = sun.example.org", "auth = eap-mschapv2\n eap_id = %any", secrets), gwLog);
             Daemon cl = start("moon", authConf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "10.1.0.0/16", "10.2.0.0/16",
                     "auth = eap-mschapv2\n id = moon.example.org\n eap_id = carol", "id = sun.example.org", secrets), clLog)) {
            String up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + p("moon.sock"));
            assertThat(up).as(up + String.join("\n", clLog) + String.join("\n", gwLog)).startsWith("0 ");
            assertThat(String.join("\n", gwLog)).contains("EAP method succeeded for 'carol', MSK established");
        }
    }

    /** RFC 4739 rounds from swanctl.conf: local/local-2 and remote/remote-2, certificate then EAP-MD5. */
    @Test
    void twoDaemonsWithCertificateThenEapRound() throws Exception {
        String secrets = """
                secrets {
                  eap-carol {
                    id = carol
                    secret = "carol's password"
                  }
                }
                """;
        List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("sun", authConf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "certs = sun.pem\n id = sun.example.org",
                "id = moon.example.org\n }\n remote-2 {\n auth = eap-md5\n eap_id = %any", secrets), gwLog);
             Daemon cl = start("moon", authConf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "10.1.0.0/16", "10.2.0.0/16",
                     "certs = moon.pem\n id = moon.example.org\n }\n local-2 {\n auth = eap-md5\n id = carol@example.org\n eap_id = carol",
                     "id = sun.example.org", secrets), clLog)) {
            String up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + p("moon.sock"));
            assertThat(up).as(up + String.join("\n", clLog) + String.join("\n", gwLog)).startsWith("0 ");
            assertThat(String.join("\n", gwLog)).contains("authentication of moon.example.org with public key successful")
                    .contains("another follows (RFC 4739)").contains("EAP method succeeded for 'carol'");
        }
    }

    /**
     * CRLs from the distribution point of the client's certificate over HTTP (a JDK HttpServer in the test): revoked
     * refused with AUTHENTICATION_FAILED and the reason logged; a stalling server bounded by the fetch timeout, then
     * accepted (relaxed, strongSwan's default) or refused ({@code revocation = strict}).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"revoked", "stalling-relaxed", "stalling-strict"})
    void crlFromTheDistributionPointOverHttp(String scenario) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/inter.crl", x -> {
            if (scenario.startsWith("stalling")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                byte[] body = Files.readAllBytes(p("ca/inter.crl"));
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
            x.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/inter.crl";
            pki(p("moon/x509/moon.pem"), "--issue", "--cacert", p("ca/inter.pem").toString(), "--cakey", p("ca/inter.key").toString(),
                    "--in", p("moon/private/moon.key").toString(), "--dn", "C=CH, O=ike4j, CN=moon.example.org", "--san",
                    "moon.example.org", "--crl", url, "--outform", "pem");
            pki(p("ca/inter.crl"), "--signcrl", "--cacert", p("ca/inter.pem").toString(), "--cakey", p("ca/inter.key").toString(),
                    "--cert", p("moon/x509/moon.pem").toString(), "--reason", "key-compromise");
            String remote = "moon.example.org" + (scenario.endsWith("strict") ? "\n      revocation = strict" : "");
            List<String> gwLog = new CopyOnWriteArrayList<>(), clLog = new CopyOnWriteArrayList<>();
            try (Daemon gw = start("sun", conf("gw", "%any", "500", "sun", "moon", "10.2.0.0/16", "10.1.0.0/16", remote), gwLog);
                 Daemon cl = start("moon", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "moon", "sun", "10.1.0.0/16",
                         "10.2.0.0/16", "sun.example.org"), clLog)) {
                String up = cli("initiate", "--child", "net", "--timeout", "20", "--uri", "unix://" + p("moon.sock"));
                String gwText = String.join("\n", gwLog);
                switch (scenario) {
                    case "revoked" -> {
                        assertThat(up).as(up).doesNotStartWith("0 ");
                        assertThat(gwText).contains("AUTHENTICATION_FAILED").contains("is revoked")
                                .contains("reason: key compromise");
                    }
                    case "stalling-relaxed" -> {
                        assertThat(up).as(up + gwText).startsWith("0 ");
                        assertThat(gwText).contains("fetching CRL from " + url + " failed: timed out after PT5S")
                                .contains("certificate status is not available");
                    }
                    default -> {
                        assertThat(up).as(up).doesNotStartWith("0 ");
                        assertThat(gwText).contains("fetching CRL from " + url + " failed: timed out after PT5S")
                                .contains("AUTHENTICATION_FAILED").contains("no CRL could be fetched").contains("revocation = strict");
                    }
                }
            }
        } finally {
            release.countDown();
            http.stop(0);
        }
    }
}
