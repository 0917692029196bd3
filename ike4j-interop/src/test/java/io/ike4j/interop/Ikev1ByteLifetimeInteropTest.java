package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 IPsec SA lifetimes in kilobytes with strongSwan 5.9.8 (RFC 2407 4.5, RFC 2409 5.5): the side that sets up the
 * pair has {@code life_bytes}/{@code rekey_bytes} small enough that a ping of 1000-byte echoes crosses the soft limit
 * every few seconds; its Quick Mode proposes a kilobytes lifetime next to the seconds one, the other side (no byte
 * limit of its own) takes it, and the initiator's data plane triggers a new Quick Mode at the soft limit. The pair's
 * SPIs change while the ping goes on.
 */
class Ikev1ByteLifetimeInteropTest extends SharedDirectLab {
    private static final Pattern PING = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Override
    StrongSwanPeer.Options strongSwanOptions() {
        return StrongSwanPeer.Options.defaults().withCharonSettings("make_before_break = yes\ndelete_rekeyed = yes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void byteLimitRekeysWhileAPingRuns(Direction d) throws Exception {
        String conn = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        load(conn, initiator, "rekey_time = 0\nlife_time = 300s\nrekey_bytes = 30000\nlife_bytes = 60000",
                "rekey_time = 0\nlife_time = 300s");
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        PeerPair.Agreed first = pair.establish(d, conn, CHILD);
        String firstSpi = first.initiator().installedChild(CHILD).orElseThrow().spiIn();
        Path out = lab().dir("ping").resolve(conn + ".txt");
        // 80 echoes of 1028 bytes (IP) in each direction in 8 s: the 30000-byte soft limit is crossed every ~3 s
        Process ping = lab().spawn(lab().namespace(Side.LEFT), Map.of(), out, "ping", "-c", "80", "-i", "0.1", "-s", "1000",
                "-W", "2", "-I", lab().innerAddress(Side.LEFT), lab().innerAddress(Side.RIGHT));
        assertThat(ping.waitFor(60, TimeUnit.SECONDS)).as("ping finished").isTrue();
        String text = Files.readString(out);
        Matcher m = PING.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        // one lost echo tolerated per rekey, as in Ikev1RekeyInteropTest (the replaced pair's removal, issue 8)
        assertThat(Integer.parseInt(m.group(1)) - Integer.parseInt(m.group(2))).as(text).isLessThanOrEqualTo(2);
        if (d == Direction.IKE4J_INITIATES) {
            assertThat(count(ike4jLog.text(), "soft byte/packet limit, rekeying")).as("byte rekeys by ike4j").isGreaterThanOrEqualTo(1);
            // strongSwan took the kilobytes lifetime ike4j proposed (it logs the one received if it differs from its own)
            assertThat(swanLog.text()).contains("received 60000 lifebytes");
        } else {
            assertThat(ike4jLog.text()).as("strongSwan proposes seconds and kilobytes")
                    .contains("Quick Mode lifetime offered 300 s / 60 kilobytes");
            assertThat(count(swanLog.text(), "generating QUICK_MODE request")).as("Quick Modes strongSwan initiated")
                    .isGreaterThanOrEqualTo(2);
        }
        ChildSaView now = awaitNewPair(conn, firstSpi);
        assertThat(now.spiIn()).isNotEqualTo(firstSpi);
        pair.reset();
    }

    /** The IPsec SA ike4j lists for {@code conn} once its SPI differs from {@code firstSpi} (ike4j's or strongSwan's in). */
    private ChildSaView awaitNewPair(String conn, String firstSpi) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            var sa = pair.ike4j().ikeSa(conn);
            if (sa.isPresent() && !sa.get().children().isEmpty()) {
                ChildSaView c = sa.get().children().getFirst();
                last = c.spiIn() + "/" + c.spiOut();
                if (!c.spiIn().equals(firstSpi) && !c.spiOut().equals(firstSpi)) return c;
            }
            IkePeer.sleep(300);
        }
        throw new AssertionError("the IPsec SA was never replaced; last seen " + last);
    }

    /** Loads {@code conn} (IKEv1) on both sides: {@code side} gets the first CHILD settings, the other the second. */
    private void load(String conn, Side side, String childSettings, String otherChildSettings) {
        try {
            for (Side s : new Side[] {Side.RIGHT, Side.LEFT}) {
                boolean ike4j = s == IKE4J_SIDE;
                String settings = (s == side ? childSettings : otherChildSettings).lines().map(l -> "        " + l.strip())
                        .collect(java.util.stream.Collectors.joining("\n"));
                String text = SwanctlConf.forLab(lab(), s).connection(conn).version(1).proposals("aes128-sha256-modp2048")
                        .espProposals("aes128-sha256").render()
                        .replaceFirst("(?m)^(    proposals = .*)$", "$1\n    rekey_time = 0\n    reauth_time = 0")
                        .replaceFirst("(?m)^(        mode = .*)$", "$1\n" + settings);
                Path file = (ike4j ? pair.ike4j().dir() : pair.strongSwan().dir()).resolve(ike4j ? "swanctl.conf" : "swanctl-v1kb.conf");
                Files.writeString(file, text);
                if (ike4j) pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
                else pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--clear", "--file", file.toString()).orThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(String log, String needle) {
        return log.lines().filter(l -> l.contains(needle)).count();
    }
}
