package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connections.<conn>}: an IKE_SA configuration with strongSwan 5.9.8 defaults.
 * Proposals and addresses are kept as written (validated through {@link ConfigValidator}).
 *
 * @param version   0 = any, 1 = IKEv1, 2 = IKEv2
 * @param local     local authentication rounds in order
 * @param remote    remote authentication rounds in order
 * @param locations where each setting of this connection was written, by key
 */
public record ConnectionConfig(String name, SourceLocation location, int version, List<String> localAddrs,
                               List<String> remoteAddrs, int localPort, int remotePort, List<String> proposals,
                               List<String> vips, List<String> pools, boolean aggressive, boolean pull,
                               String dscp, boolean encap, boolean mobike, Duration dpdDelay, Duration dpdTimeout,
                               Fragmentation fragmentation, Childless childless, boolean sendCertreq,
                               SendCert sendCert, long keyingtries, Unique unique, Duration reauthTime,
                               Duration rekeyTime, Duration overTime, Duration randTime, Optional<String> ifIdIn,
                               Optional<String> ifIdOut, Optional<String> ppkId, boolean ppkRequired,
                               Optional<String> redirectInit, Optional<String> redirectAuth,
                               List<AuthConfig> local, List<AuthConfig> remote, List<ChildConfig> children,
                               Map<String, SourceLocation> locations) {
    public enum Fragmentation { YES, ACCEPT, FORCE, NO }
    public enum Childless { ALLOW, PREFER, FORCE, NEVER }
    public enum SendCert { ALWAYS, NEVER, IFASKED }
    public enum Unique { NO, NEVER, KEEP, REPLACE }

    public ConnectionConfig {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        vips = List.copyOf(vips);
        pools = List.copyOf(pools);
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        children = List.copyOf(children);
        locations = Map.copyOf(locations);
    }

    public Optional<ChildConfig> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    public Optional<SourceLocation> locationOf(String key) {
        return Optional.ofNullable(locations.get(key));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Starts from strongSwan's defaults; {@link #build()} derives over_time and rand_time the way swanctl does. */
    public static final class Builder {
        private final String name;
        private SourceLocation location = SourceLocation.unknown();
        private int version;
        private List<String> localAddrs = List.of("%any");
        private List<String> remoteAddrs = List.of("%any");
        private int localPort = 500;
        private int remotePort = 500;
        private List<String> proposals = List.of("default");
        private List<String> vips = List.of();
        private List<String> pools = List.of();
        private boolean aggressive;
        private boolean pull = true;
        private String dscp = "000000";
        private boolean encap;
        private boolean mobike = true;
        private Duration dpdDelay = Duration.ZERO;
        private Duration dpdTimeout = Duration.ZERO;
        private Fragmentation fragmentation = Fragmentation.YES;
        private Childless childless = Childless.ALLOW;
        private boolean sendCertreq = true;
        private SendCert sendCert = SendCert.IFASKED;
        private long keyingtries = 1;
        private Unique unique = Unique.NO;
        private Duration reauthTime = Duration.ZERO;
        private Duration rekeyTime = Duration.ofHours(4);
        private Duration overTime;
        private Duration randTime;
        private Optional<String> ifIdIn = Optional.empty();
        private Optional<String> ifIdOut = Optional.empty();
        private Optional<String> ppkId = Optional.empty();
        private boolean ppkRequired;
        private Optional<String> redirectInit = Optional.empty();
        private Optional<String> redirectAuth = Optional.empty();
        private List<AuthConfig> local = List.of(AuthConfig.defaults("local"));
        private List<AuthConfig> remote = List.of(AuthConfig.defaults("remote"));
        private List<ChildConfig> children = List.of();
        private Map<String, SourceLocation> locations = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder location(SourceLocation v) { location = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder localAddrs(List<String> v) { localAddrs = v; return this; }
        public Builder remoteAddrs(List<String> v) { remoteAddrs = v; return this; }
        public Builder localPort(int v) { localPort = v; return this; }
        public Builder remotePort(int v) { remotePort = v; return this; }
        public Builder proposals(List<String> v) { proposals = v; return this; }
        public Builder vips(List<String> v) { vips = v; return this; }
        public Builder pools(List<String> v) { pools = v; return this; }
        public Builder aggressive(boolean v) { aggressive = v; return this; }
        public Builder pull(boolean v) { pull = v; return this; }
        public Builder dscp(String v) { dscp = v; return this; }
        public Builder encap(boolean v) { encap = v; return this; }
        public Builder mobike(boolean v) { mobike = v; return this; }
        public Builder dpdDelay(Duration v) { dpdDelay = v; return this; }
        public Builder dpdTimeout(Duration v) { dpdTimeout = v; return this; }
        public Builder fragmentation(Fragmentation v) { fragmentation = v; return this; }
        public Builder childless(Childless v) { childless = v; return this; }
        public Builder sendCertreq(boolean v) { sendCertreq = v; return this; }
        public Builder sendCert(SendCert v) { sendCert = v; return this; }
        public Builder keyingtries(long v) { keyingtries = v; return this; }
        public Builder unique(Unique v) { unique = v; return this; }
        public Builder reauthTime(Duration v) { reauthTime = v; return this; }
        public Builder rekeyTime(Duration v) { rekeyTime = v; return this; }
        /** Unset (null) means 10% of the larger of rekey_time and reauth_time. */
        public Builder overTime(Duration v) { overTime = v; return this; }
        /** Unset (null) means over_time. */
        public Builder randTime(Duration v) { randTime = v; return this; }
        public Builder ifIdIn(Optional<String> v) { ifIdIn = v; return this; }
        public Builder ifIdOut(Optional<String> v) { ifIdOut = v; return this; }
        public Builder ppkId(Optional<String> v) { ppkId = v; return this; }
        public Builder ppkRequired(boolean v) { ppkRequired = v; return this; }
        /** ike4j extension {@code redirect_init}: redirect matching initiators in IKE_SA_INIT (RFC 5685 4.2). */
        public Builder redirectInit(Optional<String> v) { redirectInit = v; return this; }
        /** ike4j extension {@code redirect_auth}: redirect matching peers after authentication (RFC 5685 6). */
        public Builder redirectAuth(Optional<String> v) { redirectAuth = v; return this; }
        public Builder local(List<AuthConfig> v) { local = v; return this; }
        public Builder remote(List<AuthConfig> v) { remote = v; return this; }
        public Builder children(List<ChildConfig> v) { children = v; return this; }
        public Builder locations(Map<String, SourceLocation> v) { locations = v; return this; }

        public ConnectionConfig build() {
            Duration longer = rekeyTime.compareTo(reauthTime) >= 0 ? rekeyTime : reauthTime;
            Duration over = overTime != null ? overTime : longer.dividedBy(10);
            Duration rand = randTime != null ? randTime : over;
            return new ConnectionConfig(name, location, version, localAddrs, remoteAddrs, localPort, remotePort,
                    proposals, vips, pools, aggressive, pull, dscp, encap, mobike, dpdDelay, dpdTimeout,
                    fragmentation, childless, sendCertreq, sendCert, keyingtries, unique, reauthTime, rekeyTime,
                    over, rand, ifIdIn, ifIdOut, ppkId, ppkRequired, redirectInit, redirectAuth, local, remote, children, locations);
        }
    }
}
