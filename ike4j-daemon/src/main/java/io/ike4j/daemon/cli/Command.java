package io.ike4j.daemon.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code ike4j} subcommand. Returns the process exit code; never calls {@code System.exit}. */
public interface Command {
    /** Exit codes shared by the subcommands. */
    int OK = 0;
    int FAILED = 1;
    int USAGE = 2;
    /** The daemon is not running, or its socket may not be used by this user. */
    int UNREACHABLE = 3;

    String summary();

    int run(List<String> args, PrintStream out, PrintStream err);
}
