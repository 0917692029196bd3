package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.Diagnostic;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Moving IKEv1 connections from strongSwan by copying their swanctl.conf sections (in the style of strongSwan's
 * swanctl/ikev1 test scenarios): every key strongSwan uses for IKEv1 parses without an "unknown" diagnostic; what the
 * engine serves arrives there (XAuth rounds, pools/vips, Mode Config push/pull); what it does not serve is named in a
 * warning rather than silently dropped.
 */
class Ikev1SwanctlMigrationTest {

    private static final String NET2NET_CERT = """
            connections {
              gw-gw {
                version = 1
                local_addrs = 192.168.0.1
                remote_addrs = 192.168.0.2
                proposals = aes128-sha256-modp3072
                reauth_time = 60m
                over_time = 5m
                rand_time = 2m
                dpd_delay = 30s
                dpd_timeout = 150s
                unique = replace
                send_cert = always
                send_certreq = yes
                keyingtries = 0
                local {
                  auth = pubkey
                  certs = moonCert.pem
                  id = moon.strongswan.org
                }
                remote {
                  auth = pubkey
                  id = sun.strongswan.org
                }
                children {
                  net-net {
                    local_ts = 10.1.0.0/16
                    remote_ts = 10.2.0.0/16
                    rekey_time = 20m
                    life_time = 24m
                    rand_time = 1m
                    esp_proposals = aes128-sha256-modp3072
                    dpd_action = restart
                    start_action = trap
                    close_action = none
                    mode = tunnel
                  }
                }
              }
            }
            """;

    private static final String RW_XAUTH_SERVER = """
            connections {
              rw {
                version = 1
                aggressive = yes
                local_addrs = 192.168.0.1
                pools = rw_pool
                proposals = aes256-sha256-modp2048
                local {
                  auth = psk
                  id = moon.strongswan.org
                }
                remote {
                  auth = psk
                }
                remote-xauth {
                  auth = xauth
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    esp_proposals = aes256-sha256
                  }
                }
              }
            }
            pools {
              rw_pool {
                addrs = 10.3.0.0/28
                dns = 10.1.0.20, 10.1.0.21
              }
            }
            secrets {
              ike-rw {
                secret = 0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL
              }
              xauth-carol {
                id = carol
                secret = "carol's password"
              }
            }
            """;

    private static final String RW_XAUTH_CLIENT = """
            connections {
              home {
                version = 1
                remote_addrs = 192.168.0.1
                vips = 0.0.0.0
                proposals = aes256-sha256-modp2048
                local {
                  auth = psk
                  id = carol@strongswan.org
                }
                local-xauth {
                  auth = xauth
                  xauth_id = carol
                }
                remote {
                  auth = psk
                  id = moon.strongswan.org
                }
                children {
                  home {
                    remote_ts = 10.1.0.0/16
                    esp_proposals = aes256-sha256
                  }
                }
              }
            }
            """;

    private static SwanctlToEngineConfig.Mapped load(String text) {
        ConfigResult r = new SwanctlConfigLoader().loadString(text, "swanctl.conf", null);
        assertThat(r.errors()).as("errors").isEmpty();
        assertThat(r.warnings()).extracting(Diagnostic::message).as("every key is known").noneMatch(m -> m.contains("unknown"));
        return SwanctlToEngineConfig.map(r.config());
    }

