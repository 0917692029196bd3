package io.ike4j.core.sa.v1;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import java.util.List;

/**
 * An IPsec SA pair negotiated by Quick Mode (what IKEv2 calls a CHILD_SA): our inbound SPI (chosen by us), the
 * peer's (our outbound), the suite, mode, encapsulation and selectors (local = ours). No key material is kept here:
 * it went to the data plane with {@code InstallChildSa}.
 */
public record IpsecSa(long id, ChildConfig config, int inboundSpi, int outboundSpi, Phase2Suite suite, boolean transport,
                      boolean udpEncapsulation, List<TrafficSelectorSubstructure> localTs,
                      List<TrafficSelectorSubstructure> remoteTs, long lifetimeSeconds, long installedAtEpochSecond) {
    public IpsecSa {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    public String name() {
        return config.name();
    }
}
