package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoUsageTest {
    @Test
    void demoIsRegisteredAndListedInTheUsage() {
        assertThat(Main.commands()).containsKey("demo");
        assertThat(MainTest.run("--help").out()).contains("demo [--proposal P]");
    }

    @Test
    void demoRejectsBadOptions() {
        MainTest.Run r = MainTest.run("demo", "--nonsense");
        assertThat(r.code()).isEqualTo(Command.USAGE);
        assertThat(r.err()).contains("unknown option --nonsense").contains("usage: ike4j demo");
        assertThat(MainTest.run("demo", "--proposal").code()).isEqualTo(Command.USAGE);
        assertThat(MainTest.run("demo", "--timeout", "soon").err()).contains("--timeout");
        assertThat(MainTest.run("demo", "--timeout", "0").code()).isEqualTo(Command.USAGE);
    }
}
