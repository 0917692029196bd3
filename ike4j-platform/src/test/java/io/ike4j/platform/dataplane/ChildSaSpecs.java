package io.ike4j.platform.dataplane;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.util.List;

/** Builds matching CHILD_SA specs for two peers, as two engines would produce them. */
public final class ChildSaSpecs {
    private ChildSaSpecs() {}

    static final TrafficSelectorSubstructure NET_A = new TrafficSelectorSubstructure(7, 0, 0, 65535,
            new byte[] {10, 1, 0, 0}, new byte[] {10, 1, 0, (byte) 255});
    static final TrafficSelectorSubstructure NET_B = new TrafficSelectorSubstructure(7, 0, 0, 65535,
            new byte[] {10, 2, 0, 0}, new byte[] {10, 2, 0, (byte) 255});

    public static ChildSaSpec spec(long ikeSaId, long childSaId, int spiIn, int spiOut, byte[] keyIn, byte[] keyOut,
                                   boolean sideA) throws Exception {
        Endpoint a = new Endpoint(InetAddress.getByName("127.0.0.1"), 500);
        Endpoint b = new Endpoint(InetAddress.getByName("127.0.0.2"), 500);
        return new ChildSaSpec(ikeSaId, childSaId, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL,
                sideA ? a : b, sideA ? b : a, false, false, 32,
                new ChildSaSpec.DirectionKeys(spiIn, EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE, keyIn, new byte[0]),
                new ChildSaSpec.DirectionKeys(spiOut, EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE, keyOut, new byte[0]),
                List.of(sideA ? NET_A : NET_B), List.of(sideA ? NET_B : NET_A), ChildSaSpec.Lifetimes.NONE);
    }

    public static byte[] key(int fill) {
        byte[] k = new byte[36];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }
}
