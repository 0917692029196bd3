package io.ike4j.platform.esp;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import java.util.List;

/**
 * One CHILD_SA's pair of ESP SAs in user space: {@link #inbound()} (peer to us, our SPI) and {@link #outbound()}
 * (us to peer, the peer's SPI), tunnel mode. Built from the {@link ChildSaSpec} the core emits; the keys are
 * copied into the ciphers and wiped from here by {@link #wipe()}.
 *
 * <p>UDP encapsulation (RFC 3948) is the transport's business: the ESP packets here start at the SPI either way.
 */
public final class EspSa {
    private volatile long ikeSaId;
    private final long childSaId;
    private final String name;
    private final boolean esn;
    private final List<TrafficSelectorSubstructure> localSelectors;
    private final List<TrafficSelectorSubstructure> remoteSelectors;
    private final SelectorMatcher remoteMatcher;
    private final SelectorMatcher inboundSourceMatcher;
    private final SelectorMatcher inboundDestinationMatcher;
    private final EspInbound inbound;
    private final EspOutbound outbound;

    private EspSa(ChildSaSpec spec, RandomSource random, EspEventListener listener, long firstOutboundSeq)
            throws EspConfigException {
        if (spec.protocol() != ProtocolId.ESP) throw new EspConfigException("not an ESP SA: " + spec.protocol());
        if (spec.mode() != ChildSaSpec.Mode.TUNNEL) {
            throw new EspConfigException("only tunnel mode is supported by the user-space ESP");
        }
        this.ikeSaId = spec.ikeSaId();
        this.childSaId = spec.childSaId();
        this.name = spec.connection() + "/" + spec.child();
        this.esn = spec.extendedSequenceNumbers();
        this.localSelectors = spec.localSelectors();
        this.remoteSelectors = spec.remoteSelectors();
        this.remoteMatcher = new SelectorMatcher(remoteSelectors);
        this.inboundSourceMatcher = new SelectorMatcher(remoteSelectors, true);
        this.inboundDestinationMatcher = new SelectorMatcher(localSelectors);
        EspCipher in = EspCipher.create(spec.inbound(), esn, random);
        EspCipher out;
        try {
            out = EspCipher.create(spec.outbound(), esn, random);
        } catch (EspConfigException e) {
            in.wipe();
            throw e;
        }
        int window = Math.max(spec.replayWindow(), ReplayWindow.DEFAULT_SIZE);
        if (window > ReplayWindow.MAX_SIZE) window = ReplayWindow.MAX_SIZE;
        this.inbound = new EspInbound(this, spec.inbound().spi(), in, new ReplayWindow(window, esn),
                new LifetimeGuard(spec.lifetimes()), listener);
        this.outbound = new EspOutbound(this, spec.outbound().spi(), out, esn, new LifetimeGuard(spec.lifetimes()),
                listener, firstOutboundSeq);
    }

    /**
     * Builds both directions of a CHILD_SA. The replay window is the spec's, but at least
     * {@link ReplayWindow#DEFAULT_SIZE} (a larger window only tolerates more reordering).
     *
     * @param random   source of CBC IVs
     * @param listener receives lifetime and sequence-exhaustion events (on the packet thread)
     * @throws EspConfigException for transport mode, AH, or an algorithm/key the user-space ESP cannot use
     */
    public static EspSa create(ChildSaSpec spec, RandomSource random, EspEventListener listener)
            throws EspConfigException {
        return new EspSa(spec, random, listener, 1);
    }

    /** As {@link #create}, with the outbound sequence counter starting at {@code firstOutboundSeq} (for tests). */
    static EspSa create(ChildSaSpec spec, RandomSource random, EspEventListener listener, long firstOutboundSeq)
            throws EspConfigException {
        return new EspSa(spec, random, listener, firstOutboundSeq);
    }

    /**
     * Names this SA pair by another IKE SA from now on (IKEv1: a new ISAKMP SA adopted it), in its lifetime events;
     * keys, sequence numbers, replay window and counters stay.
     */
    public void reassign(long newIkeSaId) {
        ikeSaId = newIkeSaId;
    }

    public long ikeSaId() {
        return ikeSaId;
    }

    public long childSaId() {
        return childSaId;
    }

    public boolean extendedSequenceNumbers() {
        return esn;
    }

    public EspInbound inbound() {
        return inbound;
    }

    public EspOutbound outbound() {
        return outbound;
    }

    public List<TrafficSelectorSubstructure> localSelectors() {
        return localSelectors;
    }

    public List<TrafficSelectorSubstructure> remoteSelectors() {
        return remoteSelectors;
    }

    /** True if the inner packet's destination (and protocol/port where the selector restricts them) is remote. */
    public boolean matchesOutbound(byte[] packet, int off, int len) {
        return remoteMatcher.matches(packet, off, len);
    }

    /**
     * RFC 4301 5.2 step 4: true if a decapsulated inner packet fits this SA, its source within the remote traffic
     * selectors and its destination within the local ones. A packet that does not must be discarded.
     */
    public boolean matchesInbound(byte[] packet, int off, int len) {
        return inboundSourceMatcher.matches(packet, off, len) && inboundDestinationMatcher.matches(packet, off, len);
    }

    /** Wipes both directions' keys; afterwards every packet is dropped with {@link EspDrop#LIFETIME_EXPIRED}. */
    public void wipe() {
        inbound.wipe();
        outbound.wipe();
    }

    EspEvent event(int spi, EspEvent.Direction direction, EspEvent.Kind kind) {
        return new EspEvent(ikeSaId, childSaId, spi, direction, kind);
    }

    @Override
    public String toString() {
        return String.format("EspSa[%s in=%08x out=%08x%s]", name, inbound.spi(), outbound.spi(), esn ? " esn" : "");
    }
}
