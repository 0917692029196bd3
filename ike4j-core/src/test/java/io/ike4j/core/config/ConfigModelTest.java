package io.ike4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigModelTest {
    @Test
    void swanctlDefaults() throws Exception {
        ConnectionConfig c = ConnectionConfig.builder("gw").child(ChildConfig.builder("net").build()).build();
        assertThat(c.localAddrs()).containsExactly("%any");
        assertThat(c.ikeProposals()).containsExactly("default");
        assertThat(c.rekeyTime()).isEqualTo(Duration.ofHours(4));
        assertThat(c.overTime()).isEqualTo(Duration.ofMinutes(24));
        assertThat(c.localIdentity(InetAddress.getByName("192.0.2.1"))).isEqualTo(Identity.of("192.0.2.1"));
        assertThat(c.remoteIdentity().isAny()).isTrue();
        ChildConfig child = c.child("net").orElseThrow();
        assertThat(child.localTs()).containsExactly("dynamic");
        assertThat(child.lifeTime()).isEqualTo(Duration.ofMinutes(66));
        assertThat(child.randTime()).isEqualTo(Duration.ofMinutes(6));
        assertThat(child.mode()).isEqualTo(ChildConfig.Mode.TUNNEL);
    }

    @Test
    void engineConfigLooksUpConnectionsAndRejectsDuplicates() {
        EngineConfig cfg = EngineConfig.builder().connection(ConnectionConfig.builder("a").build())
                .connection(ConnectionConfig.builder("b").build()).secret(SharedSecret.of("s")).build();
        assertThat(cfg.connection("b")).isPresent();
        assertThat(cfg.connection("c")).isEmpty();
        assertThat(cfg.settings().retransmitTries()).isEqualTo(5);
        assertThatThrownBy(() -> new EngineConfig(List.of(ConnectionConfig.builder("a").build(),
                ConnectionConfig.builder("a").build()), null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retransmitBackoffLikeStrongSwan() {
        EngineSettings s = EngineSettings.DEFAULTS;
        assertThat(s.retransmitDelay(0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.retransmitDelay(1)).isEqualTo(Duration.ofMillis(7200));
        assertThat(s.retransmitDelay(2)).isEqualTo(Duration.ofMillis(12960));
    }

    @Test
    void addressMatching() throws Exception {
        InetAddress a = InetAddress.getByName("10.1.2.3");
        assertThat(AddressMatch.best(List.of("%any"), a)).isEqualTo(AddressMatch.ANY);
        assertThat(AddressMatch.best(List.of("10.0.0.0/8"), a)).isEqualTo(AddressMatch.RANGE);
        assertThat(AddressMatch.best(List.of("10.1.2.0-10.1.2.9", "10.1.2.3"), a)).isEqualTo(AddressMatch.EXACT);
        assertThat(AddressMatch.best(List.of("%any6", "192.168.0.0/16"), a)).isEqualTo(AddressMatch.NONE);
        assertThat(AddressMatch.firstConcrete(List.of("%any", "10.9.9.9"))).contains(InetAddress.getByName("10.9.9.9"));
    }
}
