package io.ike4j.core.config;

import io.ike4j.core.pool.PoolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole engine configuration: connections (by unique name), credentials and settings. Immutable. */
public record EngineConfig(List<ConnectionConfig> connections, Credentials credentials, EngineSettings settings,
                           List<PoolDefinition> pools) {

    public EngineConfig {
        Map<String, ConnectionConfig> byName = new LinkedHashMap<>();
        for (ConnectionConfig c : connections) {
            if (byName.putIfAbsent(c.name(), c) != null) throw new IllegalArgumentException("duplicate connection " + c.name());
        }
        connections = List.copyOf(connections);
        credentials = credentials == null ? Credentials.NONE : credentials;
        settings = settings == null ? EngineSettings.DEFAULTS : settings;
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /** The shape before virtual IP pools (RFC 7296 3.15) existed: no pools. */
    public EngineConfig(List<ConnectionConfig> connections, Credentials credentials, EngineSettings settings) {
        this(connections, credentials, settings, List.of());
    }

    public Optional<ConnectionConfig> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<ConnectionConfig> connections = new ArrayList<>();
        private final List<SharedSecret> secrets = new ArrayList<>();
        private EngineSettings settings = EngineSettings.DEFAULTS;
        private Credentials credentials = Credentials.NONE;
        private final List<PoolDefinition> pools = new ArrayList<>();

        public Builder connection(ConnectionConfig c) { connections.add(c); return this; }
        public Builder secret(SharedSecret s) { secrets.add(s); return this; }
        public Builder settings(EngineSettings s) { settings = s; return this; }
        /** Certificates, keys, EAP secrets...; shared keys added with {@link #secret} are appended to its own. */
        public Builder credentials(Credentials c) { credentials = c; return this; }

        /** A virtual IP / attribute pool ({@code pools.<name>}). */
        public Builder pool(PoolDefinition p) { pools.add(p); return this; }

        public EngineConfig build() {
            List<SharedSecret> all = new ArrayList<>(credentials.sharedKeys().secrets());
            all.addAll(secrets);
            Credentials c = credentials;
            return new EngineConfig(connections, new Credentials(new SharedKeyStore(all), c.signer(), c.keys(), c.caCerts(),
                    c.crls(), c.eapSecrets(), c.eapTls(), c.eapBackend(), c.crlFetcher(), c.ppks()), settings, pools);
        }
    }
}
