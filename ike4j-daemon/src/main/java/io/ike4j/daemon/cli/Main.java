package io.ike4j.daemon.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the {@code ike4j} command: a map of subcommand name → {@link Command}. */
public final class Main {
    private Main() {}

    public static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("daemon", new DaemonCommand());
        ClientCommands.register(commands);
        commands.put("demo", new DemoCommand());
        commands.put("bench", new BenchCommand());
        commands.put("pki", new Command() {
            @Override
            public String summary() {
                return "pki --gen|--pub|--self|--issue|--signcrl|--print ...: keys, CAs, certificates, CRLs (like strongSwan's pki)";
            }

            @Override
            public int run(java.util.List<String> args, PrintStream out, PrintStream err) {
                return new io.ike4j.daemon.pki.PkiCommand(java.time.InstantSource.system(), new java.security.SecureRandom())
                        .run(args.toArray(String[]::new), out, err);
            }
        });
        return commands;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? Command.USAGE : Command.OK;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("ike4j: unknown command '" + args[0] + "'");
            usage(commands, err);
            return Command.USAGE;
        }
        return c.run(Arrays.asList(args).subList(1, args.length), out, err);
    }

    private static void usage(Map<String, Command> commands, PrintStream s) {
        s.println("usage: ike4j COMMAND [OPTIONS]   (client commands accept --uri unix:///PATH, default unix:///run/ike4j/ike4j.sock)");
        for (Command c : commands.values()) s.println("  " + c.summary());
    }
}
