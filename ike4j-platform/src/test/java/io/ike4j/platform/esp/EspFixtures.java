package io.ike4j.platform.esp;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Suites, specs and packets for the ESP tests. */
final class EspFixtures {
    private EspFixtures() {
    }

    /** One negotiated algorithm combination. */
    record Suite(EncryptionAlgorithm enc, int keyBits, IntegrityAlgorithm integ) {
        int encKeyBytes() {
            return enc.isAead() ? keyBits / 8 + 4 : keyBits / 8;
        }

        int integKeyBytes() {
            return integ == IntegrityAlgorithm.NONE ? 0 : integ.keyLength();
        }

        @Override
        public String toString() {
            return enc + "-" + keyBits + (integ == IntegrityAlgorithm.NONE ? "" : "/" + integ);
        }
    }

    static List<Suite> allSuites() {
        List<Suite> s = new ArrayList<>();
        for (EncryptionAlgorithm gcm : List.of(EncryptionAlgorithm.AES_GCM_8, EncryptionAlgorithm.AES_GCM_12,
                EncryptionAlgorithm.AES_GCM_16)) {
            for (int bits : new int[] {128, 192, 256}) s.add(new Suite(gcm, bits, IntegrityAlgorithm.NONE));
        }
        s.add(new Suite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE));
        for (IntegrityAlgorithm i : List.of(IntegrityAlgorithm.HMAC_SHA1_96, IntegrityAlgorithm.HMAC_SHA2_256_128,
                IntegrityAlgorithm.HMAC_SHA2_384_192, IntegrityAlgorithm.HMAC_SHA2_512_256)) {
            for (int bits : new int[] {128, 192, 256}) s.add(new Suite(EncryptionAlgorithm.AES_CBC, bits, i));
        }
        return s;
    }

    static final TrafficSelectorSubstructure NET_A = ts4(10, 1, 0, 0, 10, 1, 255, 255);
    static final TrafficSelectorSubstructure NET_B = ts4(10, 2, 0, 0, 10, 2, 255, 255);

    static TrafficSelectorSubstructure ts4(int a, int b, int c, int d, int e, int f, int g, int h) {
        return new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
                new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, new byte[] {(byte) e, (byte) f, (byte) g, (byte) h});
    }

    static byte[] fill(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (start + i);
        return b;
    }

    static ChildSaSpec.DirectionKeys keys(Suite s, int spi, int seed) {
        return new ChildSaSpec.DirectionKeys(spi, s.enc, s.keyBits, s.integ, fill(s.encKeyBytes(), seed),
                fill(s.integKeyBytes(), seed + 100));
    }

    static ChildSaSpec spec(Suite s, boolean esn, int spiIn, int spiOut, int seedIn, int seedOut,
                            List<TrafficSelectorSubstructure> local, List<TrafficSelectorSubstructure> remote,
                            ChildSaSpec.Lifetimes lifetimes) {
        return spec(keys(s, spiIn, seedIn), keys(s, spiOut, seedOut), esn, local, remote, lifetimes);
    }

    static ChildSaSpec spec(ChildSaSpec.DirectionKeys in, ChildSaSpec.DirectionKeys out, boolean esn,
                            List<TrafficSelectorSubstructure> local, List<TrafficSelectorSubstructure> remote,
                            ChildSaSpec.Lifetimes lifetimes) {
        Endpoint a = new Endpoint(InetAddress.getLoopbackAddress(), 4500);
        return new ChildSaSpec(1, 2, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, a, a, true, esn, 32,
                in, out, local, remote, lifetimes);
    }

    /** Two peers' SAs: a's outbound feeds b's inbound and vice versa. */
    record Pair(EspSa a, EspSa b) {
    }

    static Pair pair(Suite s, boolean esn, long firstSeq) throws EspConfigException {
        return pair(s, esn, firstSeq, ChildSaSpec.Lifetimes.NONE, EspEventListener.IGNORE);
    }

    static Pair pair(Suite s, boolean esn, long firstSeq, ChildSaSpec.Lifetimes lifetimes, EspEventListener listener)
            throws EspConfigException {
        EspSa a = EspSa.create(spec(s, esn, 0xa0000001, 0xb0000001, 1, 2, List.of(NET_A), List.of(NET_B), lifetimes),
                seeded(7), listener, firstSeq);
        EspSa b = EspSa.create(spec(s, esn, 0xb0000001, 0xa0000001, 2, 1, List.of(NET_B), List.of(NET_A), lifetimes),
                seeded(8), listener, firstSeq);
        return new Pair(a, b);
    }

    static RandomSource seeded(long seed) {
        Random r = new Random(seed);
        return r::nextBytes;
    }

    /** An IPv4 UDP packet from 10.1.0.1 to {@code dst} with {@code payload} bytes of payload. */
    static byte[] ipv4(byte[] dst, int payload, int dstPort) {
        int total = 20 + 8 + payload;
        byte[] p = new byte[total];
        p[0] = 0x45;
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        p[8] = 64;
        p[9] = 17;
        p[12] = 10;
        p[13] = 1;
        p[15] = 1;
        System.arraycopy(dst, 0, p, 16, 4);
        p[20] = 0x30;
        p[21] = 0x39;
        p[22] = (byte) (dstPort >>> 8);
        p[23] = (byte) dstPort;
        p[24] = (byte) ((8 + payload) >>> 8);
        p[25] = (byte) (8 + payload);
        for (int i = 0; i < payload; i++) p[28 + i] = (byte) (i * 7 + 3);
        return p;
    }

    static byte[] ipv4To(int payload) {
        return ipv4(new byte[] {10, 2, 3, 4}, payload, 53);
    }

    /** An IPv6 packet (next header 59, no payload semantics) with {@code payload} bytes. */
    static byte[] ipv6(int payload) {
        byte[] p = new byte[40 + payload];
        p[0] = 0x60;
        p[4] = (byte) (payload >>> 8);
        p[5] = (byte) payload;
        p[6] = 59;
        p[7] = 64;
        p[8] = (byte) 0xfd;
        p[23] = 1;
        p[24] = (byte) 0xfd;
        p[39] = 2;
        for (int i = 0; i < payload; i++) p[40 + i] = (byte) i;
        return p;
    }
}
