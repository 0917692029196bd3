package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import org.junit.jupiter.api.Test;

/** {@code version} and {@code aggressive} of swanctl.conf connections reach the engine configuration. */
class SwanctlToEngineConfigVersionTest {

    private static SwanctlToEngineConfig.Mapped map(String text) {
        ConfigResult r = new SwanctlConfigLoader().loadString(text, "swanctl.conf", null);
        return SwanctlToEngineConfig.map(r.config());
    }

    private static final String CONF = """
            connections {
              v1 {
                version = 1
                remote_addrs = 192.0.2.2
                proposals = aes128-sha256-modp2048
                aggressive = %s
                local {
                  auth = psk
                  id = moon.example.org
                }
                remote {
                  auth = psk
                  id = sun.example.org
                }
                children {
                  net {
                    local_ts = 10.1.0.0/16
                    remote_ts = 10.2.0.0/16
                    esp_proposals = aes128-sha256-modp2048
                  }
                }
              }
              any {
                version = 0
                local {
                  auth = psk
                }
                remote {
                  auth = psk
                }
              }
              v2 {
                version = 2
                local {
                  auth = psk
                }
                remote {
                  auth = psk
                }
              }
            }
            """;

    @Test
    void versionOneConnectionsAreMappedNotSkipped() {
        SwanctlToEngineConfig.Mapped m = map(CONF.formatted("no"));
        ConnectionConfig v1 = m.config().connection("v1").orElseThrow();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.aggressive()).isFalse();
        assertThat(v1.children()).singleElement().extracting(c -> c.espProposals().getFirst()).isEqualTo("aes128-sha256-modp2048");
        assertThat(m.config().connection("any").orElseThrow().version()).isZero();
        assertThat(m.config().connection("v2").orElseThrow().version()).isEqualTo(2);
        assertThat(m.warnings()).noneMatch(w -> w.contains("IKEv1") || w.contains("aggressive"));
    }

    @Test
    void aggressiveModeIsMappedWithAWarning() {
        SwanctlToEngineConfig.Mapped m = map(CONF.formatted("yes"));
        assertThat(m.config().connection("v1").orElseThrow().aggressive()).isTrue();
        assertThat(m.warnings()).anyMatch(w -> w.contains("connections.v1") && w.contains("offline dictionary"));
    }
}
