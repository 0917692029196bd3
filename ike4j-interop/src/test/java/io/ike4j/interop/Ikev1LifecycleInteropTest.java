package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 ({@code version = 1}) lifecycle actions against strongSwan 5.9.8, as a strongSwan user would copy them from a
 * site-to-site swanctl.conf, in one shared direct lab (ike4j LEFT, strongSwan RIGHT): {@code start_action = trap}
 * brought up by a ping, {@code start_action = start} on load, {@code dpd_action} clear and restart after the link to
 * strongSwan is cut (RFC 3706 R-U-THERE unanswered; {@code dpd_timeout} is IKEv1's), and {@code close_action = start}
 * when strongSwan deletes the SAs. ike4j retransmits quickly ({@code --retransmit timeout=1s,base=1.4,tries=3}: an
 * unanswered Main Mode is given up after about 7 s).
 */
class Ikev1LifecycleInteropTest extends SharedDirectLab {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String IKE = "aes128-sha256-modp2048";
    private static final String ESP = "aes128-sha256";

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withDaemonArgs("--retransmit", "timeout=1s,base=1.4,tries=3");
    }

    @AfterEach
    void linkUp() {
        if (lab() != null) lab().exec(Side.RIGHT, "ip", "link", "set", "eth0", "up");
    }

    /** Loads an IKEv1 connection on both sides, ike4j's with these connection and CHILD settings. */
    private String load(String ike4jConnection, String ike4jChild) {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> {
            SwanctlConf v1 = c.version(1).proposals(IKE).espProposals(ESP);
            return side == IKE4J_SIDE ? v1.connectionSettings(ike4jConnection).childSettings(ike4jChild) : v1;
        }));
        return ike;
    }

    /** The established ISAKMP SA of {@code ike} with its IPsec SA on both sides, agreeing; ike4j's view. */
    private SaView agreed(String ike, java.util.function.Predicate<SaView> which, String what) {
        SaView mine = pair.ike4j().awaitSa(sa -> ike.equals(sa.name()) && sa.established() && sa.installedChild(CHILD).isPresent()
                && which.test(sa), what, WAIT);
        SaView peer = pair.strongSwan().awaitSa(sa -> ike.equals(sa.name()) && sa.established()
                && sa.initiatorSpi().equals(mine.initiatorSpi()) && sa.installedChild(CHILD).isPresent(), "strongSwan's view of " + what, WAIT);
        assertThat(SaAgreement.disagreements(mine, peer)).isEmpty();
        return mine;
    }

    @Test
    void trapIsTriggeredByAPingAndBringsUpMainAndQuickMode() {
        String ike = load("", "start_action = trap");
        IkePeer.sleep(500);
        assertThat(pair.ike4j().listSas()).isEmpty();
        pingUntilAnswered(Side.LEFT, WAIT); // the first echo triggers the acquire and may be lost
        SaView sa = agreed(ike, s -> true, "the trapped IKEv1 SA");
        assertThat(sa.initiator()).isTrue();
        assertThat(pair.ike4j().log()).contains("acquire for trap " + ike + "/" + CHILD);
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(5));
    }

    @Test
    void startActionStartComesUpOnLoad() {
        String ike = load("", "start_action = start");
        SaView sa = agreed(ike, s -> true, "the IKEv1 SA started on load");
        assertThat(sa.initiator()).isTrue();
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }

    @Test
    void dpdClearRemovesTheSasOfADeadPeer() {
        String ike = load("dpd_delay = 2s\ndpd_timeout = 4s", "dpd_action = clear");
        pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        LogSince log = LogSince.mark(pair.ike4j());
        setLink(Side.RIGHT, false);
        pair.ike4j().awaitNoSas(WAIT);
        assertThat(log.text()).contains("DPD: peer did not answer R-U-THERE").doesNotContain("dpd_action");
        setLink(Side.RIGHT, true);
        IkePeer.sleep(1000);
        assertThat(pair.ike4j().listSas()).isEmpty(); // clear: nothing is restarted
    }

    @Test
    void dpdRestartReestablishesOnceStrongSwanIsReachableAgain() {
        String ike = load("dpd_delay = 2s\ndpd_timeout = 4s\nkeyingtries = 0", "dpd_action = restart");
        PeerPair.Agreed first = pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        setLink(Side.RIGHT, false);
        awaitIke4jLog("<" + ike + "\\|\\d+> dpd_action restart for CHILD_SA " + CHILD, WAIT);
        // the new Main Mode goes unanswered while the link is down; keyingtries = 0 keeps trying
        awaitIke4jLog("<" + ike + "\\|\\d+> peer not responding, trying again \\(2/forever\\)", WAIT);
        setLink(Side.RIGHT, true);
        agreed(ike, sa -> !sa.initiatorSpi().equals(first.initiator().initiatorSpi()), "the re-established IKEv1 SA");
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }

    @Test
    void closeActionStartReinitiatesWhenStrongSwanDeletesTheSas() {
        String ike = load("", "close_action = start");
        PeerPair.Agreed first = pair.establish(PeerPair.Direction.IKE4J_INITIATES, ike, CHILD);
        pair.strongSwan().terminate(ike); // a Delete for the IPsec SA, then one for the ISAKMP SA
        SaView again = agreed(ike, sa -> !sa.initiatorSpi().equals(first.initiator().initiatorSpi()), "the re-initiated IKEv1 SA");
        assertThat(again.initiator()).isTrue();
        assertThat(pair.ike4j().log()).contains("close_action restart for CHILD_SA " + CHILD);
        pingUntilAnswered(Side.LEFT, Duration.ofSeconds(10));
    }
}
