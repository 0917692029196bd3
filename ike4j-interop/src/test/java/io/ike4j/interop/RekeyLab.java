package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the rekey interop tests share: loading a connection with extra IKE- and CHILD-level settings per side, and a
 * ping through the tunnel (LEFT's inner address to RIGHT's, every 0.1 s) whose losses are counted.
 */
final class RekeyLab {
    private static final Pattern PING = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    private RekeyLab() {}

    /** Echoes sent and answered by one ping run. */
    record PingResult(int sent, int received, String summary) {
        int lost() {
            return sent - received;
        }
    }

    /**
     * Loads connection {@code conn} on both sides: {@code render} gives a side's swanctl.conf text, into which that
     * side's IKE settings go after {@code proposals} and its CHILD settings after {@code mode}; strongSwan's file is
     * {@code swanFile} in its directory.
     */
    static void load(PeerPair pair, Function<Side, String> render, Function<Side, String> ikeSettings,
            Function<Side, String> childSettings, String swanFile) {
        try {
            for (Side s : new Side[] {Side.RIGHT, Side.LEFT}) {
                boolean ike4j = s == SharedDirectLab.IKE4J_SIDE;
                String text = render.apply(s)
                        .replaceFirst("(?m)^(    proposals = .*)$", "$1\n" + indent(ikeSettings.apply(s), "    "))
                        .replaceFirst("(?m)^(        mode = .*)$", "$1\n" + indent(childSettings.apply(s), "        "));
                Path file = (ike4j ? pair.ike4j().dir() : pair.strongSwan().dir()).resolve(ike4j ? "swanctl.conf" : swanFile);
                Files.writeString(file, text);
                if (ike4j) pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
                else pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--clear", "--file", file.toString()).orThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indent(String lines, String by) {
        return lines.lines().map(l -> by + l.strip()).collect(Collectors.joining("\n"));
    }

    /** Starts a ping from LEFT's inner address to RIGHT's, {@code count} echoes every 0.1 s, in the background. */
    static Process startPing(NetnsLab lab, int count, Path out) {
        return lab.spawn(lab.namespace(Side.LEFT), Map.of(), out, "ping", "-c", Integer.toString(count), "-i", "0.1", "-W", "2",
                "-I", lab.innerAddress(Side.LEFT), lab.innerAddress(Side.RIGHT));
    }

    /** Waits (generously) for the ping to finish and reads its summary. */
    static PingResult awaitPing(Process p, Path out) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ping finished").isTrue();
        String text = Files.readString(out);
        Matcher m = PING.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new PingResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text.lines().reduce((a, b) -> b).orElse(""));
    }

    /** Waits for the ping; asserts at most {@code maxLost} echoes went unanswered; returns the result. */
    static PingResult awaitPing(Process p, Path out, int maxLost) throws Exception {
        PingResult r = awaitPing(p, out);
        System.out.println("[ping] " + r.sent() + " sent, " + r.lost() + " lost: " + r.summary());
        assertThat(r.lost()).as("pings lost across the rekeys: " + r.summary()).isLessThanOrEqualTo(maxLost);
        return r;
    }
}
