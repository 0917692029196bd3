package io.ike4j.core.sa;

/**
 * The peer's IKE SA rekey we answered while ours was in flight (RFC 7296 2.8.2): everything needed to continue as that
 * SA or to keep it around until the peer deletes it, decided once our own exchange completes.
 */
public record PeerIkeRekey(long spiI, long spiR, IkeTransforms transforms, IkeSaKeys keys, byte[] nonceI, byte[] nonceR) {
    public PeerIkeRekey {
        nonceI = nonceI.clone();
        nonceR = nonceR.clone();
    }

    @Override
    public String toString() {
        return "PeerIkeRekey[" + Long.toHexString(spiI) + "_i " + Long.toHexString(spiR) + "_r]";
    }
}
