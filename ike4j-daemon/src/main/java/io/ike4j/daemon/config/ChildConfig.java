package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connections.<conn>.children.<child>}: a CHILD_SA configuration with strongSwan 5.9.8 defaults.
 * Proposals and traffic selectors are kept as written (validated through {@link ConfigValidator}).
 * Byte and packet limits of 0 mean "no limit". Marks, interface IDs and labels are kept as written.
 *
 * @param locations where each setting of this child was written, by key
 */
public record ChildConfig(String name, SourceLocation location, List<String> localTs, List<String> remoteTs,
                          List<String> espProposals, List<String> ahProposals, Mode mode, StartAction startAction,
                          CloseAction closeAction, DpdAction dpdAction, Duration rekeyTime, Duration lifeTime,
                          Duration randTime, long rekeyBytes, long lifeBytes, long randBytes, long rekeyPackets,
                          long lifePackets, long randPackets, Duration inactivity, long reqid, long priority,
                          Optional<String> markIn, boolean markInSa, Optional<String> markOut,
                          Optional<String> setMarkIn, Optional<String> setMarkOut, Optional<String> ifIdIn,
                          Optional<String> ifIdOut, Optional<String> updown, boolean hostaccess, boolean policies,
                          boolean policiesFwdOut, long replayWindow, boolean ipcomp, boolean copyDf,
                          boolean copyEcn, CopyDscp copyDscp, HwOffload hwOffload, boolean sha256_96,
                          Optional<String> interfaceName, Optional<String> label, Optional<String> labelMode,
                          Optional<String> tfcPadding, Map<String, SourceLocation> locations) {
    public enum Mode { TUNNEL, TRANSPORT, TRANSPORT_PROXY, BEET, PASS, DROP }
    /** {@code route} is strongSwan's old name for {@code trap}; {@code trap|start} combines both. */
    public enum StartAction { NONE, TRAP, START, TRAP_AND_START }
    public enum CloseAction { NONE, TRAP, START, TRAP_AND_START }
    public enum DpdAction { CLEAR, TRAP, RESTART }
    public enum CopyDscp { NO, IN, OUT, YES }
    public enum HwOffload { NO, YES, AUTO, CRYPTO, PACKET }

    public ChildConfig {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        espProposals = List.copyOf(espProposals);
        ahProposals = List.copyOf(ahProposals);
        locations = Map.copyOf(locations);
    }

    public Optional<SourceLocation> locationOf(String key) {
        return Optional.ofNullable(locations.get(key));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Starts from strongSwan's defaults; {@link #build()} derives life/rand values the way swanctl does. */
    public static final class Builder {
        private final String name;
        private SourceLocation location = SourceLocation.unknown();
        private List<String> localTs = List.of("dynamic");
        private List<String> remoteTs = List.of("dynamic");
        private List<String> espProposals = List.of("default");
        private List<String> ahProposals = List.of();
        private Mode mode = Mode.TUNNEL;
        private StartAction startAction = StartAction.NONE;
        private CloseAction closeAction = CloseAction.NONE;
        private DpdAction dpdAction = DpdAction.CLEAR;
        private Duration rekeyTime = Duration.ofHours(1);
        private Duration lifeTime;
        private Duration randTime;
        private long rekeyBytes;
        private Long lifeBytes;
        private Long randBytes;
        private long rekeyPackets;
        private Long lifePackets;
        private Long randPackets;
        private Duration inactivity = Duration.ZERO;
        private long reqid;
        private long priority;
        private Optional<String> markIn = Optional.empty();
        private boolean markInSa;
        private Optional<String> markOut = Optional.empty();
        private Optional<String> setMarkIn = Optional.empty();
        private Optional<String> setMarkOut = Optional.empty();
        private Optional<String> ifIdIn = Optional.empty();
        private Optional<String> ifIdOut = Optional.empty();
        private Optional<String> updown = Optional.empty();
        private boolean hostaccess;
        private boolean policies = true;
        private boolean policiesFwdOut;
        private long replayWindow = 32;
        private boolean ipcomp;
        private boolean copyDf = true;
        private boolean copyEcn = true;
        private CopyDscp copyDscp = CopyDscp.OUT;
        private HwOffload hwOffload = HwOffload.NO;
        private boolean sha256_96;
        private Optional<String> interfaceName = Optional.empty();
        private Optional<String> label = Optional.empty();
        private Optional<String> labelMode = Optional.empty();
        private Optional<String> tfcPadding = Optional.empty();
        private Map<String, SourceLocation> locations = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder location(SourceLocation v) { location = v; return this; }
        public Builder localTs(List<String> v) { localTs = v; return this; }
        public Builder remoteTs(List<String> v) { remoteTs = v; return this; }
        public Builder espProposals(List<String> v) { espProposals = v; return this; }
        public Builder ahProposals(List<String> v) { ahProposals = v; return this; }
        public Builder mode(Mode v) { mode = v; return this; }
        public Builder startAction(StartAction v) { startAction = v; return this; }
        public Builder closeAction(CloseAction v) { closeAction = v; return this; }
        public Builder dpdAction(DpdAction v) { dpdAction = v; return this; }
        public Builder rekeyTime(Duration v) { rekeyTime = v; return this; }
        /** Unset (null) means 110% of rekey_time. */
        public Builder lifeTime(Duration v) { lifeTime = v; return this; }
        /** Unset (null) means life_time - rekey_time. */
        public Builder randTime(Duration v) { randTime = v; return this; }
        public Builder rekeyBytes(long v) { rekeyBytes = v; return this; }
        public Builder lifeBytes(Long v) { lifeBytes = v; return this; }
        public Builder randBytes(Long v) { randBytes = v; return this; }
        public Builder rekeyPackets(long v) { rekeyPackets = v; return this; }
        public Builder lifePackets(Long v) { lifePackets = v; return this; }
        public Builder randPackets(Long v) { randPackets = v; return this; }
        public Builder inactivity(Duration v) { inactivity = v; return this; }
        public Builder reqid(long v) { reqid = v; return this; }
        public Builder priority(long v) { priority = v; return this; }
        public Builder markIn(Optional<String> v) { markIn = v; return this; }
        public Builder markInSa(boolean v) { markInSa = v; return this; }
        public Builder markOut(Optional<String> v) { markOut = v; return this; }
        public Builder setMarkIn(Optional<String> v) { setMarkIn = v; return this; }
        public Builder setMarkOut(Optional<String> v) { setMarkOut = v; return this; }
        public Builder ifIdIn(Optional<String> v) { ifIdIn = v; return this; }
        public Builder ifIdOut(Optional<String> v) { ifIdOut = v; return this; }
        public Builder updown(Optional<String> v) { updown = v; return this; }
        public Builder hostaccess(boolean v) { hostaccess = v; return this; }
        public Builder policies(boolean v) { policies = v; return this; }
        public Builder policiesFwdOut(boolean v) { policiesFwdOut = v; return this; }
        public Builder replayWindow(long v) { replayWindow = v; return this; }
        public Builder ipcomp(boolean v) { ipcomp = v; return this; }
        public Builder copyDf(boolean v) { copyDf = v; return this; }
        public Builder copyEcn(boolean v) { copyEcn = v; return this; }
        public Builder copyDscp(CopyDscp v) { copyDscp = v; return this; }
        public Builder hwOffload(HwOffload v) { hwOffload = v; return this; }
        public Builder sha256_96(boolean v) { sha256_96 = v; return this; }
        public Builder interfaceName(Optional<String> v) { interfaceName = v; return this; }
        public Builder label(Optional<String> v) { label = v; return this; }
        public Builder labelMode(Optional<String> v) { labelMode = v; return this; }
        public Builder tfcPadding(Optional<String> v) { tfcPadding = v; return this; }
        public Builder locations(Map<String, SourceLocation> v) { locations = v; return this; }

        public ChildConfig build() {
            // swanctl/vici: life defaults to 110% of rekey, rand to life - rekey (when life > rekey)
            Duration life = lifeTime != null ? lifeTime : rekeyTime.multipliedBy(110).dividedBy(100);
            Duration rand = randTime != null ? randTime
                    : life.compareTo(rekeyTime) > 0 ? life.minus(rekeyTime) : Duration.ZERO;
            long lb = lifeBytes != null ? lifeBytes : rekeyBytes / 100 * 110 + rekeyBytes % 100 * 110 / 100;
            long rb = randBytes != null ? randBytes : Math.max(0, lb - rekeyBytes);
            long lp = lifePackets != null ? lifePackets : rekeyPackets / 100 * 110 + rekeyPackets % 100 * 110 / 100;
            long rp = randPackets != null ? randPackets : Math.max(0, lp - rekeyPackets);
            return new ChildConfig(name, location, localTs, remoteTs, espProposals, ahProposals, mode, startAction,
                    closeAction, dpdAction, rekeyTime, life, rand, rekeyBytes, lb, rb, rekeyPackets, lp, rp,
                    inactivity, reqid, priority, markIn, markInSa, markOut, setMarkIn, setMarkOut, ifIdIn, ifIdOut,
                    updown, hostaccess, policies, policiesFwdOut, replayWindow, ipcomp, copyDf, copyEcn, copyDscp,
                    hwOffload, sha256_96, interfaceName, label, labelMode, tfcPadding, locations);
        }
    }
}
