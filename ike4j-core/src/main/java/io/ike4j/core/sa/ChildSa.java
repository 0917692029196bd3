package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import java.util.List;

/**
 * A CHILD_SA of an IKE SA: engine-unique id, configuration, SPIs (inbound = chosen by us), transforms and the
 * negotiated selectors (local = ours). Mutated only under its IKE SA's lock.
 */
public final class ChildSa {
    private final long id;
    private final ChildConfig config;
    private ChildSaState state = ChildSaState.CREATED;
    private final int inboundSpi;
    private int outboundSpi;
    private ChildTransforms transforms;
    private ChildSaSpec.Mode mode = ChildSaSpec.Mode.TUNNEL;
    private List<TrafficSelectorSubstructure> localTs = List.of();
    private List<TrafficSelectorSubstructure> remoteTs = List.of();
    private long installedAt;
    private RekeyCollision collision;

    public ChildSa(long id, ChildConfig config, int inboundSpi) {
        this.id = id;
        this.config = config;
        this.inboundSpi = inboundSpi;
    }

    public long id() { return id; }

    public ChildConfig config() { return config; }

    public String name() { return config.name(); }

    public ChildSaState state() { return state; }

    public void state(ChildSaState s) { state = s; }

    public int inboundSpi() { return inboundSpi; }

    public int outboundSpi() { return outboundSpi; }

    public ChildTransforms transforms() { return transforms; }

    public ChildSaSpec.Mode mode() { return mode; }

    public List<TrafficSelectorSubstructure> localTs() { return localTs; }

    public List<TrafficSelectorSubstructure> remoteTs() { return remoteTs; }

    public long installedAt() { return installedAt; }

    /** The peer's rekey of this CHILD_SA that crossed ours (RFC 7296 2.8.1), or null. */
    public RekeyCollision collision() { return collision; }

    public void collision(RekeyCollision c) { collision = c; }

    /** The peer's CHILD_SA rekey that crossed ours: the CHILD_SA it created and the nonces of its exchange. */
    public record RekeyCollision(ChildSa peerCreated, byte[] nonceI, byte[] nonceR) {
        public RekeyCollision {
            nonceI = nonceI.clone();
            nonceR = nonceR.clone();
        }
    }

    /** Records the negotiated parameters once the CHILD_SA is agreed. */
    public void negotiated(int outboundSpi, ChildTransforms transforms, ChildSaSpec.Mode mode,
                           List<TrafficSelectorSubstructure> localTs, List<TrafficSelectorSubstructure> remoteTs,
                           long installedAtEpochSecond) {
        this.outboundSpi = outboundSpi;
        this.transforms = transforms;
        this.mode = mode;
        this.localTs = List.copyOf(localTs);
        this.remoteTs = List.copyOf(remoteTs);
        this.installedAt = installedAtEpochSecond;
        this.state = ChildSaState.INSTALLED;
    }
}
