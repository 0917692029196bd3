package io.ike4j.platform.esp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.esp.EspConfigException;
import io.ike4j.platform.esp.EspDrop;
import io.ike4j.platform.esp.EspEventListener;
import io.ike4j.platform.esp.EspSa;
import io.ike4j.platform.esp.EspSaTable;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * ESP packets from the network (RFC 4303 3.4): {@link EspSaTable#decapsulate} returns an inner length or a negative
 * {@link EspDrop} code, never throws, for raw packets and for packets correctly protected by the peer's SA around
 * arbitrary inner bytes (so the fuzzer reaches the padding, next header and inner packet checks). Input: one byte picks
 * the suite, one the mode (raw / sealed by the peer / sealed then one byte flipped), the rest is the packet or inner.
 */
class EspSaTableFuzz {
    private static final int SPI_A = 0xa0000001;
    private static final int SPI_B = 0xb0000001;
    private static final List<Suite> SUITES = List.of(
            new Suite(EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE),
            new Suite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128),
            new Suite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE),
            new Suite(EncryptionAlgorithm.AES_GCM_8, 256, IntegrityAlgorithm.NONE));

    record Suite(EncryptionAlgorithm enc, int bits, IntegrityAlgorithm integ) {
        ChildSaSpec.DirectionKeys keys(int spi, int seed) {
            byte[] e = new byte[enc.isAead() ? bits / 8 + 4 : bits / 8];
            byte[] i = new byte[integ == IntegrityAlgorithm.NONE ? 0 : integ.keyLength()];
            Arrays.fill(e, (byte) seed);
            Arrays.fill(i, (byte) (seed + 100));
            return new ChildSaSpec.DirectionKeys(spi, enc, bits, integ, e, i);
        }
    }

    @FuzzTest
    void decapsulate(FuzzedDataProvider in) throws EspConfigException {
        Suite s = SUITES.get(in.consumeInt(0, SUITES.size() - 1));
        int mode = in.consumeInt(0, 2);
        boolean esn = in.consumeBoolean();
        byte[] data = in.consumeRemainingAsBytes();
        EspSaTable a = new EspSaTable();
        EspSaTable b = new EspSaTable();
        EspSa sa = sa(s, esn, SPI_A, SPI_B, 1, 2, 7);
        a.install(sa);
        b.install(sa(s, esn, SPI_B, SPI_A, 2, 1, 8));
        byte[] packet = data;
        if (mode > 0) {
            packet = new byte[sa.outbound().encapsulatedLength(data.length) + 16];
            int n = sa.outbound().encapsulate(data, 0, data.length, packet, 0);
            if (n < 0) {
                assertDrop(n);
                return;
            }
            packet = Arrays.copyOf(packet, n);
            if (mode == 2 && n > 0) packet[data.length % n] ^= 0x01;
        }
        byte[] out = new byte[packet.length + 16];
        int r = b.decapsulate(packet, 0, packet.length, out, 0);
        if (r < 0) assertDrop(r);
        else assertThat(r).isLessThanOrEqualTo(packet.length);
        // an offset inside a larger buffer behaves the same
        byte[] shifted = new byte[packet.length + 3];
        System.arraycopy(packet, 0, shifted, 3, packet.length);
        int r2 = b.decapsulate(shifted, 3, packet.length, new byte[packet.length + 16], 5);
        if (r2 < 0) assertDrop(r2);
        b.tableCounters();
        b.all().forEach(x -> x.inbound().counters());
    }

    private static void assertDrop(int code) {
        assertThat(Arrays.stream(EspDrop.values()).mapToInt(EspDrop::code)).contains(code);
    }

    private static EspSa sa(Suite s, boolean esn, int spiIn, int spiOut, int seedIn, int seedOut, long rng)
            throws EspConfigException {
        TrafficSelectorSubstructure netA = ts(10, 1), netB = ts(10, 2);
        boolean isA = spiIn == SPI_A;
        Endpoint ep = new Endpoint(InetAddress.getLoopbackAddress(), 4500);
        ChildSaSpec spec = new ChildSaSpec(1, 2, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, ep, ep,
                true, esn, 32, s.keys(spiIn, seedIn), s.keys(spiOut, seedOut), List.of(isA ? netA : netB),
                List.of(isA ? netB : netA), ChildSaSpec.Lifetimes.NONE);
        Random r = new Random(rng);
        return EspSa.create(spec, (RandomSource) r::nextBytes, EspEventListener.IGNORE);
    }

    private static TrafficSelectorSubstructure ts(int a, int b) {
        return new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
                new byte[] {(byte) a, (byte) b, 0, 0}, new byte[] {(byte) a, (byte) b, (byte) 255, (byte) 255});
    }
}
