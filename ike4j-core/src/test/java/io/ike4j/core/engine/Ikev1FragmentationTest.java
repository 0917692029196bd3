package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.ConnectionConfig.Fragmentation;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IKEv1 Main Mode with RSA certificates (both sides send their leaf and the intermediate) between two engines whose
 * {@code fragment_size} is 576: messages 5 and 6 are larger than that and travel in IKEv1 fragments (the proprietary
 * FRAGMENTATION extension) when swanctl.conf's {@code fragmentation} allows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ikev1FragmentationTest {
    private static final String MOON = "moon.example.org", SUN = "sun.example.org";
    private static final int FRAGMENT_SIZE = 576;
    private static final String VID = "4048b7d56ebce88525e7de7f00d6c2d3";
    private AuthPki pki;
    private AuthPki.Leaf moon, sun;

    @BeforeAll
    void pki() throws Exception {
        pki = new AuthPki("V1Frag", KeyKind.RSA);
        moon = pki.leaf(MOON);
        sun = pki.leaf(SUN);
    }

    private EngineConfig config(AuthPki.Leaf leaf, String me, String peer, String local, String remote, Fragmentation f)
            throws Exception {
        AuthConfig l = AuthConfig.builder(AuthClass.PUBKEY).identity(me).cert(leaf.cert())
                .sendCert(CertificateRequests.SendPolicy.ALWAYS).build();
        AuthConfig r = AuthConfig.builder(AuthClass.PUBKEY).identity(peer).build();
        return EngineConfig.builder().settings(EngineSettings.builder().fragmentSize(FRAGMENT_SIZE).build())
                .credentials(AuthPki.credentials(leaf).caCert(pki.inter).caCert(pki.root).build())
                .connection(ConnectionConfig.builder("gw").version(1).localAddrs(local).remoteAddrs(remote).fragmentation(f)
                        .ikeProposals("aes128-sha256-modp2048").local(l).remote(r)
                        .child(ChildConfig.builder("net").localTs(local + "/32").remoteTs(remote + "/32").espProposals("aes128-sha256").build())
                        .build()).build();
    }

    /** Both peers, and every datagram each one sent. */
    private record Run(TwoPeers t, List<byte[]> fromA, List<byte[]> fromB) {
        long fragments(List<byte[]> sent) {
            return sent.stream().filter(IsakmpFragment::isFragment).count();
        }

        boolean announced(List<byte[]> sent) {
            return sent.stream().anyMatch(d -> HexFormat.of().formatHex(d).contains(VID));
        }
    }

    private Run run(Fragmentation fa, Fragmentation fb, boolean initiatorA, java.util.function.Predicate<TwoPeers.Packet> drop)
            throws Exception {
        TwoPeers t = new TwoPeers(config(moon, MOON, SUN, "192.0.2.1", "192.0.2.2", fa), InetAddress.getByName("192.0.2.1"),
                config(sun, SUN, MOON, "192.0.2.2", "192.0.2.1", fb), InetAddress.getByName("192.0.2.2"));
        List<byte[]> fromA = new ArrayList<>(), fromB = new ArrayList<>();
        t.network = p -> {
            (p.from() == t.a ? fromA : fromB).add(p.data());
            return drop.test(p) ? List.of() : List.of(p);
        };
        t.input(initiatorA ? t.a : t.b, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        return new Run(t, fromA, fromB);
    }

    @ParameterizedTest(name = "initiator A {0}")
    @ValueSource(booleans = {true, false})
    void certificateMessagesTravelInFragmentsBothWays(boolean fromA) throws Exception {
        Run r = run(Fragmentation.YES, Fragmentation.YES, fromA, p -> false);
        Ikev1EstablishTest.assertEstablished(r.t());
        assertThat(r.announced(r.fromA())).isTrue();
        assertThat(r.announced(r.fromB())).isTrue();
        assertThat(r.fragments(r.fromA())).as("A split message 5 or 6").isGreaterThan(1);
        assertThat(r.fragments(r.fromB())).as("B split message 5 or 6").isGreaterThan(1);
        for (List<byte[]> sent : List.of(r.fromA(), r.fromB())) {
            assertThat(sent).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(FRAGMENT_SIZE - 28));
        }
        for (TwoPeers.Peer p : List.of(r.t().a, r.t().b)) {
            assertThat(String.join("\n", p.log)).contains("reassembled fragmented IKE message")
                    .containsPattern("splitting IKE message \\(\\d+ bytes\\) into \\d+ fragments")
                    .contains("with RSA_SIGNATURES successful");
        }
    }

    /** {@code no}: no Vendor ID and no fragments from that side; the other does not split for a peer that did not ask. */
    @Test
    void noMeansNeitherAnnouncedNorSplit() throws Exception {
        Run r = run(Fragmentation.YES, Fragmentation.NO, true, p -> false);
        Ikev1EstablishTest.assertEstablished(r.t());
        assertThat(r.announced(r.fromB())).isFalse();
        assertThat(r.fragments(r.fromA()) + r.fragments(r.fromB())).isZero();
    }

    /** {@code force} splits without the peer's Vendor ID; fragments are reassembled whatever the receiver's setting. */
    @Test
    void forceSplitsEvenForAPeerThatDidNotAnnounce() throws Exception {
        Run r = run(Fragmentation.FORCE, Fragmentation.NO, false, p -> false);
        Ikev1EstablishTest.assertEstablished(r.t());
        assertThat(r.fragments(r.fromA())).isGreaterThan(1);
        assertThat(r.fragments(r.fromB())).isZero();
        assertThat(String.join("\n", r.t().b.log)).contains("reassembled fragmented IKE message");
    }

    /** {@code accept} announces but does not split; the peer with {@code yes} does. */
    @Test
    void acceptAnnouncesButDoesNotSplit() throws Exception {
        Run r = run(Fragmentation.ACCEPT, Fragmentation.YES, true, p -> false);
        Ikev1EstablishTest.assertEstablished(r.t());
        assertThat(r.announced(r.fromA())).isTrue();
        assertThat(r.fragments(r.fromA())).isZero();
        assertThat(r.fragments(r.fromB())).isGreaterThan(1);
    }

    /** A lost fragment each way: the retransmission resends every fragment and the exchange completes. */
    @ParameterizedTest(name = "initiator A {0}")
    @ValueSource(booleans = {true, false})
    void aLostFragmentIsRecoveredByRetransmittingThemAll(boolean fromA) throws Exception {
        Set<String> droppedOnce = new HashSet<>();
        Run r = run(Fragmentation.YES, Fragmentation.YES, fromA, p -> IsakmpFragment.isFragment(p.data())
                && p.data()[28 + 6] == 2 && droppedOnce.add(p.from().name));
        assertThat(droppedOnce).containsExactlyInAnyOrder("a", "b");
        Ikev1EstablishTest.assertEstablished(r.t());
        assertThat(String.join("\n", r.t().a.log + "\n" + r.t().b.log)).contains("retransmit");
    }
}
