package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.config.RedirectRule;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redirect (RFC 5685) among three engines: a client, a redirecting gateway g1 and the gateway g2 it points to. */
class RedirectTest {
    private MobileNet net;
    private MobileNet.Node client;
    private MobileNet.Node g1;
    private MobileNet.Node g2;

    private static EngineConfig gateway(RedirectRule... rules) {
        Configs c = new Configs();
        c.addrB = "%any";
        EngineSettings.Builder s = EngineSettings.builder();
        for (RedirectRule r : rules) s.redirect(r);
        c.settingsB = s.build();
        return c.b();
    }

    private void setUp(EngineConfig g1Config, EngineConfig g2Config) throws Exception {
        net = new MobileNet();
        client = net.node("client", new Configs().a(), "192.0.2.1");
        g1 = net.node("g1", g1Config, "192.0.2.2");
        g2 = net.node("g2", g2Config, "192.0.2.3");
    }

    private static RedirectRule rule(RedirectRule.Stage stage, String gw) {
        return new RedirectRule(stage, List.of("%any"), Optional.empty(), gw);
    }

    private void connect() {
        net.input(client, new EngineInput.Initiate("gw", "net"));
        net.run(Duration.ofSeconds(2));
    }

    private void assertEstablishedWithG2() throws Exception {
        assertThat(client.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(client.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(client.engine.listSas()).hasSize(1);
        assertThat(client.engine.listSas().getFirst().remote().address()).isEqualTo(InetAddress.getByName("192.0.2.3"));
        assertThat(g2.engine.listSas()).hasSize(1);
        assertThat(g2.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(g1.engine.listSas()).isEmpty();
        assertThat(g1.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
    }

    @Test
    void redirectedDuringIkeSaInit() throws Exception {
        setUp(gateway(rule(RedirectRule.Stage.INIT, "192.0.2.3")), gateway());
        connect();
        assertEstablishedWithG2();
        assertThat(client.logged("IKE_SA_INIT redirected from 192.0.2.2 to 192.0.2.3")).isTrue();
        assertThat(g1.events(SaEvent.IkeSaEstablished.class)).isEmpty();
    }

    @Test
    void redirectedInIkeAuthAfterAuthentication() throws Exception {
        setUp(gateway(rule(RedirectRule.Stage.AUTH, "192.0.2.3")), gateway());
        connect();
        assertEstablishedWithG2();
        assertThat(client.logged("IKE_AUTH redirected from 192.0.2.2 to 192.0.2.3")).isTrue();
        assertThat(g1.logged("redirecting moon.example.org to 192.0.2.3 in IKE_AUTH")).isTrue();
    }

    @Test
    void authStageRuleMatchesTheIdentity() throws Exception {
        RedirectRule other = new RedirectRule(RedirectRule.Stage.AUTH, List.of("%any"),
                Optional.of(io.ike4j.core.config.Identity.fqdn("someone.else")), "192.0.2.3");
        setUp(gateway(other), gateway());
        connect();
        assertThat(client.engine.listSas().getFirst().remote().address()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        assertThat(g2.engine.listSas()).isEmpty();
    }

    @Test
    void establishedSaRedirectedByTheGateway() throws Exception {
        setUp(gateway(), gateway());
        connect();
        assertThat(client.engine.listSas().getFirst().remote().address()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        long id = g1.engine.listSas().getFirst().ikeSaId();
        net.input(g1, new EngineInput.Redirect(id, "192.0.2.3"));
        net.run(Duration.ofSeconds(2));
        assertThat(client.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(client.events(SaEvent.ChildSaEstablished.class)).hasSize(2);
        assertThat(client.engine.listSas()).hasSize(1);
        assertThat(client.engine.listSas().getFirst().remote().address()).isEqualTo(InetAddress.getByName("192.0.2.3"));
        assertThat(g1.engine.listSas()).isEmpty();
        assertThat(g2.engine.listSas()).hasSize(1);
    }

    @Test
    void redirectLoopsStopAfterFiveWithinFiveMinutes() throws Exception {
        setUp(gateway(rule(RedirectRule.Stage.INIT, "192.0.2.3")), gateway(rule(RedirectRule.Stage.INIT, "192.0.2.2")));
        connect();
        List<SaEvent.IkeSaFailed> failed = client.events(SaEvent.IkeSaFailed.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.getFirst().reason()).contains("redirected 5 times");
        assertThat(client.engine.listSas()).isEmpty();
        assertThat(g1.engine.listSas()).isEmpty();
        assertThat(g2.engine.listSas()).isEmpty();
    }

    @Test
    void redirectOfAnEstablishedSaNeedsTheGatewayRole() throws Exception {
        setUp(gateway(), gateway());
        connect();
        long id = client.engine.listSas().getFirst().ikeSaId();
        net.input(client, new EngineInput.Redirect(id, "192.0.2.3")); // the client never saw REDIRECT_SUPPORTED
        net.run(Duration.ofSeconds(2));
        assertThat(g1.engine.listSas()).hasSize(1);
        assertThat(client.logged("cannot redirect")).isTrue();
    }
}
