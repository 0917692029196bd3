package io.ike4j.daemon.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pools.<name>}: a virtual IP pool and the configuration attributes handed out with it.
 *
 * @param custom attributes given by number ({@code 25 = ...}) or other names, as written
 */
public record PoolConfig(String name, SourceLocation location, Optional<String> addrs, List<String> dns,
                         List<String> nbns, List<String> dhcp, List<String> netmask, List<String> server,
                         List<String> subnet, List<String> splitInclude, List<String> splitExclude,
                         Map<String, List<String>> custom) {
    public PoolConfig {
        dns = List.copyOf(dns);
        nbns = List.copyOf(nbns);
        dhcp = List.copyOf(dhcp);
        netmask = List.copyOf(netmask);
        server = List.copyOf(server);
        subnet = List.copyOf(subnet);
        splitInclude = List.copyOf(splitInclude);
        splitExclude = List.copyOf(splitExclude);
        custom = Map.copyOf(custom);
    }
}
