package io.ike4j.core.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IKE connection ({@code connections.<conn>} in swanctl.conf). Addresses are strongSwan address entries
 * (IP literal, {@code %any}, CIDR, range); IKE proposals are strongSwan proposal strings or {@code default}.
 * Timing knobs follow swanctl.conf (rekey_time 4h, over_time 10% of rekey/reauth, rand_time = over_time).
 * {@code version}: 0 any (initiates IKEv2, responds to both), 1 IKEv1, 2 IKEv2; {@code aggressive} is IKEv1 only.
 */
public record ConnectionConfig(String name, int version, List<String> localAddrs, List<String> remoteAddrs,
                               int localPort, int remotePort, List<String> ikeProposals,
                               AuthConfig local, AuthConfig remote, List<ChildConfig> children,
                               Duration rekeyTime, Duration reauthTime, Duration overTime, Duration randTime,
                               Duration dpdDelay, Duration dpdTimeout, int keyingTries, Unique unique,
                               boolean encap, Fragmentation fragmentation, boolean aggressive, Childless childless,
                               boolean mobike, VirtualIps virtualIps, List<AuthConfig> moreLocal,
                               List<AuthConfig> moreRemote, Ppk ppk) {

    /**
     * Postquantum preshared key use (RFC 8784; swanctl {@code ppk_id}, {@code ppk_required}): the id of the PPK we
     * offer as initiator, and whether an IKE SA without a PPK is refused. {@code intermediate}: also announce
     * USE_PPK_INT and agree the PPK in IKE_INTERMEDIATE when the peer supports RFC 9867 (default), which protects the
     * IKE SA itself; RFC 8784 remains the fallback for peers without it.
     */
    public record Ppk(Optional<String> id, boolean required, boolean intermediate) {
        public static final Ppk NONE = new Ppk(Optional.empty(), false);

        public Ppk {
            id = id == null ? Optional.empty() : id;
        }

        /** RFC 8784 settings with RFC 9867 enabled. */
        public Ppk(Optional<String> id, boolean required) {
            this(id, required, true);
        }
    }

    /** {@code unique}: how to treat duplicate IKE SAs with the same identities. */
    public enum Unique { NO, NEVER, REPLACE, KEEP }

    /**
     * {@code childless} (RFC 6023): ALLOW (default) accepts it as responder and uses it as initiator when no CHILD is
     * asked for; PREFER also when one is (it follows with CREATE_CHILD_SA); FORCE always, and refuses IKE_AUTH with
     * a CHILD_SA as responder; NEVER neither uses nor accepts it.
     */
    public enum Childless { ALLOW, PREFER, FORCE, NEVER }

    /** {@code fragmentation} (RFC 7383). */
    public enum Fragmentation { YES, ACCEPT, FORCE, NO }

    public ConnectionConfig {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("connection name required");
        localAddrs = List.copyOf(localAddrs.isEmpty() ? List.of("%any") : localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs.isEmpty() ? List.of("%any") : remoteAddrs);
        ikeProposals = List.copyOf(ikeProposals.isEmpty() ? List.of("default") : ikeProposals);
        children = List.copyOf(children);
        if (local == null) local = AuthConfig.pskDefault();
        if (remote == null) remote = AuthConfig.pskDefault();
        if (childless == null) childless = Childless.ALLOW;
        if (virtualIps == null) virtualIps = VirtualIps.NONE;
        moreLocal = List.copyOf(moreLocal == null ? List.of() : moreLocal);
        moreRemote = List.copyOf(moreRemote == null ? List.of() : moreRemote);
        if (ppk == null) ppk = Ppk.NONE;
    }

    /**
     * Our authentication rounds in order (RFC 4739; swanctl.conf {@code local-1}, {@code local-2} ...): {@link #local}
     * then {@link #moreLocal}.
     */
    public List<AuthConfig> localRounds() {
        List<AuthConfig> all = new ArrayList<>(1 + moreLocal.size());
        all.add(local);
        all.addAll(moreLocal);
        return all;
    }

    /** The rounds the peer must complete (RFC 4739): {@link #remote} then {@link #moreRemote}. */
    public List<AuthConfig> remoteRounds() {
        List<AuthConfig> all = new ArrayList<>(1 + moreRemote.size());
        all.add(remote);
        all.addAll(moreRemote);
        return all;
    }

    public Optional<ChildConfig> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    /** The identity we send: the configured one or our IP address (RFC 7296 3.5; swanctl.conf default). */
    public Identity localIdentity(InetAddress localAddress) {
        return local.identity().orElseGet(() -> Identity.ofAddress(localAddress));
    }

    /** The identity we expect from the peer ({@code %any} by default). */
    public Identity remoteIdentity() {
        return remote.identity().orElse(Identity.ANY);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private int version = 2;
        private final List<String> localAddrs = new ArrayList<>();
        private final List<String> remoteAddrs = new ArrayList<>();
        private int localPort = 500;
        private int remotePort = 500;
        private final List<String> proposals = new ArrayList<>();
        private AuthConfig local;
        private AuthConfig remote;
        private final List<ChildConfig> children = new ArrayList<>();
        private Duration rekeyTime = Duration.ofHours(4);
        private Duration reauthTime = Duration.ZERO;
        private Duration overTime;
        private Duration randTime;
        private Duration dpdDelay = Duration.ZERO;
        private Duration dpdTimeout = Duration.ZERO;
        private int keyingTries = 1;
        private Unique unique = Unique.NO;
        private boolean encap;
        private Fragmentation fragmentation = Fragmentation.YES;
        private boolean aggressive;
        private Ppk ppk = Ppk.NONE;
        private Childless childless = Childless.ALLOW;
        private boolean mobike = true;
        private final List<InetAddress> vips = new ArrayList<>();
        private boolean modeConfigPush;
        private final List<String> pools = new ArrayList<>();
        private final List<AuthConfig> moreLocal = new ArrayList<>();
        private final List<AuthConfig> moreRemote = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder version(int v) { version = v; return this; }
        public Builder localAddrs(String... a) { localAddrs.addAll(List.of(a)); return this; }
        public Builder remoteAddrs(String... a) { remoteAddrs.addAll(List.of(a)); return this; }
        public Builder localPort(int p) { localPort = p; return this; }
        public Builder remotePort(int p) { remotePort = p; return this; }
        public Builder ikeProposals(String... p) { proposals.addAll(List.of(p)); return this; }
        public Builder local(AuthConfig a) { local = a; return this; }
        public Builder remote(AuthConfig a) { remote = a; return this; }
        /** RFC 4739: a further local round after {@link #local} (strongSwan {@code local-2} ...). */
        public Builder addLocalRound(AuthConfig a) { moreLocal.add(a); return this; }
        /** RFC 4739: a further round the peer must complete after {@link #remote}. */
        public Builder addRemoteRound(AuthConfig a) { moreRemote.add(a); return this; }
        public Builder child(ChildConfig c) { children.add(c); return this; }
        public Builder rekeyTime(Duration d) { rekeyTime = d; return this; }
        public Builder reauthTime(Duration d) { reauthTime = d; return this; }
        public Builder overTime(Duration d) { overTime = d; return this; }
        public Builder randTime(Duration d) { randTime = d; return this; }
        public Builder dpdDelay(Duration d) { dpdDelay = d; return this; }
        public Builder dpdTimeout(Duration d) { dpdTimeout = d; return this; }
        public Builder keyingTries(int k) { keyingTries = k; return this; }
        public Builder unique(Unique u) { unique = u; return this; }
        public Builder encap(boolean e) { encap = e; return this; }
        public Builder fragmentation(Fragmentation f) { fragmentation = f; return this; }
        /** IKEv1 {@code aggressive = yes}: initiate with Aggressive Mode, and accept it as responder (RFC 2409 5.4). */
        public Builder aggressive(boolean a) { aggressive = a; return this; }

        /** {@code childless} (RFC 6023 childless IKE SA initiation). */
        public Builder childless(Childless c) { childless = c; return this; }
        /** swanctl {@code mobike} (default yes): announce MOBIKE (RFC 4555) and float to the NAT-T port at IKE_AUTH. */
        public Builder mobike(boolean m) { mobike = m; return this; }
        /** {@code vips}: virtual IPs to request ({@code 0.0.0.0}, {@code ::} for any). */
        public Builder vips(List<InetAddress> v) { vips.addAll(v); return this; }
        /** IKEv1 Mode Config push mode (swanctl {@code pull = no}). */
        public Builder modeConfigPush(boolean p) { modeConfigPush = p; return this; }
        /** {@code pools}: pools the peer's virtual IP requests are served from. */
        public Builder pools(String... p) { pools.addAll(List.of(p)); return this; }

        /** RFC 8784: {@code ppk_id} (null for none) and {@code ppk_required}. */
        public Builder ppk(String id, boolean required) { ppk = new Ppk(Optional.ofNullable(id), required, ppk.intermediate()); return this; }

        /** RFC 9867: whether the PPK may be agreed in IKE_INTERMEDIATE (default true); false keeps to RFC 8784. */
        public Builder ppkIntermediate(boolean on) { ppk = new Ppk(ppk.id(), ppk.required(), on); return this; }

        public ConnectionConfig build() {
            Duration base = rekeyTime.compareTo(reauthTime) >= 0 ? rekeyTime : reauthTime;
            Duration over = overTime != null ? overTime : base.dividedBy(10);
            Duration rand = randTime != null ? randTime : over;
            return new ConnectionConfig(name, version, localAddrs, remoteAddrs, localPort, remotePort, proposals,
                    local, remote, children, rekeyTime, reauthTime, over, rand, dpdDelay, dpdTimeout, keyingTries,
                    unique, encap, fragmentation, aggressive, childless, mobike, new VirtualIps(vips, pools, modeConfigPush), moreLocal, moreRemote, ppk);
        }
    }
}
