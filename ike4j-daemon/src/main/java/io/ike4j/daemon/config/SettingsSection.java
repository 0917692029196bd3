package io.ike4j.daemon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable section of a strongSwan settings tree: named settings and named sub-sections, both in the
 * order they were first written. Duplicated sections are already merged and later keys have replaced earlier
 * ones (the setting keeps the location of the last assignment). A key and a section may share a name, as in
 * strongSwan. The root section has an empty name.
 *
 * @param location where the section was first opened (for the root: the top file, line 0)
 */
public record SettingsSection(String name, SourceLocation location, Map<String, Setting> settings,
                              Map<String, SettingsSection> sections) {
    public SettingsSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    public Optional<Setting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public Optional<SettingsSection> section(String key) {
        return Optional.ofNullable(sections.get(key));
    }

    /**
     * Looks up a dotted path such as {@code connections.gw.version} (a setting) relative to this section.
     * Names containing dots cannot be reached this way.
     */
    public Optional<Setting> find(String dottedPath) {
        List<String> parts = List.of(dottedPath.split("\\.", -1));
        SettingsSection current = this;
        for (int i = 0; i < parts.size() - 1; i++) {
            current = current.sections.get(parts.get(i));
            if (current == null) {
                return Optional.empty();
            }
        }
        return current.setting(parts.getLast());
    }

    @Override
    public String toString() {
        return "SettingsSection[" + name + " at " + location + ", keys=" + settings.keySet()
                + ", sections=" + sections.keySet() + "]";
    }
}
