package io.ike4j.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwanctlConfigLoaderTest {
    static final String FULL = """
            connections {
              site {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = 198.51.100.1, gw.example.net
                proposals = aes256-sha256-modp2048, aes128gcm16-prfsha256-ecp256
                dpd_delay = 30s
                rekey_time = 2h
                local {
                  auth = psk
                  id = site-a.example.net
                }
                remote {
                  auth = psk
                  id = site-b.example.net
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    remote_ts = 10.2.0.0/16, 10.3.0.0/16
                    esp_proposals = aes256gcm16-modp2048
                    start_action = trap
                    dpd_action = restart
                    rekey_time = 30m
                  }
                  dmz {
                    local_ts = 172.16.0.0/24
                    remote_ts = 10.2.5.0/24
                    mode = transport
                    rekey_bytes = 500M
                    close_action = start
                  }
                }
              }
              rw {
                pools = rw-pool
                local {
                  certs = gw.pem
                  id = gw.example.net
                }
                remote {
                  auth = eap-mschapv2
                  eap_id = %any
                }
                remote-2 {
                  round = 2
                  auth = xauth
                }
                children {
                  rw {
                    local_ts = 0.0.0.0/0
                  }
                }
                send_cert = always
                unique = replace
              }
            }
            pools {
              rw-pool {
                addrs = 10.10.0.0/24
                dns = 10.10.0.1, 10.10.0.2
                split_include = 10.0.0.0/8
                25 = 0x1234
              }
            }
            secrets {
              ike-site {
                id-a = site-a.example.net
                id-b = site-b.example.net
                secret = "p@ss # word"
              }
              eap-carol {
                id = carol
                secret = 0x736563726574
              }
              xauth-dave {
                id = dave
                secret = 0sc2VjcmV0
              }
              ike-plain {
                secret = plaintext
              }
              private-gw {
                file = gw.key
                secret = keypass
              }
              token-hsm {
                handle = 0x01
                slot = 4
                module = softhsm
                pin = 1234
              }
            }
            authorities {
              ca {
                cacert = ca.pem
                crl_uris = http://crl.example.net/ca.crl
                ocsp_uris = http://ocsp.example.net
              }
            }
            """;

    private static ConfigResult load(String text) {
        return new SwanctlConfigLoader().loadString(text, "swanctl.conf", null);
    }

    @Test
    void fullRealisticConfig() {
        ConfigResult r = load(FULL);
        assertThat(r.diagnostics()).isEmpty();
        SwanctlConfig c = r.config();
        ConnectionConfig site = c.connection("site").orElseThrow();
        assertThat(site.version()).isEqualTo(2);
        assertThat(site.remoteAddrs()).containsExactly("198.51.100.1", "gw.example.net");
        assertThat(site.proposals()).containsExactly("aes256-sha256-modp2048", "aes128gcm16-prfsha256-ecp256");
        assertThat(site.dpdDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(site.rekeyTime()).isEqualTo(Duration.ofHours(2));
        assertThat(site.overTime()).isEqualTo(Duration.ofMinutes(12));
        assertThat(site.randTime()).isEqualTo(Duration.ofMinutes(12));
        assertThat(site.local()).singleElement().satisfies(a -> {
            assertThat(a.auth()).isEqualTo("psk");
            assertThat(a.id()).contains("site-a.example.net");
        });
        assertThat(site.locationOf("dpd_delay")).contains(new SourceLocation("swanctl.conf", 7));
        ChildConfig net = site.child("net").orElseThrow();
        assertThat(net.remoteTs()).containsExactly("10.2.0.0/16", "10.3.0.0/16");
        assertThat(net.startAction()).isEqualTo(ChildConfig.StartAction.TRAP);
        assertThat(net.dpdAction()).isEqualTo(ChildConfig.DpdAction.RESTART);
        assertThat(net.rekeyTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(net.lifeTime()).isEqualTo(Duration.ofMinutes(33));
        assertThat(net.randTime()).isEqualTo(Duration.ofMinutes(3));
        ChildConfig dmz = site.child("dmz").orElseThrow();
        assertThat(dmz.mode()).isEqualTo(ChildConfig.Mode.TRANSPORT);
        assertThat(dmz.rekeyBytes()).isEqualTo(500L << 20);
        assertThat(dmz.lifeBytes()).isEqualTo((500L << 20) * 110 / 100);
        assertThat(dmz.randBytes()).isEqualTo(dmz.lifeBytes() - dmz.rekeyBytes());
        assertThat(dmz.closeAction()).isEqualTo(ChildConfig.CloseAction.START);

        ConnectionConfig rw = c.connection("rw").orElseThrow();
        assertThat(rw.pools()).containsExactly("rw-pool");
        assertThat(rw.local().getFirst().auth()).isEqualTo("pubkey");
        assertThat(rw.local().getFirst().certs()).containsExactly("gw.pem");
        assertThat(rw.remote()).extracting(AuthConfig::section).containsExactly("remote", "remote-2");
        assertThat(rw.remote()).extracting(AuthConfig::auth).containsExactly("eap-mschapv2", "xauth");
        assertThat(rw.sendCert()).isEqualTo(ConnectionConfig.SendCert.ALWAYS);
        assertThat(rw.unique()).isEqualTo(ConnectionConfig.Unique.REPLACE);

        PoolConfig pool = c.pool("rw-pool").orElseThrow();
        assertThat(pool.addrs()).contains("10.10.0.0/24");
        assertThat(pool.dns()).containsExactly("10.10.0.1", "10.10.0.2");
        assertThat(pool.splitInclude()).containsExactly("10.0.0.0/8");
        assertThat(pool.custom()).containsEntry("25", List.of("0x1234"));

        AuthorityConfig ca = c.authority("ca").orElseThrow();
        assertThat(ca.cacert()).contains("ca.pem");
        assertThat(ca.ocspUris()).containsExactly("http://ocsp.example.net");
    }

    @Test
    void secretsInAllEncodingsAndNeverPrinted() {
        ConfigResult r = load(FULL);
        SwanctlConfig c = r.config();
        SecretConfig site = c.secret("ike-site").orElseThrow();
        assertThat(site.kind()).isEqualTo(SecretConfig.Kind.IKE);
        assertThat(site.ids()).containsExactly("site-a.example.net", "site-b.example.net");
        assertThat(site.secret().orElseThrow().bytes()).isEqualTo("p@ss # word".getBytes(StandardCharsets.UTF_8));
        assertThat(c.secret("eap-carol").orElseThrow().secret().orElseThrow().bytes()).isEqualTo("secret".getBytes());
        assertThat(c.secret("xauth-dave").orElseThrow().secret().orElseThrow().bytes()).isEqualTo("secret".getBytes());
        assertThat(c.secret("ike-plain").orElseThrow().secret().orElseThrow().bytes()).isEqualTo("plaintext".getBytes());
        assertThat(c.secret("ike-plain").orElseThrow().ids()).isEmpty();
        assertThat(c.secret("private-gw").orElseThrow().file()).contains("gw.key");
        SecretConfig token = c.secret("token-hsm").orElseThrow();
        assertThat(token.slot()).contains(4L);
        assertThat(token.pin().orElseThrow().bytes()).isEqualTo("1234".getBytes());
        String everything = c + r.tree().toString() + r.diagnostics();
        assertThat(everything).doesNotContain("p@ss", "736563726574", "c2VjcmV0", "plaintext", "keypass")
                .contains("Secret[redacted]");

        ConfigResult bad = load("secrets {\n ike-x {\n  secret = 0xZZtopsecret\n }\n eap-y {\n  secret = 0s!!topsecret\n }\n}\n");
        assertThat(bad.errors()).extracting(d -> d.location().line()).containsExactly(3, 6);
        assertThat(bad.errors().toString()).doesNotContain("topsecret").contains("hex", "base64");
    }

    @Test
    void everyDefault() {
        ConfigResult r = load("connections {\n c {\n  children {\n   ch {\n   }\n  }\n }\n}\n");
        assertThat(r.diagnostics()).isEmpty();
        ConnectionConfig c = r.config().connection("c").orElseThrow();
        assertThat(c.version()).isZero();
        assertThat(c.localAddrs()).containsExactly("%any");
        assertThat(c.remoteAddrs()).containsExactly("%any");
        assertThat(c.localPort()).isEqualTo(500);
        assertThat(c.remotePort()).isEqualTo(500);
        assertThat(c.proposals()).containsExactly("default");
        assertThat(c.vips()).isEmpty();
        assertThat(c.pools()).isEmpty();
        assertThat(c.aggressive()).isFalse();
        assertThat(c.pull()).isTrue();
        assertThat(c.dscp()).isEqualTo("000000");
        assertThat(c.encap()).isFalse();
        assertThat(c.mobike()).isTrue();
        assertThat(c.dpdDelay()).isZero();
        assertThat(c.dpdTimeout()).isZero();
        assertThat(c.fragmentation()).isEqualTo(ConnectionConfig.Fragmentation.YES);
        assertThat(c.childless()).isEqualTo(ConnectionConfig.Childless.ALLOW);
        assertThat(c.sendCertreq()).isTrue();
        assertThat(c.sendCert()).isEqualTo(ConnectionConfig.SendCert.IFASKED);
        assertThat(c.keyingtries()).isEqualTo(1);
        assertThat(c.unique()).isEqualTo(ConnectionConfig.Unique.NO);
        assertThat(c.reauthTime()).isZero();
        assertThat(c.rekeyTime()).isEqualTo(Duration.ofHours(4));
        assertThat(c.overTime()).isEqualTo(Duration.ofMinutes(24));
        assertThat(c.randTime()).isEqualTo(Duration.ofMinutes(24));
        assertThat(c.ifIdIn()).isEmpty();
        assertThat(c.local()).singleElement().extracting(AuthConfig::auth).isEqualTo("pubkey");
        assertThat(c.remote()).singleElement().satisfies(a -> {
            assertThat(a.auth()).isEqualTo("pubkey");
            assertThat(a.revocation()).isEqualTo(AuthConfig.Revocation.RELAXED);
        });
        ChildConfig ch = c.child("ch").orElseThrow();
        assertThat(ch.localTs()).containsExactly("dynamic");
        assertThat(ch.remoteTs()).containsExactly("dynamic");
        assertThat(ch.espProposals()).containsExactly("default");
        assertThat(ch.ahProposals()).isEmpty();
        assertThat(ch.mode()).isEqualTo(ChildConfig.Mode.TUNNEL);
        assertThat(ch.startAction()).isEqualTo(ChildConfig.StartAction.NONE);
        assertThat(ch.closeAction()).isEqualTo(ChildConfig.CloseAction.NONE);
        assertThat(ch.dpdAction()).isEqualTo(ChildConfig.DpdAction.CLEAR);
        assertThat(ch.rekeyTime()).isEqualTo(Duration.ofHours(1));
        assertThat(ch.lifeTime()).isEqualTo(Duration.ofMinutes(66));
        assertThat(ch.randTime()).isEqualTo(Duration.ofMinutes(6));
        assertThat(ch.rekeyBytes()).isZero();
        assertThat(ch.lifeBytes()).isZero();
        assertThat(ch.randBytes()).isZero();
        assertThat(ch.rekeyPackets()).isZero();
        assertThat(ch.inactivity()).isZero();
        assertThat(ch.reqid()).isZero();
        assertThat(ch.priority()).isZero();
        assertThat(ch.hostaccess()).isFalse();
        assertThat(ch.policies()).isTrue();
        assertThat(ch.replayWindow()).isEqualTo(32);
        assertThat(ch.ipcomp()).isFalse();
        assertThat(ch.copyDf()).isTrue();
        assertThat(ch.copyEcn()).isTrue();
        assertThat(ch.copyDscp()).isEqualTo(ChildConfig.CopyDscp.OUT);
        assertThat(ch.hwOffload()).isEqualTo(ChildConfig.HwOffload.NO);
        assertThat(ch.sha256_96()).isFalse();
        assertThat(ch.markIn()).isEmpty();
    }

    @Test
    void overTimeUsesTheLargerOfRekeyAndReauth() {
        ConnectionConfig c = load("connections {\n c {\n  reauth_time = 10h\n  rekey_time = 0\n }\n}\n")
                .config().connection("c").orElseThrow();
        assertThat(c.overTime()).isEqualTo(Duration.ofHours(1));
        assertThat(c.randTime()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "rekey_time = 30;true", "rekey_time = 30s;true", "rekey_time = 5m;true", "rekey_time = 2h;true",
        "rekey_time = 1d;true", "rekey_time = fast;false", "rekey_time = -5m;false", "rekey_time = 5x;false",
        "rekey_bytes = 1000;true", "rekey_bytes = 10k;true", "rekey_bytes = 10K;true", "rekey_bytes = 5M;true",
        "rekey_bytes = 1G;true", "rekey_bytes = 1T;false", "rekey_packets = lots;false",
        "hostaccess = yes;true", "hostaccess = false;true", "hostaccess = maybe;false",
        "mode = beet;true", "mode = pass;true", "mode = sideways;false",
        "start_action = route;true", "start_action = trap|start;true", "start_action = go;false",
        "replay_window = 64;true", "replay_window = 99999999999;false",
        "mark_in = 0x2a/0xff;true", "mark_in = %unique;true", "mark_in = 1/2/3;false",
        "if_id_in = %unique-dir;true", "if_id_in = abc;false", "copy_dscp = in;true", "hw_offload = warp;false",
    })
    void childValueTypes(String line, boolean valid) {
        ConfigResult r = load("connections {\n c {\n  children {\n   ch {\n    " + line + "\n   }\n  }\n }\n}\n");
        assertThat(r.hasErrors()).as(line).isEqualTo(!valid);
        if (!valid) {
            assertThat(r.errors()).singleElement().satisfies(d -> {
                assertThat(d.location().line()).isEqualTo(5);
                assertThat(d.message()).startsWith("invalid value '").contains("connections.c.children.ch");
                assertThat(d.hint()).startsWith("expected");
            });
        }
    }

    @Test
    void invalidDurationMessageMatchesTheSpec() {
        ConfigResult r = load("connections {\n x {\n  rekey_time = fast\n }\n}\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.toString()).isEqualTo("swanctl.conf:3: error: invalid value 'fast' for rekey_time in "
                    + "connections.x (expected a duration like 30s, 5m, 1h, 1d)");
        });
        assertThat(r.config().connection("x").orElseThrow().rekeyTime()).isEqualTo(Duration.ofHours(4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "version = 1;true", "version = 3;false", "fragmentation = accept;true", "fragmentation = force;true",
        "fragmentation = maybe;false", "childless = force;true", "childless = sometimes;false",
        "unique = keep;true", "unique = never;true", "unique = all;false", "local_port = 4500;true",
        "local_port = 70000;false", "encap = yes;true", "dscp = 101110;true", "dscp = 2;false",
        "keyingtries = 0;true", "dpd_timeout = 2m;true", "send_cert = sometimes;false", "vips = 0.0.0.0, ::;true",
        "mediation = no;true",
    })
    void connectionValueTypes(String line, boolean valid) {
        ConfigResult r = load("connections {\n c {\n  " + line + "\n }\n}\n");
        assertThat(r.hasErrors()).as(line).isEqualTo(!valid);
        assertThat(r.warnings()).as(line).isEmpty();
        if (!valid) {
            assertThat(r.errors()).singleElement().extracting(d -> d.location().line()).isEqualTo(3);
        }
    }

    @Test
    void unknownSettingsWarnWithLocation(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n  include conf.d/*.conf\n}\n");
        Files.writeString(dir.resolve("conf.d/x.conf"),
                "x {\n  children {\n    y {\n      mode = tunnel\n      foo = bar\n    }\n  }\n  local { auth = telepathy\n}\n}\n");
        ConfigResult r = SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("unknown setting 'foo' in connections.x.children.y");
            assertThat(d.location().file()).endsWith("conf.d/x.conf");
            assertThat(d.location().line()).isEqualTo(5);
        });
        // "local { auth = telepathy" : the value runs to end of line, so auth is invalid, not the brace
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.location().line()).isEqualTo(8));
    }

    @Test
    void validatorHookSeesValuesWithLocations() {
        List<String> seen = new ArrayList<>();
        ConfigValidator v = (kind, value, where, sink) -> {
            seen.add(kind + " " + value + " @" + where.line());
            if (value.equals("bogus")) {
                sink.error(where, "invalid proposal '" + value + "'", "expected e.g. aes256-sha256-modp2048");
            }
        };
        ConfigResult r = new SwanctlConfigLoader(SettingsLimits.defaults(), v).loadString(
                "connections {\n c {\n  proposals = aes256-sha256-modp2048, bogus\n  children {\n   ch {\n"
                        + "    esp_proposals = aes128gcm16\n    local_ts = 10.0.0.0/8\n   }\n  }\n }\n}\n",
                "v.conf", null);
        assertThat(seen).contains("IKE_PROPOSAL aes256-sha256-modp2048 @3", "IKE_PROPOSAL bogus @3",
                "ESP_PROPOSAL aes128gcm16 @6", "LOCAL_TS 10.0.0.0/8 @7");
        assertThat(r.errors()).singleElement().extracting(d -> d.location().line()).isEqualTo(3);
    }

    @Test
    void randomMutationsNeverThrow() {
        Random rnd = new Random(0x1ce4L);
        String alphabet = "{}=#\"\\\n :,abc0x%-.*include ";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(FULL);
            int edits = 1 + rnd.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int pos = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> { if (pos < sb.length()) { sb.deleteCharAt(pos); } }
                    case 1 -> sb.insert(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> { if (pos < sb.length()) { sb.setCharAt(pos, (char) rnd.nextInt(0x300)); } }
                }
            }
            ConfigResult r = load(sb.toString());
            assertThat(r).isNotNull();
            assertThat(r.diagnostics()).noneMatch(d -> d.message().startsWith("internal error"));
        }
    }
}
