package io.ike4j.api;

import io.ike4j.core.engine.ChildSaInfo;
import java.util.List;

/**
 * What a CHILD_SA agreed: SPIs (inbound = chosen by us), mode, algorithms and the narrowed traffic selectors
 * (local = our side). Never key material.
 */
public record ChildSessionConfiguration(long ikeSaId, long childSaId, String name, String mode, String protocol,
                                        boolean udpEncapsulation, int inboundSpi, int outboundSpi, String encryption,
                                        int encryptionKeyBits, String integrity, String keyExchange, boolean esn,
                                        List<String> localTrafficSelectors, List<String> remoteTrafficSelectors) {
    public ChildSessionConfiguration {
        localTrafficSelectors = List.copyOf(localTrafficSelectors);
        remoteTrafficSelectors = List.copyOf(remoteTrafficSelectors);
    }

    public static ChildSessionConfiguration of(long ikeSaId, ChildSaInfo c) {
        return new ChildSessionConfiguration(ikeSaId, c.childSaId(), c.name(), c.mode(), c.protocol(), c.udpEncapsulation(),
                c.spiIn(), c.spiOut(), c.encryption(), c.encryptionKeyBits(), c.integrity(), c.keyExchange(), c.esn(),
                c.localSelectors(), c.remoteSelectors());
    }

    /** The proposal in one line, e.g. {@code AES_GCM_16_256/NO_EXT_SEQ}. */
    public String algorithms() {
        StringBuilder b = new StringBuilder(encryption);
        if (encryptionKeyBits > 0) b.append('_').append(encryptionKeyBits);
        if (integrity != null && !integrity.isEmpty() && !integrity.equals("NONE")) b.append('/').append(integrity);
        if (keyExchange != null && !keyExchange.isEmpty() && !keyExchange.equals("NONE")) b.append('/').append(keyExchange);
        b.append(esn ? "/EXT_SEQ" : "/NO_EXT_SEQ");
        return b.toString();
    }
}
