package io.ike4j.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a swanctl.conf (strongSwan 5.9.8 syntax and semantics) into a {@link SwanctlConfig}.
 * Never throws on bad input: everything wrong is a {@link Diagnostic} in the {@link ConfigResult}.
 * Settings that ike4j will serve later (pools, vips, certificates, DPD...) are accepted, not rejected;
 * settings strongSwan does not know are warnings.
 */
public final class SwanctlConfigLoader {
    private final SettingsReader reader;
    private final ConfigValidator validator;

    public SwanctlConfigLoader(SettingsLimits limits, ConfigValidator validator) {
        this.reader = new SettingsReader(limits);
        this.validator = validator;
    }

    public SwanctlConfigLoader() {
        this(SettingsLimits.defaults(), ConfigValidator.none());
    }

    public static ConfigResult load(Path file, ConfigValidator validator) {
        return new SwanctlConfigLoader(SettingsLimits.defaults(), validator).loadFile(file);
    }

    public static ConfigResult load(Path file) {
        return load(file, ConfigValidator.none());
    }

    public ConfigResult loadFile(Path file) {
        DiagnosticSink sink = new DiagnosticSink();
        SettingsSection tree;
        try {
            tree = reader.read(file, sink);
        } catch (RuntimeException e) {
            return internalError(file.toString(), sink, e);
        }
        return build(tree, sink);
    }

    /** Parses swanctl.conf text; relative includes resolve against {@code baseDir} (null: no includes). */
    public ConfigResult loadString(String text, String fileName, Path baseDir) {
        DiagnosticSink sink = new DiagnosticSink();
        SettingsSection tree;
        try {
            tree = reader.parse(text, fileName, baseDir, sink);
        } catch (RuntimeException e) {
            return internalError(fileName, sink, e);
        }
        return build(tree, sink);
    }

    /** Builds the model from an already parsed tree, adding to {@code sink}. */
    public ConfigResult build(SettingsSection tree, DiagnosticSink sink) {
        try {
            List<ConnectionConfig> conns = new ArrayList<>();
            tree.section("connections").ifPresent(c -> {
                for (SettingsSection conn : c.sections().values()) {
                    conns.add(ConnectionReader.read(conn, "connections." + conn.name(), sink, validator));
                }
                PoolsReader.warnLooseSettings(c, "connections", sink);
            });
            List<SecretConfig> secrets = tree.section("secrets").map(s -> SecretsReader.read(s, sink)).orElse(List.of());
            List<PoolConfig> pools = tree.section("pools").map(p -> PoolsReader.pools(p, sink, validator)).orElse(List.of());
            List<AuthorityConfig> auths = tree.section("authorities").map(a -> PoolsReader.authorities(a, sink))
                    .orElse(List.of());
            List<RadiusServerConfig> radius = tree.section("radius").map(r -> RadiusReader.read(r, sink)).orElse(List.of());
            tree.settings().values().forEach(s -> sink.warning(s.location(),
                    "unknown top-level setting '" + s.name() + "'", "it is ignored"));
            tree.sections().values().stream()
                    .filter(s -> !List.of("connections", "secrets", "pools", "authorities", "radius").contains(s.name()))
                    .forEach(s -> sink.warning(s.location(), "unknown top-level section '" + s.name() + "'",
                            "expected connections, secrets, pools or authorities"));
            return new ConfigResult(new SwanctlConfig(conns, secrets, pools, auths, radius), tree, sink.snapshot());
        } catch (RuntimeException e) {
            return internalError(tree.location().file(), sink, e);
        }
    }

    /** Last line of defence (a bug, or a validator that threw): reported, never propagated. */
    private static ConfigResult internalError(String file, DiagnosticSink sink, RuntimeException e) {
        sink.error(new SourceLocation(file, 0), "internal error while loading configuration: "
                + e.getClass().getSimpleName(), "please report this");
        return new ConfigResult(SwanctlConfig.empty(),
                new SettingsSection("", new SourceLocation(file, 0), java.util.Map.of(), java.util.Map.of()),
                sink.snapshot());
    }
}
