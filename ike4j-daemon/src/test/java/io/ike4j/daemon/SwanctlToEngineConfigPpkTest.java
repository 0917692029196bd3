package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8784 settings of swanctl.conf: ppk_id, ppk_required and secrets.ppk* reach the engine. */
class SwanctlToEngineConfigPpkTest {

    @Test
    void ppkIdRequiredAndSecretsAreMapped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  gw {
                    remote_addrs = 192.0.2.2
                    ppk_id = pqpsk@example.org
                    ppk_required = yes
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                  }
                  plain {
                    remote_addrs = 192.0.2.3
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                  }
                }
                secrets {
                  ppk-pq {
                    secret = 0x000102030405060708090a0b0c0d0e0f
                    id = pqpsk@example.org
                  }
                  ike-1 {
                    secret = "a pre-shared key"
                  }
                }
                """);
        ConfigResult r = SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
        assertThat(r.errors()).isEmpty();
        EngineConfig c = SwanctlToEngineConfig.map(r.config()).config();
        assertThat(c.connection("gw").orElseThrow().ppk()).isEqualTo(new ConnectionConfig.Ppk(Optional.of("pqpsk@example.org"), true));
        assertThat(c.connection("plain").orElseThrow().ppk()).isEqualTo(ConnectionConfig.Ppk.NONE);
        assertThat(c.credentials().ppks().secrets()).singleElement().satisfies(p -> {
            assertThat(p.ids()).extracting(Identity::data)
                    .containsExactly("pqpsk@example.org".getBytes(StandardCharsets.US_ASCII));
            assertThat(p.secret()).containsExactly(java.util.HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        });
        // the PPK is not a pre-shared key for authentication
        assertThat(c.credentials().sharedKeys().secrets()).extracting(SharedSecret::secret)
                .containsExactly("a pre-shared key".getBytes(StandardCharsets.US_ASCII));
    }
}
