package io.ike4j.core.sa.v1;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.v1.V1Proposal;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchange;
import java.util.Arrays;
import java.util.List;

/** One Quick Mode exchange in progress (RFC 2409 5.5), identified by its message ID. */
public final class QuickModeState {
    public final long messageId;
    public final boolean initiator;
    public final ChildConfig child;
    public final long childId;
    public final int inboundSpi;
    public byte[] ni = new byte[0];
    public byte[] nr = new byte[0];
    /** Initiator with PFS: our key pair until QM2 arrives. */
    public KeyExchange keyExchange;
    /** g(qm)^xy with PFS, empty without. */
    public byte[] sharedSecret = new byte[0];
    public List<V1Proposal> offered = List.of();
    public Phase2Suite suite;
    public int outboundSpi;
    public boolean transport;
    public boolean udpEncapsulation;
    public long lifetimeSeconds;
    /** RFC 2407 4.5: the negotiated SA Life Duration in kilobytes (0: none). */
    public long lifetimeKilobytes;
    public boolean commit;
    /** Installed with the outbound SA deferred behind the pair it replaces (make-before-break). */
    public boolean outboundDeferred;
    /** Initiator rekeying: the IPsec SA this one replaces (deleted once this one is installed), or -1. */
    public long rekeyOf = -1;
    public List<TrafficSelectorSubstructure> localTs = List.of();
    public List<TrafficSelectorSubstructure> remoteTs = List.of();

    public QuickModeState(long messageId, boolean initiator, ChildConfig child, long childId, int inboundSpi) {
        this.messageId = messageId;
        this.initiator = initiator;
        this.child = child;
        this.childId = childId;
        this.inboundSpi = inboundSpi;
    }

    public void wipe() {
        Arrays.fill(sharedSecret, (byte) 0);
        if (keyExchange != null) keyExchange.destroy();
    }

    @Override
    public String toString() {
        return "QuickMode[" + Long.toHexString(messageId) + (initiator ? ", initiator" : ", responder") + "]";
    }
}
