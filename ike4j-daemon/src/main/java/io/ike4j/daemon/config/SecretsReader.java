package io.ike4j.daemon.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@link SecretConfig}s from {@code secrets}. Secret values are decoded like swanctl does: {@code 0x...}
 * hexadecimal, {@code 0s...} base64, anything else the (possibly quoted) string itself. Diagnostics about
 * secrets never repeat the value.
 */
final class SecretsReader {
    private SecretsReader() {}

    static List<SecretConfig> read(SettingsSection secrets, DiagnosticSink sink) {
        List<SecretConfig> out = new ArrayList<>();
        for (SettingsSection sec : secrets.sections().values()) {
            String path = "secrets." + sec.name();
            SecretConfig.Kind kind = kindOf(sec.name());
            if (kind == null) {
                sink.warning(sec.location(), "unknown section '" + sec.name() + "' in secrets",
                        "secret sections start with ike, eap, xauth, ntlm, ppk, private, rsa, ecdsa, pkcs8, pkcs12 or token");
                continue;
            }
            out.add(readOne(kind, sec, path, sink));
        }
        secrets.settings().values().forEach(s -> sink.warning(s.location(),
                "unknown setting '" + s.name() + "' in secrets", "secrets are sections like 'ike-1 { ... }'"));
        return out;
    }

    private static SecretConfig.Kind kindOf(String name) {
        for (SecretConfig.Kind k : SecretConfig.Kind.values()) {
            if (name.startsWith(k.prefix)) {
                return k;
            }
        }
        return null;
    }

    private static SecretConfig readOne(SecretConfig.Kind kind, SettingsSection sec, String path, DiagnosticSink sink) {
        SectionReader r = new SectionReader(sec, path, sink);
        List<String> ids = new ArrayList<>();
        if (kind.isSharedSecret()) {
            for (Setting s : sec.settings().values()) {
                if (s.name().startsWith("id")) {
                    r.raw(s.name());
                    ids.add(s.value());
                }
            }
        }
        Optional<Secret> secret = r.raw("secret").flatMap(s -> decode(s, path, sink));
        if (kind.isSharedSecret() && sec.setting("secret").isEmpty()) {
            sink.error(sec.location(), "missing 'secret' in " + path, "add secret = ... (ASCII, 0x hex or 0s base64)");
        }
        Optional<String> file = Optional.empty();
        Optional<String> handle = Optional.empty();
        Optional<Long> slot = Optional.empty();
        Optional<String> module = Optional.empty();
        Optional<Secret> pin = Optional.empty();
        if (kind == SecretConfig.Kind.TOKEN) {
            handle = r.str("handle");
            slot = r.typed("slot", v -> {
                var n = Values.unsigned(v, 0xFFFF_FFFFL);
                return n.isPresent() ? Optional.of(n.getAsLong()) : Optional.empty();
            }, "expected a slot number");
            module = r.str("module");
            pin = r.raw("pin").flatMap(s -> decode(s, path, sink));
        } else if (!kind.isSharedSecret()) {
            file = r.str("file");
        }
        r.finish();
        return new SecretConfig(kind, sec.name(), sec.location(), ids, secret, file, handle, slot, module, pin);
    }

    /** swanctl: 0x hex, 0s base64, else the bytes of the string. Never echoes the value. */
    static Optional<Secret> decode(Setting s, String path, DiagnosticSink sink) {
        String v = s.value();
        String lower = v.length() >= 2 ? v.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : "";
        try {
            if (lower.equals("0x")) {
                String hex = v.substring(2).replace(":", "");
                return Optional.of(new Secret(HexFormat.of().parseHex(hex)));
            }
            if (lower.equals("0s")) {
                return Optional.of(new Secret(Base64.getMimeDecoder().decode(v.substring(2).strip())));
            }
        } catch (IllegalArgumentException e) {
            sink.error(s.location(), "invalid " + (lower.equals("0x") ? "hex" : "base64") + " encoding of '"
                    + s.name() + "' in " + path, "0x must be followed by hex digit pairs, 0s by base64");
            return Optional.empty();
        }
        return Optional.of(new Secret(v.getBytes(StandardCharsets.UTF_8)));
    }
}
