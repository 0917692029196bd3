package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.eap.EapTlsConfig.Tls13Msk;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ike4j extension {@code eap_tls_msk} of a remote round: the TLS 1.3 MSK of ike4j as EAP-TLS server. */
class EapTlsMskMappingTest {
    private static ConfigResult load(Path dir, String local, String remote) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  gw {
                    remote_addrs = 192.0.2.2
                    local {
                      %s
                    }
                    remote {
                      %s
                    }
                    children {
                      net {
                        remote_ts = 10.2.0.0/16
                      }
                    }
                  }
                }
                """.formatted(local, remote));
        return SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
    }

    private static SwanctlToEngineConfig.Mapped map(ConfigResult r) {
        assertThat(r.errors()).isEmpty();
        return SwanctlToEngineConfig.map(r.config());
    }

    private static ConnectionConfig gw(SwanctlToEngineConfig.Mapped m) {
        return m.config().connection("gw").orElseThrow();
    }

    @Test
    void strongswan5OnTheRemoteRoundSelectsStrongSwansMsk(@TempDir Path dir) throws Exception {
        var m = map(load(dir, "auth = psk", "auth = eap-tls\n eap_tls_msk = strongswan5"));
        assertThat(gw(m).remote().eapTlsMsk()).isEqualTo(Tls13Msk.STRONGSWAN_5);
        assertThat(m.warnings()).noneMatch(w -> w.contains("eap_tls_msk"));
    }

    @Test
    void rfc9190ByDefaultAndWhenNamed(@TempDir Path dir) throws Exception {
        assertThat(gw(map(load(dir, "auth = psk", "auth = eap-tls"))).remote().eapTlsMsk()).isEqualTo(Tls13Msk.RFC_9190);
        assertThat(gw(map(load(dir, "auth = psk", "auth = eap-tls\n eap_tls_msk = RFC9190"))).remote().eapTlsMsk())
                .isEqualTo(Tls13Msk.RFC_9190);
    }

    @Test
    void onALocalRoundItIsIgnoredWithAWarning(@TempDir Path dir) throws Exception {
        var m = map(load(dir, "auth = eap-tls\n eap_tls_msk = strongswan5", "auth = psk"));
        assertThat(gw(m).local().eapTlsMsk()).isEqualTo(Tls13Msk.RFC_9190);
        assertThat(m.warnings()).anyMatch(w -> w.contains("eap_tls_msk") && w.contains("remote"));
    }

    @Test
    void anUnknownValueIsAConfigurationError(@TempDir Path dir) throws Exception {
        ConfigResult r = load(dir, "auth = psk", "auth = eap-tls\n eap_tls_msk = draft");
        assertThat(r.errors()).anyMatch(d -> d.message().contains("eap_tls_msk"));
    }
}
