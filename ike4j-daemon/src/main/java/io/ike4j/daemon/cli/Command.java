package io.ike4j.daemon.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code bin/ike4j}. */
public interface Command {
    /** Exit status: success. */
    int OK = 0;
    /** Exit status: the command ran and failed. */
    int FAILED = 1;
    /** Exit status: bad command line. */
    int USAGE = 2;

    /** The word on the command line, e.g. {@code demo}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs with the arguments after the command name; returns the exit status. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