    @Test
    void siteToSiteWithCertificatesKeepsItsTimersAndDpd() {
        SwanctlToEngineConfig.Mapped m = load(NET2NET_CERT);
        ConnectionConfig c = m.config().connection("gw-gw").orElseThrow();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.aggressive()).isFalse();
        assertThat(c.reauthTime()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.overTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.dpdDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dpdTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(c.unique()).isEqualTo(ConnectionConfig.Unique.REPLACE);
        assertThat(c.local().sendCert()).isEqualTo(io.ike4j.core.auth.cert.CertificateRequests.SendPolicy.ALWAYS);
        assertThat(c.local().method()).isEqualTo(io.ike4j.core.config.AuthClass.PUBKEY);
        ChildConfig child = c.children().getFirst();
        assertThat(child.rekeyTime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(child.lifeTime()).isEqualTo(Duration.ofMinutes(24));
        assertThat(child.dpdAction()).isEqualTo(ChildConfig.Action.START);
        assertThat(child.startAction()).isEqualTo(ChildConfig.Action.TRAP);
        // the certificate file is not there in this test: said, not hidden
        assertThat(m.warnings()).anyMatch(w -> w.contains("moonCert.pem"));
    }

    @Test
    void xauthServerWithPoolsMapsTheXauthRoundPoolsAndSecrets() {
        SwanctlToEngineConfig.Mapped m = load(RW_XAUTH_SERVER);
        ConnectionConfig c = m.config().connection("rw").orElseThrow();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.aggressive()).isTrue();
        assertThat(c.remoteRounds()).extracting(io.ike4j.core.config.AuthConfig::method)
                .containsExactly(io.ike4j.core.config.AuthClass.PSK, io.ike4j.core.config.AuthClass.XAUTH);
        assertThat(c.virtualIps().pools()).containsExactly("rw_pool");
        assertThat(c.virtualIps().push()).isFalse();
        assertThat(m.config().credentials().eapSecrets().lookup(io.ike4j.core.config.Identity.fqdn("carol"),
                io.ike4j.core.config.Identity.ANY)).map(s -> new String(s.secret())).contains("carol's password");
        assertThat(m.warnings()).anyMatch(w -> w.contains("offline dictionary"))
                .noneMatch(w -> w.contains("authentication round") || w.contains("Mode Config"));
    }

    @Test
    void xauthClientWithVirtualIpRequestMapsXauthIdAndPushMode() {
        SwanctlToEngineConfig.Mapped m = load(RW_XAUTH_CLIENT.replace("vips = 0.0.0.0", "vips = 0.0.0.0\n    pull = no"));
        ConnectionConfig c = m.config().connection("home").orElseThrow();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.localRounds()).hasSize(2);
        assertThat(c.localRounds().get(1).method()).isEqualTo(io.ike4j.core.config.AuthClass.XAUTH);
        assertThat(c.localRounds().get(1).eapId()).contains("carol");
        assertThat(c.virtualIps().requested()).extracting(java.net.InetAddress::getHostAddress).containsExactly("0.0.0.0");
        assertThat(c.virtualIps().push()).isTrue();
        assertThat(m.warnings()).noneMatch(w -> w.contains("authentication round") || w.contains("vips"));
    }

    @Test
    void xauthRadiusAndXauthEapUseTheAaaBackend() {
        for (String auth : new String[] {"xauth-radius", "xauth-eap"}) {
            SwanctlToEngineConfig.Mapped m = load(RW_XAUTH_SERVER.replace("auth = xauth", "auth = " + auth));
            ConnectionConfig c = m.config().connection("rw").orElseThrow();
            assertThat(c.remoteRounds().get(1).method()).isEqualTo(io.ike4j.core.config.AuthClass.XAUTH);
            assertThat(c.remoteRounds().get(1).eap()).contains(auth.equals("xauth-radius")
                    ? io.ike4j.core.config.EapMethod.RADIUS : io.ike4j.core.config.EapMethod.MD5);
            assertThat(m.warnings()).anyMatch(w -> w.contains("no radius.servers section"));
        }
    }

    @Test
    void xauthBackendsNotServedSkipTheConnectionInsteadOfDroppingTheSecondFactor() {
        SwanctlToEngineConfig.Mapped m = load(RW_XAUTH_SERVER.replace("auth = xauth", "auth = xauth-pam"));
        assertThat(m.config().connection("rw")).isEmpty();
        assertThat(m.warnings()).anyMatch(w -> w.contains("xauth-pam is not supported"));
    }
}
