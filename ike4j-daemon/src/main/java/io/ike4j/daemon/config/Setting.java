package io.ike4j.daemon.config;

import java.util.Objects;

/**
 * A {@code key = value} line of a settings file. The value is trimmed (or unquoted and unescaped when it was
 * written in double quotes) and may be empty.
 *
 * <p>{@link #toString()} never shows the value: settings files hold secrets.
 */
public record Setting(String name, String value, boolean quoted, SourceLocation location) {
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return "Setting[" + name + " at " + location + "]";
    }
}
