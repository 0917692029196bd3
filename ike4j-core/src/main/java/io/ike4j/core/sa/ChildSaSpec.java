package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import java.util.List;

/**
 * Everything a data plane needs to install one negotiated CHILD_SA: both directions' SPIs and keys, the
 * endpoints (outer addresses), encapsulation, mode, and the traffic selectors (local = ours, remote = peer's).
 * {@code inbound} protects traffic from peer to us (its SPI is the one we chose), {@code outbound} from us to peer.
 */
public record ChildSaSpec(
        long ikeSaId,
        long childSaId,
        String connection,
        String child,
        int reqid,
        ProtocolId protocol,
        Mode mode,
        Endpoint local,
        Endpoint remote,
        boolean udpEncapsulation,
        boolean extendedSequenceNumbers,
        int replayWindow,
        DirectionKeys inbound,
        DirectionKeys outbound,
        List<TrafficSelectorSubstructure> localSelectors,
        List<TrafficSelectorSubstructure> remoteSelectors,
        Lifetimes lifetimes) {

    public ChildSaSpec {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    public enum Mode { TUNNEL, TRANSPORT }

    /** Soft/hard limits; 0 means unlimited. Seconds, bytes, packets. */
    public record Lifetimes(long softSeconds, long hardSeconds, long softBytes, long hardBytes, long softPackets, long hardPackets) {
        public static final Lifetimes NONE = new Lifetimes(0, 0, 0, 0, 0, 0);
    }

    /** One direction of an SA. Key bytes are copies owned by this object; {@link #wipe()} clears them. Never printed. */
    public static final class DirectionKeys {
        private final int spi;
        private final EncryptionAlgorithm encryption;
        private final int encryptionKeyBits;
        private final IntegrityAlgorithm integrity;
        private final byte[] encryptionKey; // includes the salt for AEAD (RFC 4106/7634)
        private final byte[] integrityKey;

        public DirectionKeys(int spi, EncryptionAlgorithm encryption, int encryptionKeyBits, IntegrityAlgorithm integrity,
                             byte[] encryptionKey, byte[] integrityKey) {
            this.spi = spi;
            this.encryption = encryption;
            this.encryptionKeyBits = encryptionKeyBits;
            this.integrity = integrity;
            this.encryptionKey = encryptionKey.clone();
            this.integrityKey = integrityKey.clone();
        }

        public int spi() { return spi; }

        public EncryptionAlgorithm encryption() { return encryption; }

        public int encryptionKeyBits() { return encryptionKeyBits; }

        public IntegrityAlgorithm integrity() { return integrity; }

        /** A copy of the encryption key (with salt for AEAD). The caller wipes its copy when done. */
        public byte[] encryptionKey() { return encryptionKey.clone(); }

        /** A copy of the integrity key (empty for AEAD). */
        public byte[] integrityKey() { return integrityKey.clone(); }

        public void wipe() {
            java.util.Arrays.fill(encryptionKey, (byte) 0);
            java.util.Arrays.fill(integrityKey, (byte) 0);
        }

        @Override
        public String toString() {
            return String.format("spi=%08x %s/%d %s", spi, encryption, encryptionKeyBits, integrity);
        }
    }
}
