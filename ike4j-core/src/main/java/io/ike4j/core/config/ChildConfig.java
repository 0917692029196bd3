package io.ike4j.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A CHILD_SA configuration ({@code connections.<conn>.children.<child>} in swanctl.conf). Traffic selectors are
 * strongSwan TS strings ({@code dynamic}, {@code 10.0.0.0/24}, {@code 10.0.0.0/24[tcp/80]}); proposals are
 * strongSwan ESP proposal strings ({@code aes256gcm16-x25519} or {@code default}).
 */
public record ChildConfig(String name, List<String> localTs, List<String> remoteTs, List<String> espProposals,
                          Mode mode, Action startAction, Action closeAction, Action dpdAction,
                          Duration rekeyTime, Duration lifeTime, Duration randTime,
                          long rekeyBytes, long lifeBytes, long rekeyPackets, long lifePackets,
                          int replayWindow, int reqid) {

    public enum Mode { TUNNEL, TRANSPORT }

    /** start_action/close_action/dpd_action: {@code none}, {@code trap}, {@code start} (dpd: {@code clear}=NONE, {@code restart}=START). */
    public enum Action { NONE, TRAP, START }

    public ChildConfig {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("child name required");
        localTs = List.copyOf(localTs.isEmpty() ? List.of("dynamic") : localTs);
        remoteTs = List.copyOf(remoteTs.isEmpty() ? List.of("dynamic") : remoteTs);
        espProposals = List.copyOf(espProposals.isEmpty() ? List.of("default") : espProposals);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final List<String> localTs = new ArrayList<>();
        private final List<String> remoteTs = new ArrayList<>();
        private final List<String> esp = new ArrayList<>();
        private Mode mode = Mode.TUNNEL;
        private Action startAction = Action.NONE;
        private Action closeAction = Action.NONE;
        private Action dpdAction = Action.NONE;
        // swanctl.conf defaults: rekey_time 1h, life_time = 1.1 * rekey_time, rand_time = life - rekey
        private Duration rekeyTime = Duration.ofHours(1);
        private Duration lifeTime;
        private Duration randTime;
        private long rekeyBytes, lifeBytes, rekeyPackets, lifePackets;
        private int replayWindow = 32;
        private int reqid;

        private Builder(String name) {
            this.name = name;
        }

        public Builder localTs(String... ts) { localTs.addAll(List.of(ts)); return this; }
        public Builder remoteTs(String... ts) { remoteTs.addAll(List.of(ts)); return this; }
        public Builder espProposals(String... p) { esp.addAll(List.of(p)); return this; }
        public Builder mode(Mode m) { mode = m; return this; }
        public Builder startAction(Action a) { startAction = a; return this; }
        public Builder closeAction(Action a) { closeAction = a; return this; }
        public Builder dpdAction(Action a) { dpdAction = a; return this; }
        public Builder rekeyTime(Duration d) { rekeyTime = d; return this; }
        public Builder lifeTime(Duration d) { lifeTime = d; return this; }
        public Builder randTime(Duration d) { randTime = d; return this; }
        public Builder rekeyBytes(long b) { rekeyBytes = b; return this; }
        public Builder lifeBytes(long b) { lifeBytes = b; return this; }
        public Builder rekeyPackets(long p) { rekeyPackets = p; return this; }
        public Builder lifePackets(long p) { lifePackets = p; return this; }
        public Builder replayWindow(int w) { replayWindow = w; return this; }
        public Builder reqid(int r) { reqid = r; return this; }

        public ChildConfig build() {
            Duration life = lifeTime != null ? lifeTime : rekeyTime.plus(rekeyTime.dividedBy(10));
            Duration rand = randTime != null ? randTime : life.minus(rekeyTime).isNegative() ? Duration.ZERO : life.minus(rekeyTime);
            return new ChildConfig(name, localTs, remoteTs, esp, mode, startAction, closeAction, dpdAction,
                    rekeyTime, life, rand, rekeyBytes, lifeBytes, rekeyPackets, lifePackets, replayWindow, reqid);
        }
    }
}
