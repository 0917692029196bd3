package io.ike4j.daemon.pki;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed {@code pki} arguments: the command (--gen, --self, ...) and its options, repeatable ones kept in order. */
final class PkiArgs {
    static final Set<String> COMMANDS = Set.of("gen", "self", "issue", "pub", "print", "signcrl");
    private static final Set<String> FLAGS = Set.of("ca", "help");

    final String command;
    private final Map<String, List<String>> options;

    private PkiArgs(String command, Map<String, List<String>> options) {
        this.command = command;
        this.options = options;
    }

    static PkiArgs parse(String[] args) throws PkiException {
        String command = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new PkiException("unexpected argument '" + a + "'");
            String name = a.substring(2);
            // "--pub FILE" is also an option of --issue (strongSwan's spelling)
            boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("--");
            if (COMMANDS.contains(name) && !(command != null && valueFollows)) {
                if (command != null) throw new PkiException("more than one command: --" + command + " and --" + name);
                command = name;
            } else if (FLAGS.contains(name)) {
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("yes");
            } else {
                if (i + 1 >= args.length) throw new PkiException("option --" + name + " needs a value");
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
            }
        }
        if (command == null) throw new PkiException("no command given (--gen, --self, --issue, --pub, --print, --signcrl)");
        return new PkiArgs(command, options);
    }

    Optional<String> get(String name) {
        List<String> v = options.get(name);
        return v == null ? Optional.empty() : Optional.of(v.getLast());
    }

    String require(String name) throws PkiException {
        return get(name).orElseThrow(() -> new PkiException("--" + command + " requires --" + name));
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    int intValue(String name, int dflt) throws PkiException {
        Optional<String> v = get(name);
        if (v.isEmpty()) return dflt;
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new PkiException("--" + name + " expects a number, got '" + v.get() + "'");
        }
    }

    /** Options not in {@code allowed} are an error, so typos don't pass silently. */
    void allowOnly(String... allowed) throws PkiException {
        Set<String> ok = Set.of(allowed);
        for (String k : options.keySet()) {
            if (!ok.contains(k)) throw new PkiException("--" + command + " does not take --" + k);
        }
    }
}
