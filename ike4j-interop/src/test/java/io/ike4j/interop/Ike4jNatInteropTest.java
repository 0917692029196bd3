package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ike4j and strongSwan through the NAT router, the initiator behind it (LEFT, {@code 10.0.0.2}, masqueraded as
 * {@code 198.51.100.1}) and the responder outside (RIGHT, {@code 198.51.100.2}); a responder behind the NAT could
 * not be reached without port forwarding, so each implementation takes the NAT'd initiator's place once. Also with
 * the router dropping 20% of the packets each way: retransmissions still get the SAs up.
 */
class Ike4jNatInteropTest {

    private static final String IKE = SwanctlConf.CONNECTION;
    private static final String CHILD = SwanctlConf.CHILD;

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();

    @BeforeEach
    void requireLab() {
        Requirements.assumeInteropAvailable();
    }

    /** The initiator is the NAT'd LEFT side, so ike4j sits on LEFT when it initiates and on RIGHT otherwise. */
    private static Side ike4jSide(Direction d) {
        return d == Direction.IKE4J_INITIATES ? Side.LEFT : Side.RIGHT;
    }

    private PeerPair start(NetnsLab lab, Direction d, boolean lossy) {
        return PeerPair.start(lab, ike4jSide(d),
                side -> SwanctlConf.forLab(lab, side).proposals("aes256gcm16-prfsha256-x25519").espProposals("aes256gcm16"),
                lossy ? Ike4jPeer.Options.lossy() : Ike4jPeer.Options.defaults(),
                lossy ? StrongSwanPeer.Options.lossy() : StrongSwanPeer.Options.defaults(), logs);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void initiatorBehindNatBothDetectItAndFloatTo4500(Direction d) {
        try (NetnsLab lab = NetnsLab.natRouter();
             PeerPair pair = start(lab, d, false)) {
            Agreed sa = pair.establish(d, IKE, CHILD);

            SaView i = sa.initiator();
            SaView r = sa.responder();
            // RFC 7296 2.23: the NAT_DETECTION hashes show the NAT in front of the initiator, to both sides.
            assertThat(i.natLocal()).as(pair.initiator(d).name() + " knows it is behind a NAT").isTrue();
            assertThat(r.natRemote()).as(pair.responder(d).name() + " sees the initiator behind a NAT").isTrue();
            assertThat(i.localHost()).isEqualTo("10.0.0.2");
            assertThat(i.remoteHost()).isEqualTo("198.51.100.2");
            assertThat(r.localHost()).isEqualTo("198.51.100.2");
            assertThat(r.remoteHost()).isEqualTo(NetnsLab.ROUTER_PUBLIC);
            // both moved to port 4500 from IKE_AUTH on (RFC 7296 2.23, RFC 3948)
            assertThat(i.localPort()).isEqualTo(4500);
            assertThat(i.remotePort()).isEqualTo(4500);
            assertThat(r.localPort()).isEqualTo(4500);
            assertThat(r.remotePort()).as("the NAT's port for the initiator's 4500").isPositive();
            for (SaView v : new SaView[] {i, r}) {
                ChildSaView c = v.installedChild(CHILD).orElseThrow();
                assertThat(c.encap()).as(v + ": ESP in UDP").isTrue();
                assertThat(c.mode()).isEqualTo("TUNNEL");
            }
            pair.terminate(d, IKE);
        }
    }

    /**
     * With 20% loss each way, a single exchange quite often goes through without a drop (0.8^4 for IKE_SA_INIT and
     * IKE_AUTH): the SA is set up again (terminate, initiate) until the router has dropped packets, at most six
     * times. Every round's SA must be agreed on by both sides.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void lossyNatRouterRetransmissionsStillGetTheSaUp(Direction d) {
        try (NetnsLab lab = NetnsLab.natRouter(20);
             PeerPair pair = start(lab, d, true)) {
            IkePeer initiator = pair.initiator(d);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int round = 1; round <= 6 && (round == 1 || lab.droppedPackets() == 0); round++) {
                initiateWithRetries(initiator, 3);
                SaView i = initiator.awaitSa(sa -> IKE.equals(sa.name()) && sa.established()
                        && sa.installedChild(CHILD).isPresent() && !seen.contains(sa.initiatorSpi()),
                        "a new ESTABLISHED " + IKE, Duration.ofSeconds(30));
                seen.add(i.initiatorSpi());
                // the responder's view of the same IKE SA (a failed earlier attempt may have left another one)
                SaView r = pair.responder(d).awaitSa(sa -> sa.established() && sa.installedChild(CHILD).isPresent()
                        && i.initiatorSpi().equals(sa.initiatorSpi()), "ESTABLISHED " + IKE + " " + i.initiatorSpi(),
                        Duration.ofSeconds(30));
                assertThat(SaAgreement.disagreements(i, r)).as("round " + round + "\n" + i + "\n" + r).isEmpty();
                assertThat(r.natRemote()).isTrue();
                assertThat(i.natLocal()).isTrue();
                try {
                    initiator.terminate(IKE); // the DELETE may be lost too; a leftover SA has other SPIs
                } catch (LabException e) {
                    System.err.println("round " + round + ": terminate: " + e.getMessage());
                }
            }
            assertThat(lab.droppedPackets()).as("the router really dropped packets").isPositive();
        }
    }

    /**
     * 20% loss each way can exhaust even generous retransmissions (RFC 7296 2.1); a fresh attempt then succeeds.
     * A failed attempt may leave a half-open SA behind on either side: the established SA is looked up by state.
     */
    private static void initiateWithRetries(IkePeer peer, int attempts) {
        for (int i = 1; ; i++) {
            ExecResult r = peer.tryInitiate(CHILD);
            if (r.ok()) {
                return;
            }
            if (i >= attempts) {
                throw new LabException(peer.name() + ": initiate failed " + attempts + " times; last: " + r.describe());
            }
        }
    }
}
