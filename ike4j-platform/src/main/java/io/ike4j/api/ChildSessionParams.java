package io.ike4j.api;

import io.ike4j.core.config.ChildConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to negotiate a CHILD_SA: traffic selectors (strongSwan syntax: {@code 10.0.0.0/24}, {@code 10.0.0.1-10.0.0.9},
 * {@code 10.0.0.0/24[tcp/80]}, {@code dynamic} = our/their outer address), ESP proposals as strongSwan strings
 * ({@code aes256gcm16-x25519}, {@code default}), tunnel or transport mode.
 */
public final class ChildSessionParams {
    public enum Mode { TUNNEL, TRANSPORT }

    private final String name;
    private final List<String> localTrafficSelectors;
    private final List<String> remoteTrafficSelectors;
    private final List<String> espProposals;
    private final Mode mode;
    private final Duration rekeyTime;

    private ChildSessionParams(Builder b) {
        this.name = b.name;
        this.localTrafficSelectors = List.copyOf(b.localTs);
        this.remoteTrafficSelectors = List.copyOf(b.remoteTs);
        this.espProposals = List.copyOf(b.esp);
        this.mode = b.mode;
        this.rekeyTime = b.rekeyTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() { return name; }

    /** Empty means {@code dynamic}. */
    public List<String> localTrafficSelectors() { return localTrafficSelectors; }

    public List<String> remoteTrafficSelectors() { return remoteTrafficSelectors; }

    /** Empty means {@code default}. */
    public List<String> espProposals() { return espProposals; }

    public Mode mode() { return mode; }

    public Duration rekeyTime() { return rekeyTime; }

    /** The engine's CHILD_SA configuration for these parameters. */
    ChildConfig toChildConfig() {
        return ChildConfig.builder(name)
                .localTs(localTrafficSelectors.toArray(String[]::new))
                .remoteTs(remoteTrafficSelectors.toArray(String[]::new))
                .espProposals(espProposals.toArray(String[]::new))
                .mode(mode == Mode.TRANSPORT ? ChildConfig.Mode.TRANSPORT : ChildConfig.Mode.TUNNEL)
                .rekeyTime(rekeyTime)
                .build();
    }

    public static final class Builder {
        private String name = "child";
        private final List<String> localTs = new ArrayList<>();
        private final List<String> remoteTs = new ArrayList<>();
        private final List<String> esp = new ArrayList<>();
        private Mode mode = Mode.TUNNEL;
        private Duration rekeyTime = Duration.ofHours(1);

        private Builder() {}

        /** The CHILD_SA's name in events and listings (default {@code child}). */
        public Builder name(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("child name required");
            this.name = name;
            return this;
        }

        public Builder addLocalTrafficSelector(String ts) { localTs.add(requireText(ts, "traffic selector")); return this; }

        public Builder addRemoteTrafficSelector(String ts) { remoteTs.add(requireText(ts, "traffic selector")); return this; }

        /** Adds ESP proposals in order of preference. */
        public Builder addEspProposal(String proposal) { esp.add(requireText(proposal, "proposal")); return this; }

        public Builder mode(Mode mode) { this.mode = java.util.Objects.requireNonNull(mode); return this; }

        public Builder rekeyTime(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("negative rekey time");
            rekeyTime = d;
            return this;
        }

        public ChildSessionParams build() {
            return new ChildSessionParams(this);
        }
    }

    static String requireText(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must not be empty");
        return s.strip();
    }
}
