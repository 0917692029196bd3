package io.ike4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.config.ChildConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void sessionParamsKeepTheirValuesAndNeverPrintThePsk() throws Exception {
        IkeSessionParams p = IkeSessionParams.builder().serverAddress(InetAddress.getByName("192.0.2.1"))
                .serverPort(4500).localIdentity("carol@example.org").remoteIdentity("moon.example.org")
                .psk("sesame-secret").addIkeProposal("aes256gcm16-prfsha384-x25519").localPort(0).build();
        assertThat(p.psk()).isEqualTo("sesame-secret".getBytes());
        assertThat(p.ikeProposals()).containsExactly("aes256gcm16-prfsha384-x25519");
        assertThat(p.localPort()).isZero();
        assertThat(p.localNatTraversalPort()).isEqualTo(4500);
        assertThat(p.retransmission()).isEqualTo(Retransmission.DEFAULT);
        assertThat(p.toString()).contains("carol@example.org").doesNotContain("sesame");
    }

    @Test
    void sessionParamsRejectIncompleteOrInvalidInput() throws Exception {
        assertThatThrownBy(() -> IkeSessionParams.builder().psk("x").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IkeSessionParams.builder().serverAddress(InetAddress.getLoopbackAddress()).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IkeSessionParams.builder().serverPort(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IkeSessionParams.builder().localIdentity("@#zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IkeSessionParams.builder().psk(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retransmission(java.time.Duration.ZERO, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childParamsBecomeTheEngineChildConfig() {
        ChildSessionParams c = ChildSessionParams.builder().name("net").addLocalTrafficSelector("10.1.0.0/16")
                .addRemoteTrafficSelector("10.2.0.0/16").addEspProposal("aes128gcm16").mode(ChildSessionParams.Mode.TRANSPORT)
                .build();
        ChildConfig cfg = c.toChildConfig();
        assertThat(cfg.name()).isEqualTo("net");
        assertThat(cfg.localTs()).containsExactly("10.1.0.0/16");
        assertThat(cfg.remoteTs()).containsExactly("10.2.0.0/16");
        assertThat(cfg.espProposals()).containsExactly("aes128gcm16");
        assertThat(cfg.mode()).isEqualTo(ChildConfig.Mode.TRANSPORT);
        ChildConfig defaults = ChildSessionParams.builder().build().toChildConfig();
        assertThat(defaults.localTs()).containsExactly("dynamic");
        assertThat(defaults.espProposals()).containsExactly("default");
    }

    @Test
    void gatewayParamsBindEachPskToItsPeer() {
        IkeGatewayParams g = IkeGatewayParams.builder().localIdentity("gw.example").addPeer("carol@example.org", "k1")
                .addPeer("%any", "k2").child(ChildSessionParams.builder().build()).build();
        assertThat(g.peerIdentities()).containsExactly("carol@example.org", "%any");
        assertThat(g.secrets()).hasSize(2);
        assertThat(g.secrets().get(0).ids()).hasSize(1);
        assertThat(g.secrets().get(1).ids()).isEmpty();
        assertThat(g.secrets().get(0).secret()).isEqualTo("k1".getBytes());
        assertThat(g.toString()).doesNotContain("k1").doesNotContain("k2");
        assertThatThrownBy(() -> IkeGatewayParams.builder().child(ChildSessionParams.builder().build()).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
