package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the ike4j-specific top-level {@code radius} section (see {@link RadiusServerConfig}). */
final class RadiusReader {
    private RadiusReader() {}

    static List<RadiusServerConfig> read(SettingsSection radius, DiagnosticSink sink) {
        sink.warning(radius.location(), "'radius' is an ike4j extension of swanctl.conf",
                "strongSwan reads RADIUS servers from strongswan.conf (charon.plugins.eap-radius.servers)");
        List<RadiusServerConfig> out = new ArrayList<>();
        SectionReader top = new SectionReader(radius, "radius", sink);
        top.sub("servers").ifPresent(servers -> {
            for (SettingsSection sec : servers.sections().values()) {
                String path = "radius.servers." + sec.name();
                SectionReader r = new SectionReader(sec, path, sink);
                Optional<String> address = r.str("address");
                if (address.isEmpty()) sink.error(sec.location(), "missing 'address' in " + path, "add address = <IP or host>");
                long port = r.number("auth_port", r.number("port", 1812, 65535), 65535);
                Optional<Secret> secret = r.raw("secret").flatMap(s -> SecretsReader.decode(s, path, sink));
                if (secret.isEmpty()) sink.error(sec.location(), "missing 'secret' in " + path, "add secret = <shared secret>");
                String nas = r.str("nas_identifier", "ike4j");
                Duration timeout = r.duration("timeout", Duration.ofSeconds(3));
                long retries = r.number("retransmit_tries", 2, 10);
                r.finish();
                out.add(new RadiusServerConfig(sec.name(), sec.location(), address, (int) port, secret, nas, timeout, (int) retries));
            }
            PoolsReader.warnLooseSettings(servers, "radius.servers", sink);
        });
        top.finish();
        return out;
    }
}
