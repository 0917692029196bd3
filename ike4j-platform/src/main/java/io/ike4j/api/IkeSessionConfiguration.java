package io.ike4j.api;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.IkeSaInfo;

/**
 * What an IKE SA agreed: endpoints, identities, SPIs and algorithms (strongSwan spellings, e.g. AES_GCM_16,
 * PRF_HMAC_SHA2_384, CURVE_25519). Never key material.
 */
public record IkeSessionConfiguration(long ikeSaId, String connection, Endpoint local, Endpoint remote, String localId,
                                      String remoteId, boolean initiator, long initiatorSpi, long responderSpi,
                                      String encryption, int encryptionKeyBits, String integrity, String prf,
                                      String keyExchange, boolean natLocal, boolean natRemote) {

    public static IkeSessionConfiguration of(IkeSaInfo i) {
        return new IkeSessionConfiguration(i.ikeSaId(), i.connection(), i.local(), i.remote(), i.localId(), i.remoteId(),
                i.initiator(), i.initiatorSpi(), i.responderSpi(), i.encryption(), i.encryptionKeyBits(), i.integrity(),
                i.prf(), i.keyExchange(), i.natLocal(), i.natRemote());
    }

    /** The proposal in one line, e.g. {@code AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519}. */
    public String algorithms() {
        StringBuilder b = new StringBuilder(encryption);
        if (encryptionKeyBits > 0) b.append('_').append(encryptionKeyBits);
        if (integrity != null && !integrity.isEmpty() && !integrity.equals("NONE")) b.append('/').append(integrity);
        b.append('/').append(prf).append('/').append(keyExchange);
        return b.toString();
    }
}
