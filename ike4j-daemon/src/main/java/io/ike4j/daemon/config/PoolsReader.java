package io.ike4j.daemon.config;

import io.ike4j.daemon.config.ConfigValidator.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link PoolConfig}s from {@code pools} and {@link AuthorityConfig}s from {@code authorities}. */
final class PoolsReader {
    private static final Set<String> POOL_KEYS = Set.of("addrs", "dns", "nbns", "dhcp", "netmask", "server", "subnet",
            "split_include", "split_exclude");

    private PoolsReader() {}

    static List<PoolConfig> pools(SettingsSection pools, DiagnosticSink sink, ConfigValidator validator) {
        List<PoolConfig> out = new ArrayList<>();
        for (SettingsSection sec : pools.sections().values()) {
            String path = "pools." + sec.name();
            SectionReader r = new SectionReader(sec, path, sink);
            Optional<Setting> addrs = r.raw("addrs");
            addrs.ifPresent(s -> validator.validate(ValueKind.POOL_ADDRS, s.value().strip(), s.location(), sink));
            Map<String, List<String>> custom = new HashMap<>();
            for (Setting s : sec.settings().values()) {
                // strongSwan: attributes may also be given by their numeric type
                if (!POOL_KEYS.contains(s.name()) && Values.unsigned(s.name(), 65535).isPresent()) {
                    r.raw(s.name());
                    custom.put(s.name(), Values.list(s.value()));
                }
            }
            out.add(new PoolConfig(sec.name(), sec.location(), addrs.map(s -> s.value().strip()),
                    r.list("dns", List.of()), r.list("nbns", List.of()), r.list("dhcp", List.of()),
                    r.list("netmask", List.of()), r.list("server", List.of()), r.list("subnet", List.of()),
                    r.list("split_include", List.of()), r.list("split_exclude", List.of()), custom));
            r.finish();
        }
        warnLooseSettings(pools, "pools", sink);
        return out;
    }

    static List<AuthorityConfig> authorities(SettingsSection auths, DiagnosticSink sink) {
        List<AuthorityConfig> out = new ArrayList<>();
        for (SettingsSection sec : auths.sections().values()) {
            SectionReader r = new SectionReader(sec, "authorities." + sec.name(), sink);
            out.add(new AuthorityConfig(sec.name(), sec.location(), r.str("cacert"), r.str("file"), r.str("handle"),
                    r.str("slot"), r.str("module"), r.list("crl_uris", List.of()), r.list("ocsp_uris", List.of()),
                    r.str("cert_uri_base")));
            r.finish();
        }
        warnLooseSettings(auths, "authorities", sink);
        return out;
    }

    static void warnLooseSettings(SettingsSection sec, String path, DiagnosticSink sink) {
        sec.settings().values().forEach(s -> sink.warning(s.location(),
                "unknown setting '" + s.name() + "' in " + path, "entries here are sections 'name { ... }'"));
    }
}
