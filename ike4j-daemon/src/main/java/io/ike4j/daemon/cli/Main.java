package io.ike4j.daemon.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code ike4j} command: {@code ike4j <command> [options]}. Commands are registered by name in
 * {@link #commands()}; an unknown or missing command prints the usage and exits with {@link Command#USAGE}.
 */
public final class Main {
    private final Map<String, Command> commands;

    Main(Map<String, Command> commands) {
        this.commands = commands;
    }

    /** Every subcommand, in the order the usage lists them. Add new commands here. */
    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(new DemoCommand())) m.put(c.name(), c);
        return m;
    }

    public static void main(String[] args) {
        int status = new Main(commands()).run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            usage(err);
            return Command.USAGE;
        }
        String name = args.getFirst();
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage(out);
            return Command.OK;
        }
        Command c = commands.get(name);
        if (c == null) {
            err.println("ike4j: unknown command '" + name + "'");
            usage(err);
            return Command.USAGE;
        }
        try {
            return c.run(args.subList(1, args.size()), out, err);
        } catch (RuntimeException e) {
            err.println("ike4j " + name + ": internal error: " + e);
            return Command.FAILED;
        }
    }

    private void usage(PrintStream s) {
        s.println("usage: ike4j <command> [options]");
        s.println("commands:");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(4);
        for (Command c : commands.values()) s.printf("  %-" + width + "s  %s%n", c.name(), c.summary());
        s.printf("  %-" + width + "s  %s%n", "help", "show this text");
    }
}
