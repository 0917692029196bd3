package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SA lifecycle against strongSwan 5.9.8 (issue 6, liveness and start actions), in one shared direct lab (ike4j LEFT,
 * strongSwan RIGHT): DPD clearing a dead peer and restarting once the link returns (the link is cut by taking
 * strongSwan's interface down), ike4j's trap policy brought up by a ping, and close_action when strongSwan deletes the
 * IKE SA. strongSwan trapping towards ike4j cannot be shown here: the lab's strongSwan does ESP with kernel-libipsec,
 * which never raises acquires (its outbound path drops packets without an SA), and the lab kernel lacks the ESP
 * algorithms kernel-netlink would need. ike4j retransmits quickly ({@code --retransmit timeout=1s,base=1.4,tries=3}: about 7 s until
 * a peer is declared dead) and checks liveness every 2 s.
 */
class Ike4jLifecycleInteropTest extends SharedDirectLab {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withDaemonArgs("--retransmit", "timeout=1s,base=1.4,tries=3");
    }

    @AfterEach
    void linkUp() {
        if (lab() != null) lab().exec(Side.RIGHT, "ip", "link", "set", "eth0", "up");
    }

    private void cutLink() {
        setLink(Side.RIGHT, false);
    }

    private void restoreLink() {
        setLink(Side.RIGHT, true);
    }

    /** Loads connection {@code ike} on both sides, ike4j's with these connection and CHILD settings. */
    private String load(String ike4jConnection, String ike4jChild, String strongSwanChild) {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE
                ? c.connectionSettings(ike4jConnection).childSettings(ike4jChild)
                : c.childSettings(strongSwanChild)));
        return ike;
    }

    private void awaitLog(String regex) {
        awaitIke4jLog(regex, WAIT);
    }

    @Test
    void dpdClearsADeadPeer() {
        String ike = load("dpd_delay = 2s", "dpd_action = clear", "");
        pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        cutLink();
        pair.ike4j().awaitNoSas(WAIT);
        restoreLink();
        assertThat(pair.ike4j().log()).contains("peer did not answer after 3 retransmits");
        assertThat(pair.ike4j().listSas()).isEmpty(); // clear: nothing is restarted
    }

    @Test
    void dpdRestartReestablishesOnceTheLinkReturns() {
        String ike = load("dpd_delay = 2s\nkeyingtries = 0", "dpd_action = restart", "");
        PeerPair.Agreed first = pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        cutLink();
        // the old IKE SA is declared dead and a new one keeps trying while the link is down (keyingtries = 0)
        awaitLog("<" + ike + "\\|\\d+> dpd_action restart for CHILD_SA " + CHILD);
        assertThat(pair.ike4j().listSas()).isEmpty();
        awaitLog("<" + ike + "\\|\\d+> peer not responding, trying again \\(2/forever\\)");
        restoreLink();
        SaView again = pair.ike4j().awaitSa(sa -> ike.equals(sa.name()) && sa.established() && sa.installedChild(CHILD).isPresent()
                && !sa.initiatorSpi().equals(first.initiator().initiatorSpi()), "the re-established IKE SA", WAIT);
        SaView peer = pair.strongSwan().awaitSa(sa -> sa.established() && sa.initiatorSpi().equals(again.initiatorSpi()),
                "strongSwan's view of the new IKE SA", WAIT);
        assertThat(SaAgreement.disagreements(again, peer)).isEmpty();
        // strongSwan saw INITIAL_CONTACT and dropped the stale IKE SA
        pair.strongSwan().awaitSa(sa -> true, "one SA", WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pair.strongSwan().listSas().size() > 1 && System.nanoTime() < deadline) IkePeer.sleep(200);
        assertThat(pair.strongSwan().listSas()).hasSize(1);
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }

    @Test
    void ike4jTrapIsTriggeredByAPingToTheRemoteSubnet() {
        String ike = load("", "start_action = trap", "");
        assertThat(pair.ike4j().listSas()).isEmpty();
        pingUntilAnswered(Side.LEFT, WAIT);
        SaView sa = pair.ike4j().awaitEstablished(ike, CHILD, WAIT);
        assertThat(sa.initiator()).isTrue();
        assertThat(pair.ike4j().log()).contains("acquire for trap " + ike + "/" + CHILD);
    }

    @Test
    void closeActionStartReinitiatesWhenStrongSwanDeletesTheIkeSa() {
        String ike = load("", "close_action = start", "");
        PeerPair.Agreed first = pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        pair.strongSwan().terminate(ike);
        SaView again = pair.ike4j().awaitSa(sa -> ike.equals(sa.name()) && sa.established() && sa.installedChild(CHILD).isPresent()
                && !sa.initiatorSpi().equals(first.initiator().initiatorSpi()), "the re-initiated IKE SA", WAIT);
        assertThat(again.initiator()).isTrue();
        pair.strongSwan().awaitEstablished(ike, CHILD, WAIT);
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }

    @Test
    void closeActionTrapWaitsForTrafficAfterStrongSwanDeletes() {
        String ike = load("", "close_action = trap", "");
        pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        pair.strongSwan().terminate(ike);
        pair.ike4j().awaitNoSas(WAIT);
        assertThat(pair.ike4j().log()).contains("close_action trap for CHILD_SA " + CHILD);
        pingUntilAnswered(Side.LEFT, WAIT);
        pair.ike4j().awaitEstablished(ike, CHILD, WAIT);
    }

    @Test
    void ike4jInitiatesChildlessAndCreatesTheChildWithCreateChildSa() {
        String ike = load("childless = force", "", "");
        pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        awaitLog("<" + ike + "\\|\\d+> initiating childless IKE_SA");
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }

    @Test
    void strongSwanInitiatesChildlessTowardsIke4j() {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE ? c : c.connectionSettings("childless = force")));
        pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertThat(pair.strongSwan().log()).contains("CHILDLESS_IKEV2_SUPPORTED");
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }
}
