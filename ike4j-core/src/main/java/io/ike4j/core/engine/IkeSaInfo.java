package io.ike4j.core.engine;

import java.net.InetAddress;
import java.util.List;

/**
 * What an established IKE SA agreed, for display (list-sas) and the API: never key material.
 * Algorithm names are strongSwan's spellings (e.g. AES_GCM_16, PRF_HMAC_SHA2_256, CURVE_25519).
 * {@code localVips}: virtual IPs the peer assigned to us; {@code remoteVips}: those we assigned to the peer
 * (IKEv2 configuration payloads, IKEv1 Mode Config).
 */
public record IkeSaInfo(long ikeSaId, String connection, String state, int version, Endpoint local, Endpoint remote,
                        String localId, String remoteId, long initiatorSpi, long responderSpi, boolean initiator,
                        String encryption, int encryptionKeyBits, String integrity, String prf, String keyExchange,
                        boolean natLocal, boolean natRemote, long establishedAtEpochSecond, List<ChildSaInfo> children,
                        List<InetAddress> localVips, List<InetAddress> remoteVips) {
    public IkeSaInfo {
        children = List.copyOf(children);
        localVips = List.copyOf(localVips);
        remoteVips = List.copyOf(remoteVips);
    }

    /** Without virtual IPs. */
    public IkeSaInfo(long ikeSaId, String connection, String state, int version, Endpoint local, Endpoint remote,
                     String localId, String remoteId, long initiatorSpi, long responderSpi, boolean initiator,
                     String encryption, int encryptionKeyBits, String integrity, String prf, String keyExchange,
                     boolean natLocal, boolean natRemote, long establishedAtEpochSecond, List<ChildSaInfo> children) {
        this(ikeSaId, connection, state, version, local, remote, localId, remoteId, initiatorSpi, responderSpi, initiator,
                encryption, encryptionKeyBits, integrity, prf, keyExchange, natLocal, natRemote, establishedAtEpochSecond,
                children, List.of(), List.of());
    }

    /** The same SA with other CHILD_SAs (snapshots that keep their own list of them). */
    public IkeSaInfo withChildren(List<ChildSaInfo> newChildren) {
        return new IkeSaInfo(ikeSaId, connection, state, version, local, remote, localId, remoteId, initiatorSpi,
                responderSpi, initiator, encryption, encryptionKeyBits, integrity, prf, keyExchange, natLocal, natRemote,
                establishedAtEpochSecond, newChildren, localVips, remoteVips);
    }
}
