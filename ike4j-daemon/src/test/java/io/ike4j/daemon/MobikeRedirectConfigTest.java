package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.RedirectRule;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swanctl {@code mobike} and the ike4j extensions {@code redirect_init} / {@code redirect_auth} reach the engine. */
class MobikeRedirectConfigTest {
    private static EngineConfig map(Path dir, String extra) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  gw {
                    remote_addrs = 198.51.100.0/24
                    %s
                    local {
                      auth = psk
                    }
                    remote {
                      auth = psk
                    }
                  }
                }
                """.formatted(extra));
        ConfigResult r = SwanctlConfigLoader.load(dir.resolve("swanctl.conf"));
        assertThat(r.errors()).isEmpty();
        return SwanctlToEngineConfig.map(r.config()).config();
    }

    @Test
    void mobikeIsOnByDefaultAndCanBeTurnedOff(@TempDir Path dir) throws Exception {
        assertThat(map(dir, "").connection("gw").orElseThrow().mobike()).isTrue();
        assertThat(map(dir, "mobike = no").connection("gw").orElseThrow().mobike()).isFalse();
    }

    @Test
    void redirectRulesFollowTheConnection(@TempDir Path dir) throws Exception {
        EngineConfig c = map(dir, "redirect_init = 192.0.2.9\n redirect_auth = vpn2.example.org");
        assertThat(c.settings().redirects()).hasSize(2);
        InetAddress inside = InetAddress.getByName("198.51.100.7"), outside = InetAddress.getByName("203.0.113.1");
        RedirectRule init = c.settings().redirectFor(RedirectRule.Stage.INIT, inside, null, null).orElseThrow();
        assertThat(init.gateway()).isEqualTo("192.0.2.9");
        assertThat(c.settings().redirectFor(RedirectRule.Stage.INIT, outside, null, null)).isEmpty();
        assertThat(c.settings().redirectFor(RedirectRule.Stage.AUTH, inside, null, "gw").orElseThrow().gateway())
                .isEqualTo("vpn2.example.org");
        assertThat(c.settings().redirectFor(RedirectRule.Stage.AUTH, inside, null, "other")).isEmpty();
        assertThat(map(dir, "").settings().redirects()).isEmpty();
    }
}
