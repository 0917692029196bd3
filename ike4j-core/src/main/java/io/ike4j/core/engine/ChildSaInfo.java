package io.ike4j.core.engine;

import java.util.List;

/** What an established CHILD_SA agreed, for display and the API: never key material. Selectors in CIDR/range text form. */
public record ChildSaInfo(long childSaId, String name, String state, String mode, String protocol, boolean udpEncapsulation,
                          int spiIn, int spiOut, String encryption, int encryptionKeyBits, String integrity, String keyExchange,
                          boolean esn, List<String> localSelectors, List<String> remoteSelectors, long installedAtEpochSecond) {
    public ChildSaInfo {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    /** This CHILD_SA in another state (e.g. REKEYED once a newer one carries its traffic). */
    public ChildSaInfo withState(String newState) {
        return new ChildSaInfo(childSaId, name, newState, mode, protocol, udpEncapsulation, spiIn, spiOut, encryption,
                encryptionKeyBits, integrity, keyExchange, esn, localSelectors, remoteSelectors, installedAtEpochSecond);
    }
}
