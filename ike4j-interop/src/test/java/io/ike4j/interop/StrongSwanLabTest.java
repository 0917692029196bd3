package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the lab: strongSwan ↔ strongSwan, directly and through the NAT router (also a lossy one). */
class StrongSwanLabTest {

    private static final String IKE = SwanctlConf.CONNECTION;
    private static final String CHILD = SwanctlConf.CHILD;
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();

    @BeforeEach
    void requireLab() {
        Requirements.assumeInteropAvailable();
    }

    @Test
    void directLinkPskTunnelBothViewsAgreeAndPingCrosses() {
        try (NetnsLab lab = NetnsLab.direct();
             StrongSwanPeer left = logs.watch(peer(lab, Side.LEFT, StrongSwanPeer.Options.defaults()));
             StrongSwanPeer right = logs.watch(peer(lab, Side.RIGHT, StrongSwanPeer.Options.defaults()))) {
            right.start();
            left.start();
            left.initiate(CHILD);

            SaView l = left.awaitEstablished(IKE, CHILD, SETTLE);
            SaView r = right.awaitEstablished(IKE, CHILD, SETTLE);
            assertThat(SaAgreement.disagreements(l, r)).isEmpty();
            assertThat(l.initiator()).isTrue();
            assertThat(l.initiatorSpi()).matches("[0-9a-f]{16}").isNotEqualTo(l.responderSpi());
            assertThat(l.encrAlg()).isEqualTo("AES_GCM_16");
            assertThat(l.encrKeysize()).isEqualTo(256);
            assertThat(l.prfAlg()).isEqualTo("PRF_HMAC_SHA2_256");
            assertThat(l.dhGroup()).isEqualTo("CURVE_25519");
            assertThat(l.localId()).isEqualTo("left.ike4j.test");
            assertThat(l.remoteHost()).isEqualTo("192.0.2.2");
            assertThat(r.remoteHost()).isEqualTo("192.0.2.1");

            ChildSaView lc = l.installedChild(CHILD).orElseThrow();
            ChildSaView rc = r.installedChild(CHILD).orElseThrow();
            assertThat(lc.spiIn()).isEqualTo(rc.spiOut());
            assertThat(lc.spiOut()).isEqualTo(rc.spiIn());
            assertThat(lc.mode()).isEqualTo("TUNNEL");
            assertThat(lc.encap()).as("kernel-libipsec always encapsulates in UDP").isTrue();
            assertThat(lc.encrAlg()).isEqualTo("AES_GCM_16");
            assertThat(lc.localTs()).containsExactly("10.1.0.0/16");
            assertThat(lc.remoteTs()).containsExactly("10.2.0.0/16");

            assertPingCrossesTunnel(lab, left, right, 3);
        }
    }

    @Test
    void throughNatRouterNatIsDetectedAndTunnelCarriesTraffic() {
        try (NetnsLab lab = NetnsLab.natRouter();
             StrongSwanPeer left = logs.watch(peer(lab, Side.LEFT, StrongSwanPeer.Options.defaults()));
             StrongSwanPeer right = logs.watch(peer(lab, Side.RIGHT, StrongSwanPeer.Options.defaults()))) {
            right.start();
            left.start();
            left.initiate(CHILD);

            SaView l = left.awaitEstablished(IKE, CHILD, SETTLE);
            SaView r = right.awaitEstablished(IKE, CHILD, SETTLE);
            assertThat(SaAgreement.disagreements(l, r)).isEmpty();
            // RFC 7296 2.23: both sides detect the NAT in front of LEFT and float to port 4500.
            assertThat(l.natLocal()).as("left knows it is behind a NAT").isTrue();
            assertThat(r.natRemote()).as("right sees left behind a NAT").isTrue();
            assertThat(l.localHost()).isEqualTo("10.0.0.2");
            assertThat(l.localPort()).isEqualTo(4500);
            assertThat(l.remotePort()).isEqualTo(4500);
            assertThat(r.localPort()).isEqualTo(4500);
            assertThat(r.remoteHost()).isEqualTo(NetnsLab.ROUTER_PUBLIC);

            assertPingCrossesTunnel(lab, left, right, 3);
        }
    }

    @Test
    void throughLossyNatRouterTheSaStillComesUp() {
        try (NetnsLab lab = NetnsLab.natRouter(20);
             StrongSwanPeer left = logs.watch(peer(lab, Side.LEFT, StrongSwanPeer.Options.lossy()));
             StrongSwanPeer right = logs.watch(peer(lab, Side.RIGHT, StrongSwanPeer.Options.lossy()))) {
            right.start();
            left.start();
            initiateWithRetries(left, 3);

            SaView l = left.awaitEstablished(IKE, CHILD, SETTLE);
            SaView r = right.awaitEstablished(IKE, CHILD, Duration.ofSeconds(30));
            assertThat(SaAgreement.disagreements(l, r)).isEmpty();
            assertThat(r.natRemote()).isTrue();

            // 20% loss each way: at least one of 10 echo requests gets its reply (all fail with p ~ 0.36^10).
            ExecResult ping = lab.exec(lab.namespace(Side.LEFT), Duration.ofSeconds(30),
                    "ping", "-n", "-c", "10", "-i", "0.2", "-W", "2", "-I", lab.innerAddress(Side.LEFT), lab.innerAddress(Side.RIGHT));
            assertThat(ping.stdout()).containsPattern("[1-9][0-9]* received");
            assertThat(left.ikeSa(IKE).orElseThrow().installedChild(CHILD).orElseThrow().packetsIn()).isPositive();
            assertThat(lab.droppedPackets()).as("the router really dropped packets").isPositive();
        }
    }

    private static StrongSwanPeer peer(NetnsLab lab, Side side, StrongSwanPeer.Options options) {
        SwanctlConf conf = SwanctlConf.forLab(lab, side)
                .proposals("aes256gcm16-prfsha256-x25519")
                .espProposals("aes256gcm16");
        return new StrongSwanPeer(lab, side, conf, options);
    }

    /** A lossy link may exhaust even generous retransmissions; a fresh attempt then succeeds. */
    private static void initiateWithRetries(IkePeer peer, int attempts) {
        for (int i = 1; ; i++) {
            try {
                peer.initiate(CHILD);
                return;
            } catch (LabException e) {
                if (i >= attempts) {
                    throw e;
                }
            }
        }
    }

    private static void assertPingCrossesTunnel(NetnsLab lab, IkePeer left, IkePeer right, int count) {
        ExecResult ping = lab.exec(lab.namespace(Side.LEFT), Duration.ofSeconds(20),
                "ping", "-n", "-c", Integer.toString(count), "-i", "0.2", "-W", "2",
                "-I", lab.innerAddress(Side.LEFT), lab.innerAddress(Side.RIGHT));
        assertThat(ping.ok()).as(ping.describe()).isTrue();
        assertThat(ping.stdout()).contains(count + " received");
        // The echoes went through the CHILD_SA, not around it: both sides counted them.
        ChildSaView lc = left.ikeSa(IKE).orElseThrow().installedChild(CHILD).orElseThrow();
        ChildSaView rc = right.ikeSa(IKE).orElseThrow().installedChild(CHILD).orElseThrow();
        assertThat(lc.packetsOut()).isGreaterThanOrEqualTo(count);
        assertThat(lc.packetsIn()).isGreaterThanOrEqualTo(count);
        assertThat(rc.packetsIn()).isGreaterThanOrEqualTo(count);
        assertThat(rc.packetsOut()).isGreaterThanOrEqualTo(count);
    }
}
