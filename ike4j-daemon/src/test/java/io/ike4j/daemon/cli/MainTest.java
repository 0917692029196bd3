package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, Command> commands, String... args) {
        return new Main(commands).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Command fake(String name, int status) {
        return new Command() {
            @Override
            public String name() { return name; }

            @Override
            public String summary() { return "does " + name; }

            @Override
            public int run(List<String> args, PrintStream o, PrintStream e) {
                o.println(name + " got " + args);
                return status;
            }
        };
    }

    @Test
    void dispatchesByNameWithTheRemainingArguments() {
        assertThat(run(Map.of("x", fake("x", 3)), "x", "--a", "b")).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("x got [--a, b]");
    }

    @Test
    void unknownOrMissingCommandPrintsUsage() {
        assertThat(run(Main.commands(), "frobnicate")).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("demo");
        assertThat(run(Main.commands())).isEqualTo(Command.USAGE);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run(Main.commands(), "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ike4j").contains("demo").contains("help");
    }

    @Test
    void aCrashingCommandExitsNonZero() {
        Command boom = new Command() {
            @Override
            public String name() { return "boom"; }

            @Override
            public String summary() { return ""; }

            @Override
            public int run(List<String> args, PrintStream o, PrintStream e) { throw new IllegalStateException("bug"); }
        };
        assertThat(run(Map.of("boom", boom), "boom")).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("internal error").contains("bug");
    }

    @Test
    void demoRejectsBadOptions() {
        assertThat(run(Main.commands(), "demo", "--nonsense")).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --nonsense");
        assertThat(run(Main.commands(), "demo", "--proposal")).isEqualTo(Command.USAGE);
        assertThat(run(Main.commands(), "demo", "--timeout", "soon")).isEqualTo(Command.USAGE);
    }
}
