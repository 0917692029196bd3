package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traffic through ike4j's user-space ESP (the daemon's default data plane on a kernel without ESP) and strongSwan's
 * kernel-libipsec, through the NAT router: the initiator sits behind the NAT (LEFT), so ike4j is LEFT when it
 * initiates and RIGHT when strongSwan does; data always flows LEFT → RIGHT, so each implementation both encrypts and
 * decrypts the bulk once. For every ESP algorithm, in both directions:
 * <ul>
 *   <li>{@code ping -I 10.1.0.1 10.2.0.1} crosses the tunnel (5 of 5 answered);</li>
 *   <li>a TCP transfer arrives intact: the same SHA-256 and length at both ends — 50 MB for AES-GCM-16, ChaCha20-Poly1305
 *       and AES-CBC/HMAC-SHA-256, 5 MB for the others (to keep the class at a few minutes);</li>
 *   <li>tcpdump on the router's outside link sees only IKE and ESP-in-UDP between the peers, no inner address;</li>
 *   <li>both sides' CHILD_SA byte and packet counters mirror each other (ike4j {@code list-sas --json} against
 *       {@code swanctl --list-sas}): exactly for 10 pings sent after the transfer (10 packets of 84 bytes, the inner
 *       IPv4 packets, each way on both sides); for the bulk transfer the receiver may have counted fewer than the
 *       sender sent (a burst can overflow the receiver's UDP socket buffer; TCP retransmits), never more, and both
 *       counted at least the transferred bytes.</li>
 * </ul>
 * One lab per direction serves all algorithms: both daemons reload a configuration under a fresh connection name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficInteropTest {
    private static final String IKE_PROPOSAL = "aes256gcm16-prfsha256-x25519";
    private static final long BIG = 50L << 20;
    private static final long SMALL = 5L << 20;
    private static final List<String> BIG_ONES = List.of("aes128gcm16", "chacha20poly1305", "aes128-sha256");
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();
    private final Map<Direction, NetnsLab> labs = new EnumMap<>(Direction.class);
    private final Map<Direction, PeerPair> pairs = new EnumMap<>(Direction.class);

    static Stream<Arguments> cases() {
        List<String> algorithms = List.of("aes128gcm16", "aes256gcm16", "aes128gcm12", "aes128gcm8", "chacha20poly1305",
                "aes128-sha256", "aes256-sha512", "aes128-sha1");
        return Stream.of(Direction.values()).flatMap(d -> algorithms.stream().map(a -> Arguments.of(d, a)));
    }

    @BeforeAll
    void require() {
        Requirements.assumeInteropAvailable();
        TrafficProbe.requireTcpdump();
    }

    private PeerPair pair(Direction d) {
        PeerPair p = pairs.get(d);
        if (p != null && p.ike4j().alive() && p.strongSwan().alive()) return p;
        if (p != null) {
            p.close();
            labs.remove(d).close();
        }
        NetnsLab lab = NetnsLab.natRouter();
        labs.put(d, lab);
        Side ike4jSide = d == Direction.IKE4J_INITIATES ? Side.LEFT : Side.RIGHT;
        p = PeerPair.start(lab, ike4jSide, side -> conf(lab, side, "start", "aes128gcm16"), Ike4jPeer.Options.defaults(),
                StrongSwanPeer.Options.defaults(), logs);
        pairs.put(d, p);
        assertThat(p.ike4j().log()).as("ike4j chose its user-space ESP (no ESP in this kernel)")
                .contains("data plane: user-space ESP over TUN ike4j0");
        return p;
    }

    private static SwanctlConf conf(NetnsLab lab, Side side, String connection, String esp) {
        return SwanctlConf.forLab(lab, side).connection(connection).proposals(IKE_PROPOSAL).espProposals(esp);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void trafficCrossesTheTunnelEncryptedAndBothSidesCountIt(Direction d, String esp) {
        PeerPair pair = pair(d);
        logs.watchFromNow(pair.ike4j());
        logs.watchFromNow(pair.strongSwan());
        NetnsLab lab = pair.lab();
        String ike = "t" + CONNECTIONS.incrementAndGet();
        pair.reset();
        pair.reload(side -> conf(lab, side, ike, esp));
        PeerPair.Agreed sa = pair.establish(d, ike, SwanctlConf.CHILD);
        ChildSaView child = sa.initiator().installedChild(SwanctlConf.CHILD).orElseThrow();
        assertThat(child.encap()).as("ESP in UDP").isTrue();

        long bytes = BIG_ONES.contains(esp) ? BIG : SMALL;
        List<String> captured;
        try (TrafficProbe.Capture capture = TrafficProbe.Capture.start(lab, ike)) {
            TrafficProbe.ping(lab, 5);
            TrafficProbe.Transfer t = TrafficProbe.transfer(lab, bytes, esp.hashCode(), Duration.ofMinutes(3));
            assertThat(t.received()).as("bytes and SHA-256 at the receiving end").isEqualTo(t.sent());
            assertThat(t.sent()).startsWith(bytes + " ");
            captured = capture.stop();
        }
        long espPackets = TrafficProbe.assertOnlyEncrypted(captured);
        // a full-size TCP segment per ESP packet; tcpdump may miss some under load, so only half are required
        assertThat(espPackets).as("ESP-in-UDP packets seen by the router").isGreaterThan(bytes / 1400 / 2);

        IkePeer left = pair.side(pair.ike4j()) == Side.LEFT ? pair.ike4j() : pair.strongSwan();
        IkePeer right = left == pair.ike4j() ? pair.strongSwan() : pair.ike4j();
        TrafficProbe.Counters[] bulk = TrafficProbe.settledCounters(left, right, ike, SwanctlConf.CHILD, Duration.ofSeconds(20));
        String views = "\n  " + left.name() + ": " + bulk[0] + "\n  " + right.name() + ": " + bulk[1];
        assertThat(bulk[0].bytesOut()).as("LEFT sent the transfer" + views).isGreaterThan(bytes);
        assertThat(bulk[1].bytesIn()).as("RIGHT received the transfer" + views).isGreaterThan(bytes).isLessThanOrEqualTo(bulk[0].bytesOut());
        assertThat(bulk[1].packetsIn()).as(views).isLessThanOrEqualTo(bulk[0].packetsOut()).isGreaterThan(bulk[0].packetsOut() * 8 / 10);
        assertThat(bulk[0].packetsIn()).as(views).isLessThanOrEqualTo(bulk[1].packetsOut()).isPositive();

        TrafficProbe.ping(lab, 10);
        TrafficProbe.Counters[] after = TrafficProbe.settledCounters(left, right, ike, SwanctlConf.CHILD, Duration.ofSeconds(20));
        TrafficProbe.Counters l = after[0].minus(bulk[0]);
        TrafficProbe.Counters r = after[1].minus(bulk[1]);
        assertThat(l).as("LEFT counted 10 echo requests out and 10 replies in (84-byte inner packets)")
                .isEqualTo(new TrafficProbe.Counters(840, 10, 840, 10));
        assertThat(l.mirrors(r)).as("both sides count the pings alike: " + l + " / " + r).isTrue();
        pair.terminate(d, ike);
    }

    @AfterAll
    void closeLabs() {
        pairs.values().forEach(PeerPair::close);
        labs.values().forEach(NetnsLab::close);
    }
}
