package io.ike4j.daemon.config;

import java.util.Objects;

/**
 * Where a settings node was written: the file name as given to the parser (or resolved from an include)
 * and the 1-based line number. Renders as {@code file:line}, like compilers and strongSwan do.
 */
public record SourceLocation(String file, int line) {
    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** A location for values that were not written anywhere (defaults, programmatic configs). */
    public static SourceLocation unknown() {
        return new SourceLocation("<default>", 0);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
