package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults between ike4j and strongSwan 5.9.8 (issue 7, item 4), in one shared routed lab ({@link FaultLab}): a lossy
 * and duplicating link while SAs are set up and rekeyed; strongSwan killed with SIGKILL in the middle of IKE_AUTH and
 * after establishment (ike4j's retransmission and DPD clear what is left; INITIAL_CONTACT replaces a stale SA); ike4j
 * killed and restarted (strongSwan's DPD restart and ike4j's {@code start_action = start} re-establish). Every case
 * ends with exactly the expected SAs on both sides, nothing more in ike4j's data plane, and a ping through the tunnel.
 * And the configuration reloaded ({@code load-all}) while an SA is being set up and while one is established.
 */
class Ike4jFaultInteropTest extends FaultLab {
    private static final Pattern SWAN_CHILD_REKEY = Pattern.compile("generating CREATE_CHILD_SA request \\d+ \\[ N\\(REKEY_SA\\)");
    private static final Pattern SWAN_IKE_REKEY = Pattern.compile("generating CREATE_CHILD_SA request \\d+ \\[ SA No KE \\]");

    /**
     * RFC 7296 2.1, 2.8: 20 % of the forwarded packets dropped and 20 % of the rest duplicated, both ways, IKE and ESP,
     * while {@code direction}'s initiator sets the SA up and both sides rekey CHILD_SA (every 3-4 s) and IKE SA (every
     * 4-7 s): retransmissions get every exchange through, duplicated requests are answered from the retransmission
     * cache and duplicated ESP is dropped as a replay, and once the link heals one IKE SA with one CHILD_SA remains.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void lossAndDuplicationWhileEstablishingAndRekeying(Direction direction) throws Exception {
        String ike = load("rekey_time = 7s\nrand_time = 3s\nover_time = 30s", "rekey_time = 3s\nrand_time = 1s\nlife_time = 40s",
                "rekey_time = 7s\nrand_time = 3s\nover_time = 30s", "rekey_time = 4s\nrand_time = 2s\nlife_time = 40s");
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        lab().setFaults(20, 20);
        pair.initiator(direction).initiate(CHILD);
        pair.responder(direction).awaitEstablished(ike, CHILD, WAIT);
        // several rekeys of each kind, from both sides, on the faulty link, with ESP on it too
        java.nio.file.Path out = lab().dir("ping").resolve(ike + ".txt");
        Process ping = lab().spawn(lab().namespace(Side.LEFT), java.util.Map.of(), out, "ping", "-c", "50", "-i", "0.2",
                "-W", "1", "-I", lab().innerAddress(Side.LEFT), lab().innerAddress(Side.RIGHT));
        assertThat(ping.waitFor(40, TimeUnit.SECONDS)).as("ping finished").isTrue();
        String pings = java.nio.file.Files.readString(out);
        // a duplicated ESP packet is a replay (RFC 4303 3.4.3): each side's replay window drops the copy
        assertThat(pings).as("pings on the faulty link\n" + pings).contains("received").doesNotContain("DUP!");
        assertThat(lab().droppedPackets()).as("packets the router dropped").isPositive();
        assertThat(lab().duplicatedPackets()).as("packets the router duplicated").isPositive();
        lab().setFaults(0, 0);
        assertClean(ike);
        String ours = ike4jLog.text(), theirs = swanLog.text();
        assertThat(count(ours, "rekeyed to {")).as("CHILD_SA rekeys completed on ike4j's side").isPositive();
        assertThat(theirs.lines().filter(l -> SWAN_CHILD_REKEY.matcher(l).find()).count())
                .as("CHILD_SA rekeys strongSwan initiated").isPositive();
        assertThat(count(ours, "rekeying IKE_SA") + theirs.lines().filter(l -> SWAN_IKE_REKEY.matcher(l).find()).count())
                .as("IKE SA rekeys").isPositive();
        pair.terminate(Direction.IKE4J_INITIATES, ike);
        assertNothingLeft();
    }

    /**
     * ike4j initiates; strongSwan's IKE_AUTH response is lost and strongSwan is killed (SIGKILL) with its SA
     * established: ike4j retransmits IKE_AUTH until it gives up, reports the failure and keeps nothing (no half-open
     * SA, nothing installed). strongSwan restarted connects again.
     */
    @Test
    void strongSwanKilledDuringIkeAuthAsResponder() throws Exception {
        String ike = load("", "", "", "");
        holdIkeFrom(Side.RIGHT);
        CompletableFuture<ExecResult> initiate = initiateInBackground(pair.ike4j(), CHILD);
        pair.strongSwan().awaitEstablished(ike, CHILD, WAIT); // strongSwan sent its IKE_AUTH response: dropped
        pair.strongSwan().kill();
        ExecResult r = initiate.get(90, TimeUnit.SECONDS);
        assertThat(r.ok()).as("ike4j's initiate fails\n" + r.describe()).isFalse();
        assertIke4jEmpty();
        release();
        pair.strongSwan().start();
        pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertClean(ike);
    }

    /**
     * strongSwan initiates; ike4j's IKE_AUTH response is lost, so ike4j (responder) holds an established SA while
     * strongSwan retransmits; strongSwan is killed. ike4j's DPD ({@code dpd_delay = 2s}) finds the peer dead and clears
     * the SA and its installed CHILD_SA. Then ike4j initiates towards the restarted strongSwan.
     */
    @Test
    void strongSwanKilledDuringIkeAuthAsInitiatorIsClearedByDpd() {
        String ike = load("dpd_delay = 2s", "dpd_action = clear", "", "");
        holdIkeFrom(Side.LEFT);
        CompletableFuture<ExecResult> initiate = initiateInBackground(pair.strongSwan(), CHILD);
        pair.ike4j().awaitEstablished(ike, CHILD, WAIT);
        pair.strongSwan().kill();
        initiate.join();
        release();
        assertIke4jEmpty();
        pair.strongSwan().start();
        pair.establish(Direction.IKE4J_INITIATES, ike, CHILD);
        assertClean(ike);
    }

    /**
     * strongSwan is killed after establishment and comes back before ike4j notices (no DPD): when it connects again
     * its IKE_AUTH carries INITIAL_CONTACT (RFC 7296 2.4), and ike4j drops the stale SA: exactly the new one remains.
     */
    @Test
    void strongSwanKilledAfterEstablishmentReturnsWithInitialContact() {
        String ike = load("", "", "", "");
        PeerPair.Agreed first = pair.establish(Direction.IKE4J_INITIATES, ike, CHILD);
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.strongSwan().kill();
        pair.strongSwan().start();
        pair.strongSwan().initiate(CHILD);
        SaView now = assertClean(ike);
        assertThat(now.initiatorSpi()).isNotEqualTo(first.initiator().initiatorSpi());
        assertThat(now.initiator()).isFalse();
        assertThat(ike4jLog.text()).contains("replaced: peer sent INITIAL_CONTACT");
    }

    /**
     * ike4j is killed after establishment and restarted with no SA; strongSwan's DPD ({@code dpd_delay = 2s},
     * {@code dpd_action = restart}) finds its SA dead and sets up a new one with the restarted ike4j.
     */
    @Test
    void ike4jKilledAndRestartedIsReconnectedByStrongSwanDpdRestart() {
        String ike = load("", "", "dpd_delay = 2s", "dpd_action = restart");
        PeerPair.Agreed first = pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        pair.ike4j().kill();
        pair.ike4j().start();
        SaView again = pair.ike4j().awaitSa(sa -> ike.equals(sa.name()) && sa.established()
                && !sa.initiatorSpi().equals(first.initiator().initiatorSpi()), "the SA strongSwan restarted", WAIT);
        assertThat(again.initiator()).isFalse();
        assertClean(ike);
    }

    /**
     * ike4j with {@code start_action = start} is killed and restarted: it initiates at startup, with INITIAL_CONTACT,
     * so strongSwan drops the SA the killed daemon left behind and exactly one remains.
     */
    @Test
    void ike4jKilledAndRestartedWithStartActionStartReestablishes() {
        String ike = load("", "start_action = start", "", "");
        SaView first = pair.ike4j().awaitEstablished(ike, CHILD, WAIT);
        assertClean(ike);
        pair.ike4j().kill();
        pair.ike4j().start();
        SaView again = assertClean(ike);
        assertThat(again.initiator()).isTrue();
        assertThat(again.initiatorSpi()).isNotEqualTo(first.initiatorSpi());
    }

    /**
     * {@code load-all} while ike4j's IKE_AUTH is in flight (strongSwan's response held back), the ESP
     * proposal changed: every reload answers at once, the SA being set up completes with what it offered, and the next
     * SA gets the new proposal.
     */
    @Test
    void reloadWhileAnSaIsBeingSetUpWedgesNothingAndTheNewConfigAppliesToTheNextSa() throws Exception {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> c.espProposals("aes128gcm16")));
        holdIkeFrom(Side.RIGHT);
        CompletableFuture<ExecResult> initiate = initiateInBackground(pair.ike4j(), CHILD);
        pair.strongSwan().awaitEstablished(ike, CHILD, WAIT); // its IKE_AUTH response is held: ike4j still waits
        java.util.function.Function<Side, SwanctlConf> v2 = conf(ike, (side, c) -> c.espProposals("aes256gcm16"));
        // one reload only: ike4j gives IKE_AUTH up after about 9 s of retransmissions, and a CLI call takes a second or two
        pair.ike4j().reload(v2.apply(IKE4J_SIDE)); // load-all must answer (throws otherwise)
        boolean stillWaiting = !initiate.isDone();
        release();
        assertThat(stillWaiting).as("the initiation was still waiting for IKE_AUTH during the reload").isTrue();
        ExecResult done = initiate.get(60, TimeUnit.SECONDS);
        assertThat(done.ok()).as("the initiation started before the reloads completes\n" + done.describe()).isTrue();
        assertThat(assertClean(ike).children().getFirst().encrKeysize()).as("what it offered before the reload").isEqualTo(128);

        pair.strongSwan().reload(v2.apply(Side.RIGHT));
        pair.terminate(Direction.IKE4J_INITIATES, ike);
        pair.ike4j().initiate(CHILD);
        assertThat(assertClean(ike).children().getFirst().encrKeysize()).as("the reloaded proposal").isEqualTo(256);
    }

    /**
     * Both sides reload a configuration without the connection of an established SA (strongSwan first): like
     * strongSwan, which keeps the IKE SAs of unloaded connections, ike4j keeps it, traffic still flows, and it can
     * still be terminated. strongSwan then initiates the new connection the reload brought.
     */
    @Test
    void reloadWithoutTheConnectionOfAnEstablishedSaKeepsItAsStrongSwanDoes() {
        String ike = load("", "", "", "");
        pair.establish(Direction.IKE4J_INITIATES, ike, CHILD);
        String next = freshConnection();
        pair.reload(conf(next, (side, c) -> c));
        IkePeer.sleep(2000);
        assertThat(pair.strongSwan().ikeSa(ike)).as("strongSwan keeps the SA of the unloaded connection").isPresent();
        assertClean(ike);
        pair.terminate(Direction.IKE4J_INITIATES, ike);
        assertNothingLeft();
        pair.establish(Direction.STRONGSWAN_INITIATES, next, CHILD);
        assertClean(next);
    }
}
