package io.ike4j.interop;

import java.util.List;

/**
 * What a finished (or timed-out) command left behind: its exit code and its captured output.
 *
 * @param command  the command line as run
 * @param exitCode the exit code, or -1 when the command timed out and was killed
 * @param stdout   captured standard output
 * @param stderr   captured standard error
 * @param timedOut whether the command overran its timeout
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public ExecResult {
        command = List.copyOf(command);
    }

    /** Whether the command finished in time with exit code 0. */
    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Returns this result when {@link #ok()}, else throws a {@link LabException} with the command's output. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    /** A multi-line description for failure messages. */
    public String describe() {
        return String.join(" ", command)
                + (timedOut ? " timed out" : " exited with " + exitCode)
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
