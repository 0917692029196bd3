package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IKEv1 XAuth (draft-beaulieu-ike-xauth, strongSwan's xauth-generic) and Mode Config (draft-dukes-ike-mode-cfg, pull)
 * between ike4j (LEFT, inner 10.1.0.1) and strongSwan 5.9.8 (RIGHT, inner 10.2.0.1), pull and push ({@code pull = no})
 * mode, in strongSwan's remote access
 * syntax: the gateway has {@code remote-2 { auth = xauth }} and a pool, the client {@code local-2 { auth = xauth;
 * xauth_id = carol }} and {@code vips = 0.0.0.0}. Each direction: the client gets a virtual IP from the gateway's pool
 * and pings through user-space ESP from it; a wrong XAuth password fails on both sides with no SA left.
 */
class Ikev1XauthInteropTest extends SharedDirectLab {
    private static final Duration PING = Duration.ofSeconds(30);
    private static final String XAUTH_SECRET = "carol's xauth password";

    @ParameterizedTest(name = "pull {0}")
    @ValueSource(booleans = {true, false})
    void strongSwanClientGetsAVirtualIpFromAnIke4jXauthGateway(boolean pull) {
        String conn = freshConnection();
        load(conn, Side.LEFT, XAUTH_SECRET, pull, "pools = rw1", "pools {\n  rw1 {\n    addrs = 10.3.0.0/24\n    dns = 10.1.0.53\n  }\n}\n");
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(Direction.STRONGSWAN_INITIATES, conn, CHILD);
        assertThat(sa.responder().child(CHILD).orElseThrow().remoteTs()).containsExactly("10.3.0.1/32");
        assertThat(ike4jLog.text()).contains("XAuth authentication of 'carol' successful")
                .contains("assigning virtual IP 10.3.0.1 to peer 'carol' from pool rw1");
        assertThat(swanLog.text()).contains("XAuth authentication of 'carol' (myself) successful")
                .contains("installing new virtual IP 10.3.0.1")
                .containsPattern(pull ? "generating TRANSACTION request \\d+ \\[ HASH CPRQ\\(ADDR" : "parsed TRANSACTION request \\d+ \\[ HASH CPS\\(ADDR");

        assertThat(ike4jListSasJson()).as("list-sas shows the peer's virtual IP on the ISAKMP SA, as VICI does")
                .containsPattern("\"remote-vips\"\\s*:\\s*\\[\\s*\"10\\.3\\.0\\.1\"\\s*\\]");

        ping(Side.RIGHT, "10.3.0.1", lab().innerAddress(Side.LEFT));

        pair.terminate(Direction.STRONGSWAN_INITIATES, conn);
        String after = pair.ike4j().cli(Duration.ofSeconds(20), "list-pools", "--leases", "--json").orThrow().stdout();
        assertThat(after).as("the lease goes offline with the ISAKMP SA").contains("\"online\":0").contains("\"offline\":1");
    }

    @ParameterizedTest(name = "pull {0}")
    @ValueSource(booleans = {true, false})
    void ike4jClientGetsAVirtualIpFromAStrongSwanXauthGateway(boolean pull) {
        String conn = freshConnection();
        load(conn, Side.RIGHT, XAUTH_SECRET, pull, "pools = sw1", "pools {\n  sw1 {\n    addrs = 10.4.0.0/24\n    dns = 10.2.0.53\n  }\n}\n");
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(Direction.IKE4J_INITIATES, conn, CHILD);
        assertThat(sa.initiator().child(CHILD).orElseThrow().localTs()).containsExactly("10.4.0.1/32");
        assertThat(ike4jLog.text()).contains("XAuth authentication of 'carol' (myself) successful")
                .contains("installing new virtual IP 10.4.0.1").contains("received INTERNAL_IP4_DNS 10.2.0.53");
        assertThat(swanLog.text()).contains("XAuth authentication of 'carol' successful")
                .containsPattern(pull ? "parsed TRANSACTION request \\d+ \\[ HASH CPRQ\\(ADDR" : "generating TRANSACTION request \\d+ \\[ HASH CPS\\(ADDR");
        assertThat(lab().exec(Side.LEFT, "ip", "-4", "addr", "show", "dev", "ike4j0").stdout()).contains("10.4.0.1/32");

        assertThat(ike4jListSasJson()).as("list-sas shows our virtual IP on the ISAKMP SA, as VICI does")
                .containsPattern("\"local-vips\"\\s*:\\s*\\[\\s*\"10\\.4\\.0\\.1\"\\s*\\]");

        ping(Side.LEFT, "10.4.0.1", lab().innerAddress(Side.RIGHT));

        pair.terminate(Direction.IKE4J_INITIATES, conn);
        assertThat(lab().exec(Side.LEFT, "ip", "-4", "addr", "show", "dev", "ike4j0").stdout())
                .as("the virtual IP goes with its ISAKMP SA").doesNotContain("10.4.0.1");
    }

    /**
     * ike4j as gateway checks the XAuth password with FreeRADIUS (127.0.0.1 in its namespace): {@code xauth-radius}
     * as a PAP Access-Request, {@code xauth-eap} as an EAP-MD5 conversation; a wrong password is rejected by RADIUS.
     */
    @ParameterizedTest(name = "{0}, right password {1}")
    @org.junit.jupiter.params.provider.CsvSource({"xauth-radius,true", "xauth-eap,true", "xauth-radius,false"})
    void ike4jGatewayChecksXauthWithFreeRadius(String auth, boolean right) {
        org.junit.jupiter.api.Assumptions.assumeTrue(FreeRadius.available() || Boolean.getBoolean("ike4j.requireInterop"),
                "FreeRADIUS not installed");
        try (FreeRadius radius = new FreeRadius(lab(), pair.ike4jSide(), "carol Cleartext-Password := \"" + XAUTH_SECRET + "\"")) {
            String conn = freshConnection();
            String radiusSection = "radius {\n  servers {\n    lab {\n      address = 127.0.0.1\n      secret = "
                    + FreeRadius.SECRET + "\n    }\n  }\n}\n";
            load(conn, Side.LEFT, right ? XAUTH_SECRET : "not carol's password", auth, true, "pools = rad1",
                    "pools {\n  rad1 {\n    addrs = 10.6.0.0/24\n  }\n}\n" + radiusSection);
            LogSince ike4jLog = LogSince.mark(pair.ike4j());
            if (right) {
                pair.establish(Direction.STRONGSWAN_INITIATES, conn, CHILD);
                assertThat(ike4jLog.text()).contains("XAuth authentication of 'carol' successful");
                assertThat(radius.output()).contains("Sent Access-Accept");
                ping(Side.RIGHT, "10.6.0.1", lab().innerAddress(Side.LEFT));
                pair.terminate(Direction.STRONGSWAN_INITIATES, conn);
            } else {
                ExecResult r = pair.strongSwan().tryInitiate(CHILD);
                assertThat(r.ok()).as(r.describe()).isFalse();
                pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
                pair.ike4j().awaitNoSas(PeerPair.SETTLE);
                assertThat(ike4jLog.text()).contains("AAA backend refused XAuth user 'carol'")
                        .contains("XAuth authentication of 'carol' failed");
                assertThat(radius.output()).contains("Sent Access-Reject");
            }
        }
    }

    /** The client's XAuth password is wrong: the gateway SETs status 0, both sides log it and keep no SA. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void wrongXauthPasswordFailsCleanlyOnBothSides(Direction d) {
        String conn = freshConnection();
        Side gateway = pair.side(pair.responder(d));
        load(conn, gateway, "not carol's password", true, "pools = bad" + conn, "pools {\n  bad" + conn + " {\n    addrs = 10.5.0.0/24\n  }\n}\n");
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
        if (d == Direction.STRONGSWAN_INITIATES) {
            assertThat(ike4jLog.text()).contains("XAuth authentication of 'carol' failed");
            assertThat(swanLog.text()).contains("XAuth authentication of 'carol' (myself) failed");
        } else {
            assertThat(ike4jLog.text()).contains("XAuth authentication of 'carol' (myself) failed");
            assertThat(swanLog.text()).contains("XAuth authentication of 'carol' failed")
                    .contains("destroying IKE_SA after failed XAuth authentication");
        }
    }

    /**
     * Writes both sides' swanctl.conf: the lab's PSK connection (IKEv1) plus the XAuth rounds, the gateway's pool
     * ({@code gatewaySettings}, {@code gatewayExtra}) and the client's {@code vips}, Mode Config {@code pull} or push
     * ({@code pull = no} on both sides); the gateway knows carol's
     * {@link #XAUTH_SECRET}, the client uses {@code clientSecret}.
     */
    private void load(String conn, Side gateway, String clientSecret, boolean pull, String gatewaySettings, String gatewayExtra) {
        load(conn, gateway, clientSecret, "xauth", pull, gatewaySettings, gatewayExtra);
    }

    private void load(String conn, Side gateway, String clientSecret, String gatewayAuth, boolean pull, String gatewaySettings,
                      String gatewayExtra) {
        Function<Side, String> text = side -> {
            boolean gw = side == gateway;
            SwanctlConf c = conf(conn, (s, x) -> x.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256"))
                    .apply(side);
            c = gw ? c.localTs(lab().innerAddress(side).replaceFirst("\\.\\d+\\.\\d+$", ".0.0/16")).remoteTs("dynamic")
                    .connectionSettings(gatewaySettings + (pull ? "" : "\npull = no")).extra(gatewayExtra)
                    : c.localTs("dynamic").remoteTs(lab().innerAddress(gateway).replaceFirst("\\.\\d+\\.\\d+$", ".0.0/16"))
                    .connectionSettings("vips = 0.0.0.0" + (pull ? "" : "\npull = no"));
            String round = gw ? "    remote-2 {\n      auth = " + gatewayAuth + "\n    }\n"
                    : "    local-2 {\n      auth = xauth\n      xauth_id = carol\n    }\n";
            String secret = "  xauth-carol {\n    id = carol\n    secret = \"" + (gw ? XAUTH_SECRET : clientSecret) + "\"\n  }\n";
            return c.render().replaceFirst("\n    children \\{\n", "\n" + round + "    children {\n")
                    .replaceFirst("\nsecrets \\{\n", "\nsecrets {\n" + secret);
        };
        Side swan = pair.side(pair.strongSwan()), ike4j = pair.side(pair.ike4j());
        try {
            Path swanConf = lab().dir("strongswan-" + swan.name().toLowerCase(Locale.ROOT)).resolve("swanctl-xauth.conf");
            Files.writeString(swanConf, text.apply(swan));
            pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--clear", "--file", swanConf.toString()).orThrow();
            Files.writeString(lab().dir("ike4j-" + ike4j.name().toLowerCase(Locale.ROOT)).resolve("swanctl.conf"), text.apply(ike4j));
            pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ike4j's {@code list-sas --json}, once the virtual IP is in it (Mode Config ends after the SA is reported). */
    private String ike4jListSasJson() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String json;
        do {
            json = pair.ike4j().cli(Duration.ofSeconds(20), "list-sas", "--json").orThrow().stdout();
            if (json.contains("-vips\"")) return json;
            IkePeer.sleep(200);
        } while (System.nanoTime() < deadline);
        return json;
    }

    private void ping(Side from, String source, String to) {
        ExecResult r = lab().exec(lab().namespace(from), PING, "ping", "-c", "3", "-i", "0.2", "-W", "3", "-I", source, to);
        assertThat(r.ok()).as("ping from the virtual IP through the tunnel\n" + r.describe()).isTrue();
        assertThat(r.stdout()).contains("3 received");
    }
}
