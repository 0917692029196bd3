package io.ike4j.daemon.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s, checked against what a command accepts. */
final class CliArgs {
    /** Bad command-line arguments. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    static CliArgs parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        CliArgs a = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) throw new UsageException("unexpected argument '" + arg + "'");
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name) && inline == null) {
                a.flags.add(name);
            } else if (valued.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size()) throw new UsageException("--" + name + " needs a value");
                    v = args.get(++i);
                }
                a.values.put(name, v);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    int port(String name, int dflt) throws UsageException {
        Optional<String> v = value(name);
        if (v.isEmpty()) return dflt;
        try {
            int p = Integer.parseInt(v.get());
            if (p < 0 || p > 65535) throw new UsageException("--" + name + " must be 0..65535");
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number");
        }
    }
}
