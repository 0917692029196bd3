package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 fragmentation (the proprietary FRAGMENTATION extension) between ike4j (LEFT) and strongSwan 5.9.8 (RIGHT):
 * Main Mode with RSA-3072 certificates (ike4j sends its leaf and the intermediate strongSwan does not hold), so
 * messages 5 and 6 exceed strongSwan's and ike4j's fragment size (1280). strongSwan runs {@code fragmentation = force},
 * ike4j the default {@code yes}. Both sides drop every IP fragment before reassembly (nftables, prerouting at priority
 * -450), so only IKE-level fragments can carry the certificates. Both directions, a ping through the tunnel each time.
 */
class Ikev1FragmentationInteropTest extends SharedDirectLab {
    private static final String TABLE = "ike4j_v1frag";
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePkiAndDropIpFragments() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki-v1frag");
        pki = new LabPki(pkiDir);
        pki.chain("rsa");
        for (Side side : Side.values()) {
            String ns = lab().namespace(side);
            nft(ns, "add", "table", "ip", TABLE);
            nft(ns, "add", "chain", "ip", TABLE, "pre", "{ type filter hook prerouting priority -450; }");
            nft(ns, "add", "rule", "ip", TABLE, "pre", "ip", "frag-off", "&", "0x3fff", "!=", "0", "counter", "drop");
        }
        // the rule works: a ping too large for one packet on the link no longer crosses, a small one does
        String to = lab().outerAddress(Side.RIGHT);
        assertThat(lab().exec(lab().namespace(Side.LEFT), Commands.DEFAULT_TIMEOUT, "ping", "-c", "1", "-W", "2", "-s", "200", to).ok())
                .isTrue();
        assertThat(lab().exec(lab().namespace(Side.LEFT), Commands.DEFAULT_TIMEOUT, "ping", "-c", "1", "-W", "2", "-s", "3000", to).ok())
                .as("IP fragments are dropped").isFalse();
    }

    private void nft(String ns, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "nft";
        System.arraycopy(args, 0, cmd, 1, args.length);
        lab().exec(ns, Commands.DEFAULT_TIMEOUT, cmd).orThrow();
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String name(Side side) {
        return side.name().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void mainModeCertificatesTravelInIkev1Fragments(Direction d) {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        pki.install(ike4j, "x509ca", "rsa-ca.pem");
        pki.install(ike4j, "x509ca", "rsa-inter.pem");
        pki.install(swan, "x509ca", "rsa-ca.pem");
        pki.install(ike4j, "x509", "rsa-left.pem");
        pki.install(ike4j, "private", "rsa-left.key");
        pki.install(swan, "x509", "rsa-right.pem");
        pki.install(swan, "private", "rsa-right.key");
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256")
                .localAuth("auth = pubkey\ncerts = rsa-" + name(side) + ".pem\nid = " + name(side) + ".ike4j.test")
                .remoteAuth("auth = pubkey\nid = " + name(side.other()) + ".ike4j.test")
                .connectionSettings(side == IKE4J_SIDE ? "fragmentation = yes" : "fragmentation = force")));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        PeerPair.Agreed sa = pair.establish(d, ike, CHILD);
        assertThat(sa.initiator().installedChild(CHILD)).isPresent();
        TrafficProbe.ping(lab(), 3);

        String swan4 = swanLog.text(), mine = ike4jLog.text();
        assertThat(mine).as("ike4j split its certificate message\n" + mine)
                .containsPattern("splitting IKE message \\(\\d+ bytes\\) into [2-9] fragments")
                .contains("reassembled fragmented IKE message")
                .contains("authentication of right.ike4j.test with RSA_SIGNATURES successful");
        assertThat(swan4).as("strongSwan split its message and reassembled ike4j's\n" + swan4)
                .containsPattern("splitting IKE message \\(\\d+ bytes\\) into \\d+ fragments")
                .contains("reassembled fragmented IKE message")
                .containsPattern("authentication of 'left.ike4j.test' with RSA_EMSA_PKCS1_NULL successful");
        pair.terminate(d, ike);
    }
}
