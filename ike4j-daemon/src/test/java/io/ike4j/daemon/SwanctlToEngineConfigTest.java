package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwanctlToEngineConfigTest {
    private static ConfigResult load(Path dir) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  gw {
                    remote_addrs = 192.0.2.2
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                    children {
                      net {
                        remote_ts = 10.2.0.0/16
                      }
                    }
                  }
                }
                """);
        ConfigResult r = SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
        assertThat(r.errors()).isEmpty();
        return r;
    }

    @Test
    void boundPortsBecomeTheEnginesIkeAndNatTraversalPorts(@TempDir Path dir) throws Exception {
        EngineConfig c = SwanctlToEngineConfig.map(load(dir).config(), new SwanctlToEngineConfig.Ports(20500, 24500)).config();
        assertThat(c.settings().ikePort()).isEqualTo(20500);
        assertThat(c.settings().natTraversalPort()).isEqualTo(24500);
        assertThat(c.connection("gw").orElseThrow().localPort()).isEqualTo(20500);
    }

    @Test
    void standardPortsByDefault(@TempDir Path dir) throws Exception {
        EngineConfig c = SwanctlToEngineConfig.map(load(dir).config()).config();
        assertThat(c.settings().ikePort()).isEqualTo(500);
        assertThat(c.settings().natTraversalPort()).isEqualTo(4500);
    }
}
