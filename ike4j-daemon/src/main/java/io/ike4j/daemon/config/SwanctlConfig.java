package io.ike4j.daemon.config;

import java.util.List;
import java.util.Optional;

/** The typed content of a swanctl.conf, in the order sections were written. */
public record SwanctlConfig(List<ConnectionConfig> connections, List<SecretConfig> secrets, List<PoolConfig> pools,
                           List<AuthorityConfig> authorities, List<RadiusServerConfig> radiusServers) {
    public SwanctlConfig {
        connections = List.copyOf(connections);
        secrets = List.copyOf(secrets);
        pools = List.copyOf(pools);
        authorities = List.copyOf(authorities);
        radiusServers = List.copyOf(radiusServers);
    }

    public SwanctlConfig(List<ConnectionConfig> connections, List<SecretConfig> secrets, List<PoolConfig> pools,
                         List<AuthorityConfig> authorities) {
        this(connections, secrets, pools, authorities, List.of());
    }

    public static SwanctlConfig empty() {
        return new SwanctlConfig(List.of(), List.of(), List.of(), List.of());
    }

    public Optional<ConnectionConfig> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<PoolConfig> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<SecretConfig> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<AuthorityConfig> authority(String name) {
        return authorities.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
