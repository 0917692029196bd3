package io.ike4j.daemon.log;

import java.util.EnumMap;
import java.util.Map;

/**
 * Per-subsystem log levels, strongSwan's scale: -1 silent, 0 basic, 1 audit (default), 2 control, 3 controlmore, 4 raw.
 * Level 5 ("private", key material) is deliberately not accepted: ike4j never logs keys.
 */
public final class LogLevels {
    public static final int SILENT = -1;
    public static final int DEFAULT_LEVEL = 1;
    public static final int MAX_LEVEL = 4;

    /** A {@code --log} value that could not be understood. */
    public static final class LogLevelException extends Exception {
        public LogLevelException(String message) {
            super(message);
        }
    }

    private final int fallback;
    private final Map<Subsystem, Integer> levels;

    private LogLevels(int fallback, Map<Subsystem, Integer> levels) {
        this.fallback = fallback;
        this.levels = levels;
    }

    public static LogLevels defaults() {
        return new LogLevels(DEFAULT_LEVEL, new EnumMap<>(Subsystem.class));
    }

    /** Parses {@code "2"}, {@code "ike=2,net=1"} or {@code "any=1,ike=3"} ({@code any}/{@code default} set the rest). */
    public static LogLevels parse(String spec) throws LogLevelException {
        if (spec == null || spec.isBlank()) return defaults();
        int fallback = DEFAULT_LEVEL;
        EnumMap<Subsystem, Integer> map = new EnumMap<>(Subsystem.class);
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) {
                fallback = level(p);
                continue;
            }
            String name = p.substring(0, eq).trim();
            int level = level(p.substring(eq + 1));
            if (name.equalsIgnoreCase("any") || name.equalsIgnoreCase("default")) {
                fallback = level;
            } else {
                Subsystem s = Subsystem.parse(name).orElseThrow(() -> new LogLevelException("unknown log subsystem '" + name + "'"));
                map.put(s, level);
            }
        }
        return new LogLevels(fallback, map);
    }

    private static int level(String s) throws LogLevelException {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < SILENT || v > MAX_LEVEL) throw new LogLevelException("log level " + v + " outside -1.." + MAX_LEVEL);
            return v;
        } catch (NumberFormatException e) {
            throw new LogLevelException("log level '" + s.trim() + "' is not a number");
        }
    }

    public int level(Subsystem s) {
        return levels.getOrDefault(s, fallback);
    }

    public boolean enabled(Subsystem s, int level) {
        return level <= level(s);
    }
}
