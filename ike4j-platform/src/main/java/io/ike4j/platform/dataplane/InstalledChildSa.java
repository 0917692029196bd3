package io.ike4j.platform.dataplane;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.ChildSaSpec.DirectionKeys;
import java.security.MessageDigest;
import java.util.List;

/**
 * A CHILD_SA held by the {@link InMemoryDataPlane}: what was installed, including private copies of the keys so
 * tests can check that both peers derived the same ones. Keys are wiped when the SA is removed; never printed.
 */
public final class InstalledChildSa {
    private volatile long ikeSaId;
    private final long childSaId;
    private final String connection;
    private final String child;
    private final int reqid;
    private final ProtocolId protocol;
    private final ChildSaSpec.Mode mode;
    private volatile Endpoint local;
    private volatile Endpoint remote;
    private volatile boolean udpEncapsulation;
    private final boolean extendedSequenceNumbers;
    private final DirectionKeys inbound;
    private final DirectionKeys outbound;
    private final List<TrafficSelectorSubstructure> localSelectors;
    private final List<TrafficSelectorSubstructure> remoteSelectors;
    private final ChildSaSpec.Lifetimes lifetimes;
    private volatile boolean wiped;

    InstalledChildSa(ChildSaSpec s) {
        this.ikeSaId = s.ikeSaId();
        this.childSaId = s.childSaId();
        this.connection = s.connection();
        this.child = s.child();
        this.reqid = s.reqid();
        this.protocol = s.protocol();
        this.mode = s.mode();
        this.local = s.local();
        this.remote = s.remote();
        this.udpEncapsulation = s.udpEncapsulation();
        this.extendedSequenceNumbers = s.extendedSequenceNumbers();
        this.inbound = copy(s.inbound());
        this.outbound = copy(s.outbound());
        this.localSelectors = s.localSelectors();
        this.remoteSelectors = s.remoteSelectors();
        this.lifetimes = s.lifetimes();
    }

    private static DirectionKeys copy(DirectionKeys k) {
        byte[] enc = k.encryptionKey();
        byte[] integ = k.integrityKey();
        try {
            return new DirectionKeys(k.spi(), k.encryption(), k.encryptionKeyBits(), k.integrity(), enc, integ);
        } finally {
            java.util.Arrays.fill(enc, (byte) 0);
            java.util.Arrays.fill(integ, (byte) 0);
        }
    }

    void wipe() {
        wiped = true;
        inbound.wipe();
        outbound.wipe();
    }

    /** True once removed: the key copies are zeroes now. */
    public boolean wiped() { return wiped; }

    /** MOBIKE / NAT mapping change: the SA's new outer endpoints. */
    void moveTo(Endpoint newLocal, Endpoint newRemote, boolean encapsulation) {
        local = newLocal;
        remote = newRemote;
        udpEncapsulation = encapsulation;
    }

    /** Re-indexed under another IKE SA (IKEv1 adoption). */
    void reassign(long newIkeSaId) {
        ikeSaId = newIkeSaId;
    }

    public long ikeSaId() { return ikeSaId; }

    public long childSaId() { return childSaId; }

    public String connection() { return connection; }

    public String child() { return child; }

    public int reqid() { return reqid; }

    public ProtocolId protocol() { return protocol; }

    public ChildSaSpec.Mode mode() { return mode; }

    public Endpoint local() { return local; }

    public Endpoint remote() { return remote; }

    public boolean udpEncapsulation() { return udpEncapsulation; }

    public boolean extendedSequenceNumbers() { return extendedSequenceNumbers; }

    public int inboundSpi() { return inbound.spi(); }

    public int outboundSpi() { return outbound.spi(); }

    /** The inbound direction: SPI, algorithms and (copies of) keys. */
    public DirectionKeys inbound() { return inbound; }

    public DirectionKeys outbound() { return outbound; }

    public List<TrafficSelectorSubstructure> localSelectors() { return localSelectors; }

    public List<TrafficSelectorSubstructure> remoteSelectors() { return remoteSelectors; }

    public ChildSaSpec.Lifetimes lifetimes() { return lifetimes; }

    /**
     * Whether {@code peer} is the other end of this SA: our inbound is its outbound and vice versa, with the same
     * SPIs, algorithms and keys (compared in constant time), and mirrored selectors.
     */
    public boolean mirrors(InstalledChildSa peer) {
        return sameDirection(inbound, peer.outbound) && sameDirection(outbound, peer.inbound)
                && localSelectors.equals(peer.remoteSelectors) && remoteSelectors.equals(peer.localSelectors)
                && mode == peer.mode && protocol == peer.protocol;
    }

    private static boolean sameDirection(DirectionKeys a, DirectionKeys b) {
        if (a.spi() != b.spi() || a.encryption() != b.encryption() || a.encryptionKeyBits() != b.encryptionKeyBits()
                || a.integrity() != b.integrity()) {
            return false;
        }
        byte[] ae = a.encryptionKey(), be = b.encryptionKey(), ai = a.integrityKey(), bi = b.integrityKey();
        try {
            return MessageDigest.isEqual(ae, be) && MessageDigest.isEqual(ai, bi) && !allZero(ae);
        } finally {
            for (byte[] k : List.of(ae, be, ai, bi)) java.util.Arrays.fill(k, (byte) 0);
        }
    }

    private static boolean allZero(byte[] b) {
        int acc = 0;
        for (byte x : b) acc |= x;
        return acc == 0;
    }

    @Override
    public String toString() {
        return String.format("InstalledChildSa[ike=%d child=%d %s/%s %s in=%s out=%s]", ikeSaId, childSaId, connection,
                child, mode, inbound, outbound);
    }
}
