package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of one {@link SettingsSection}, reporting invalid values as errors with the value's
 * location and, on {@link #finish()}, every setting or section nobody asked for as an "unknown" warning.
 */
final class SectionReader {
    private final SettingsSection section;
    private final String path;
    private final DiagnosticSink sink;
    private final Set<String> usedKeys = new HashSet<>();
    private final Set<String> usedSections = new HashSet<>();

    SectionReader(SettingsSection section, String path, DiagnosticSink sink) {
        this.section = section;
        this.path = path;
        this.sink = sink;
    }

    String path() {
        return path;
    }

    SettingsSection section() {
        return section;
    }

    DiagnosticSink sink() {
        return sink;
    }

    /** Marks a sub-section as understood. */
    Optional<SettingsSection> sub(String name) {
        usedSections.add(name);
        return section.section(name);
    }

    void markSection(String name) {
        usedSections.add(name);
    }

    Optional<Setting> raw(String key) {
        usedKeys.add(key);
        return section.setting(key);
    }

    /** Known setting that ike4j accepts but keeps as-is (served by later work). */
    Optional<String> str(String key) {
        return raw(key).map(Setting::value);
    }

    String str(String key, String def) {
        return str(key).orElse(def);
    }

    List<String> list(String key, List<String> def) {
        return raw(key).map(s -> Values.list(s.value())).orElse(def);
    }

    Duration duration(String key, Duration def) {
        return typed(key, Values::duration, Values.DURATION_HINT).orElse(def);
    }

    Optional<Duration> duration(String key) {
        return typed(key, Values::duration, Values.DURATION_HINT);
    }

    Optional<Long> volume(String key) {
        return typed(key, v -> box(Values.volume(v)), Values.VOLUME_HINT);
    }

    boolean bool(String key, boolean def) {
        return typed(key, Values::bool, Values.BOOL_HINT).orElse(def);
    }

    long number(String key, long def, long max) {
        return typed(key, v -> box(Values.unsigned(v, max)), "expected a number from 0 to " + max).orElse(def);
    }

    /** One of a fixed set of words (case-insensitive); {@code choices} maps accepted spellings to values. */
    <E> E choice(String key, E def, Map<String, E> choices) {
        Function<String, Optional<E>> parse = v -> Optional.ofNullable(choices.get(v.strip().toLowerCase(Locale.ROOT)));
        return typed(key, parse, "expected one of " + String.join(", ", new java.util.TreeSet<>(choices.keySet()))).orElse(def);
    }

    <T> Optional<T> typed(String key, Function<String, Optional<T>> parser, String hint) {
        Optional<Setting> s = raw(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> v = parser.apply(s.get().value());
        if (v.isEmpty()) {
            invalid(s.get(), hint);
        }
        return v;
    }

    void invalid(Setting s, String hint) {
        sink.error(s.location(), "invalid value '" + s.value() + "' for " + s.name() + " in " + path, hint);
    }

    Optional<SourceLocation> locationOf(String key) {
        return section.setting(key).map(Setting::location);
    }

    /** Warns about every setting and section that was not read. */
    void finish() {
        section.settings().forEach((k, s) -> {
            if (!usedKeys.contains(k)) {
                sink.warning(s.location(), "unknown setting '" + k + "' in " + path, "it is ignored");
            }
        });
        section.sections().forEach((k, s) -> {
            if (!usedSections.contains(k)) {
                sink.warning(s.location(), "unknown section '" + k + "' in " + path, "it is ignored");
            }
        });
    }

    private static Optional<Long> box(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }
}
