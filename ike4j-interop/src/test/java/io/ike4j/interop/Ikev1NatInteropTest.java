package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 through the NAT router (RFC 3947): the initiator behind it (LEFT, masqueraded as {@code 198.51.100.1}), the
 * responder outside; each implementation takes the NAT'd initiator's place once. Both must detect the NAT from the
 * NAT-D payloads, move to port 4500 from Main Mode message 5 on and negotiate a UDP-encapsulated tunnel.
 */
class Ikev1NatInteropTest {

    private static final String IKE = SwanctlConf.CONNECTION;
    private static final String CHILD = SwanctlConf.CHILD;

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();

    @BeforeEach
    void requireLab() {
        Requirements.assumeInteropAvailable();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void mainModeInitiatorBehindNat(Direction d) {
        Side ike4jSide = d == Direction.IKE4J_INITIATES ? Side.LEFT : Side.RIGHT;
        try (NetnsLab lab = NetnsLab.natRouter();
             PeerPair pair = PeerPair.start(lab, ike4jSide, side -> SwanctlConf.forLab(lab, side).version(1)
                             .proposals("aes256-sha256-ecp256").espProposals("aes256-sha256-modp2048"),
                     Ike4jPeer.Options.defaults(), StrongSwanPeer.Options.defaults(), logs)) {
            Agreed sa = pair.establish(d, IKE, CHILD);
            SaView i = sa.initiator();
            SaView r = sa.responder();
            assertThat(i.natLocal()).as(pair.initiator(d).name() + " knows it is behind a NAT").isTrue();
            assertThat(r.natRemote()).as(pair.responder(d).name() + " sees the initiator behind a NAT").isTrue();
            assertThat(i.localHost()).isEqualTo("10.0.0.2");
            assertThat(r.remoteHost()).isEqualTo(NetnsLab.ROUTER_PUBLIC);
            assertThat(i.localPort()).isEqualTo(4500);
            assertThat(i.remotePort()).isEqualTo(4500);
            assertThat(r.localPort()).isEqualTo(4500);
            for (SaView v : new SaView[] {i, r}) {
                ChildSaView c = v.installedChild(CHILD).orElseThrow();
                assertThat(c.encap()).as(v + ": ESP in UDP").isTrue();
                assertThat(c.mode()).isEqualTo("TUNNEL");
            }
            pair.terminate(d, IKE);
        }
    }
}
