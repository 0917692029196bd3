package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigAttributeType;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.pool.PoolDefinition;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swanctl.conf {@code pools} and {@code vips}/{@code pools} of connections reach the engine (RFC 7296 3.15). */
class SwanctlPoolsMappingTest {
    @Test
    void poolsAndVirtualIpsAreMapped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  rw {
                    pools = v4, v6, nowhere
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                    children {
                      net {
                        local_ts = 10.1.0.0/16
                      }
                    }
                  }
                  home {
                    remote_addrs = 192.0.2.2
                    vips = 0.0.0.0, ::
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                    children {
                      net {
                        remote_ts = 10.1.0.0/16
                      }
                    }
                  }
                }
                pools {
                  v4 {
                    addrs = 10.3.0.0/24
                    dns = 10.1.0.53, 10.1.0.54
                    nbns = 10.1.0.55
                    netmask = 255.255.255.0
                    subnet = 10.1.0.0/16
                  }
                  v6 {
                    addrs = fd00::10-fd00::20
                    dns = fd01::53
                  }
                  bad {
                    addrs = dhcp
                  }
                }
                """);
        ConfigResult r = SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
        assertThat(r.errors()).isEmpty();
        var mapped = SwanctlToEngineConfig.map(r.config());
        EngineConfig c = mapped.config();
        assertThat(c.connection("rw").orElseThrow().virtualIps().pools()).containsExactly("v4", "v6", "nowhere");
        assertThat(c.connection("home").orElseThrow().virtualIps().requested())
                .containsExactly(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("::"));
        assertThat(c.pools()).extracting(PoolDefinition::name).containsExactly("v4", "v6", "bad");
        PoolDefinition v4 = c.pools().getFirst();
        assertThat(v4.range().orElseThrow().size()).isEqualTo(254);
        assertThat(v4.attributes()).extracting(ConfigAttribute::type).containsExactly(
                ConfigAttributeType.INTERNAL_IP4_DNS.value(), ConfigAttributeType.INTERNAL_IP4_DNS.value(),
                ConfigAttributeType.INTERNAL_IP4_NBNS.value(), ConfigAttributeType.INTERNAL_IP4_NETMASK.value(),
                ConfigAttributeType.INTERNAL_IP4_SUBNET.value());
        assertThat(c.pools().get(1).range().orElseThrow().size()).isEqualTo(17);
        assertThat(c.pools().get(2).range()).isEmpty();
        assertThat(mapped.warnings()).anyMatch(w -> w.startsWith("pools.bad.addrs"))
                .contains("connections.rw.pools: no pool 'nowhere' is defined in 'pools'")
                .noneMatch(w -> w.contains("not served"));
    }
}
