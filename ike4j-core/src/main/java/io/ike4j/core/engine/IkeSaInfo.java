package io.ike4j.core.engine;

import java.util.List;

/**
 * What an established IKE SA agreed, for display (list-sas) and the API: never key material.
 * Algorithm names are strongSwan's spellings (e.g. AES_GCM_16, PRF_HMAC_SHA2_256, CURVE_25519).
 */
public record IkeSaInfo(long ikeSaId, String connection, String state, int version, Endpoint local, Endpoint remote,
                        String localId, String remoteId, long initiatorSpi, long responderSpi, boolean initiator,
                        String encryption, int encryptionKeyBits, String integrity, String prf, String keyExchange,
                        boolean natLocal, boolean natRemote, long establishedAtEpochSecond, List<ChildSaInfo> children) {
    public IkeSaInfo {
        children = List.copyOf(children);
    }
}
