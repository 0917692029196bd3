package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKE fragmentation (RFC 7383) between ike4j (LEFT) and strongSwan 5.9.8 (RIGHT) with an RSA-4096 chain (root →
 * intermediate → leaf, CERTREQ both ways): both IKE_AUTH messages exceed the default fragment size (1280), so each
 * side splits its message into SKF fragments and reassembles the other's, whichever initiates. Both logs must show
 * it: strongSwan's {@code splitting IKE message} / {@code reassembled fragmented IKE message} and ike4j's lines of the
 * same wording, and strongSwan parses the fragments ({@code EF(1/n)}).
 */
class Ike4jFragmentationInteropTest extends SharedDirectLab {
    private static final Pattern SPLIT = Pattern.compile("splitting IKE message \\((\\d+) bytes\\) into (\\d+) fragments");
    private Path pkiDir;
    private LabPki pki;

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki-frag");
        pki = new LabPki(pkiDir);
        pki.chain("rsa4096");
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void largeCertificateChainsTravelInFragments(Direction d) {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        for (String f : List.of("rsa4096-ca.pem", "rsa4096-inter.pem")) {
            pki.install(ike4j, "x509ca", f);
            pki.install(swan, "x509ca", f);
        }
        pki.install(ike4j, "x509", "rsa4096-left.pem");
        pki.install(ike4j, "private", "rsa4096-left.key");
        pki.install(swan, "x509", "rsa4096-right.pem");
        pki.install(swan, "private", "rsa4096-right.key");
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> {
            String me = side.name().toLowerCase(java.util.Locale.ROOT);
            return c.localAuth("auth = pubkey\ncerts = rsa4096-" + me + ".pem\nid = " + me + ".ike4j.test")
                    .remoteAuth("auth = pubkey\nid = " + side.other().name().toLowerCase(java.util.Locale.ROOT) + ".ike4j.test")
                    .connectionSettings("fragmentation = yes");
        }));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());

        pair.establish(d, ike, CHILD);

        String swan4 = swanLog.text(), mine = ike4jLog.text();
        assertThat(fragments(mine)).as("ike4j split its IKE_AUTH message\n" + mine).isGreaterThan(1);
        assertThat(fragments(swan4)).as("strongSwan split its IKE_AUTH message\n" + swan4).isGreaterThan(1);
        assertThat(mine).as("ike4j reassembled strongSwan's fragments").contains("reassembled fragmented IKE message");
        assertThat(swan4).as("strongSwan reassembled ike4j's fragments").contains("reassembled fragmented IKE message")
                .containsPattern("IKE_AUTH (request|response) 1 \\[ EF\\(1/\\d+\\) \\]");
        assertThat(mine).contains("authentication of right.ike4j.test with public key successful");
        pair.terminate(d, ike);
    }

    /** The most fragments one "splitting IKE message" line of {@code log} announced (0 if none). */
    private static int fragments(String log) {
        Matcher m = SPLIT.matcher(log);
        int most = 0;
        while (m.find()) most = Math.max(most, Integer.parseInt(m.group(2)));
        return most;
    }
}
