package io.ike4j.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parser's working tree; frozen into {@link SettingsSection} when a load is complete. */
final class MutableSection {
    final String name;
    final SourceLocation location;
    final Map<String, Setting> settings = new LinkedHashMap<>();
    final Map<String, MutableSection> sections = new LinkedHashMap<>();
    /** strongSwan section references ({@code name : other.section}) as dotted paths from the root. */
    final List<Setting> references = new ArrayList<>();

    MutableSection(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    /** Returns the existing sub-section of that name (duplicated sections merge) or adds a new one. */
    MutableSection section(String childName, SourceLocation where) {
        return sections.computeIfAbsent(childName, n -> new MutableSection(n, where));
    }

    /** Later assignments override earlier ones, as in strongSwan. */
    void put(Setting s) {
        settings.put(s.name(), s);
    }

    SettingsSection freeze(MutableSection root, DiagnosticSink sink) {
        return freeze(root, sink, 0);
    }

    private SettingsSection freeze(MutableSection root, DiagnosticSink sink, int depth) {
        Map<String, Setting> s = new LinkedHashMap<>(settings);
        Map<String, SettingsSection> subs = new LinkedHashMap<>();
        for (MutableSection sub : sections.values()) {
            subs.put(sub.name, sub.freeze(root, sink, depth + 1));
        }
        // strongSwan: a section inherits settings and sections of the sections it references that it does not define
        for (Setting ref : references) {
            MutableSection target = root.lookup(ref.value());
            if (target == null) {
                sink.warning(ref.location(), "referenced section '" + ref.value() + "' not found",
                        "references are absolute paths like connections.template");
                continue;
            }
            if (depth > 64 || target == this) {
                sink.error(ref.location(), "section reference '" + ref.value() + "' is recursive", "");
                continue;
            }
            SettingsSection inherited = target.freeze(root, new DiagnosticSink(), depth + 16);
            inherited.settings().forEach(s::putIfAbsent);
            inherited.sections().forEach((k, v) -> subs.merge(k, v, MutableSection::mergeMissing));
        }
        return new SettingsSection(name, location, s, subs);
    }

    private static SettingsSection mergeMissing(SettingsSection own, SettingsSection inherited) {
        Map<String, Setting> s = new LinkedHashMap<>(own.settings());
        inherited.settings().forEach(s::putIfAbsent);
        Map<String, SettingsSection> subs = new LinkedHashMap<>(own.sections());
        inherited.sections().forEach((k, v) -> subs.merge(k, v, MutableSection::mergeMissing));
        return new SettingsSection(own.name(), own.location(), s, subs);
    }

    private MutableSection lookup(String dotted) {
        MutableSection cur = this;
        for (String part : dotted.split("\\.", -1)) {
            cur = cur.sections.get(part);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }
}
