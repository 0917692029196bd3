package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Virtual IPs (RFC 7296 3.15) between ike4j (LEFT, 192.0.2.1, inner 10.1.0.1) and strongSwan 5.9.8 (RIGHT,
 * 192.0.2.2, inner 10.2.0.1): an address from an ike4j pool to a strongSwan client, and from a strongSwan pool to an
 * ike4j client. In both cases a ping with the virtual IP as its source crosses user-space ESP (ike4j's and
 * kernel-libipsec), and the lease goes offline when the IKE SA is gone.
 */
class Ike4jVirtualIpInteropTest extends SharedDirectLab {
    private static final Duration PING = Duration.ofSeconds(30);

    @Test
    void ike4jPoolAssignsAVirtualIpToAStrongSwanClient() {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE
                ? c.localTs("10.1.0.0/16").remoteTs("dynamic").connectionSettings("pools = rw4")
                        .extra("pools {\n  rw4 {\n    addrs = 10.3.0.0/24\n    dns = 10.1.0.53\n  }\n}\n")
                : c.localTs("dynamic").remoteTs("10.1.0.0/16").connectionSettings("vips = 0.0.0.0")));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertThat(sa.responder().child(CHILD).orElseThrow().remoteTs()).containsExactly("10.3.0.1/32");
        assertThat(swanLog.text()).contains("installing new virtual IP 10.3.0.1");
        assertThat(ike4jLog.text()).contains("assigning virtual IP 10.3.0.1 to peer 'right.ike4j.test' from pool rw4");
        String pools = pair.ike4j().cli(Duration.ofSeconds(20), "list-pools", "--leases").orThrow().stdout();
        assertThat(pools).containsPattern("rw4\\s+10\\.3\\.0\\.0\\s+1 /\\s+0 /\\s+254")
                .containsPattern("10\\.3\\.0\\.1\\s+online\\s+'right\\.ike4j\\.test'");

        ping(Side.RIGHT, "10.3.0.1", lab().innerAddress(Side.LEFT));

        pair.terminate(Direction.STRONGSWAN_INITIATES, ike);
        String after = pair.ike4j().cli(Duration.ofSeconds(20), "list-pools", "--leases", "--json").orThrow().stdout();
        assertThat(after).contains("\"online\":0").contains("\"offline\":1").contains("\"status\":\"offline\"");
    }

    @Test
    void strongSwanPoolAssignsAVirtualIpToAnIke4jClient() {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE
                ? c.localTs("dynamic").remoteTs("10.2.0.0/16").connectionSettings("vips = 0.0.0.0")
                : c.localTs("10.2.0.0/16").remoteTs("dynamic").connectionSettings("pools = sw4")
                        .extra("pools {\n  sw4 {\n    addrs = 10.4.0.0/24\n    dns = 10.2.0.53\n  }\n}\n")));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(Direction.IKE4J_INITIATES, ike, CHILD);
        assertThat(sa.initiator().child(CHILD).orElseThrow().localTs()).containsExactly("10.4.0.1/32");
        assertThat(ike4jLog.text()).contains("installing new virtual IP 10.4.0.1").contains("received INTERNAL_IP4_DNS 10.2.0.53");
        assertThat(lab().exec(Side.LEFT, "ip", "-4", "addr", "show", "dev", "ike4j0").stdout()).contains("10.4.0.1/32");
        assertThat(lab().exec(Side.LEFT, "ip", "route", "show", "10.2.0.0/16").stdout()).contains("src 10.4.0.1");
        String swanPools = pair.strongSwan().swanctl(Duration.ofSeconds(20), "--list-pools", "--leases").orThrow().stdout();
        assertThat(swanPools).containsPattern("10\\.4\\.0\\.1\\s+online\\s+'left\\.ike4j\\.test'");

        ping(Side.LEFT, "10.4.0.1", lab().innerAddress(Side.RIGHT));

        pair.terminate(Direction.IKE4J_INITIATES, ike);
        assertThat(lab().exec(Side.LEFT, "ip", "-4", "addr", "show", "dev", "ike4j0").stdout())
                .as("the virtual IP goes with its IKE SA").doesNotContain("10.4.0.1");
    }

    private void ping(Side from, String source, String to) {
        ExecResult r = lab().exec(lab().namespace(from), PING, "ping", "-c", "3", "-i", "0.2", "-W", "3", "-I", source, to);
        assertThat(r.ok()).as("ping from the virtual IP through the tunnel\n" + r.describe()).isTrue();
        assertThat(r.stdout()).contains("3 received");
    }
}
