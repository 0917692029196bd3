package io.ike4j.platform.esp;

import static io.ike4j.platform.esp.EspFixtures.ipv4To;
import static io.ike4j.platform.esp.EspFixtures.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.platform.esp.EspFixtures.Pair;
import io.ike4j.platform.esp.EspFixtures.Suite;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EspRoundTripTest {

    static Stream<Arguments> suites() {
        return EspFixtures.allSuites().stream().flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    private static byte[] seal(EspSa sa, byte[] inner) {
        byte[] out = new byte[inner.length + 100];
        int n = sa.outbound().encapsulate(inner, 0, inner.length, out, 0);
        assertThat(n).as("encapsulate").isPositive();
        return Arrays.copyOf(out, n);
    }

    private static int open(EspSa sa, byte[] esp, byte[] out) {
        return sa.inbound().decapsulate(esp, 0, esp.length, out, 0);
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void roundTripsIpv4AndIpv6OfManySizesBothWays(Suite suite, boolean esn) throws Exception {
        Pair p = EspFixtures.pair(suite, esn, 1);
        byte[] out = new byte[2000];
        long bytes = 0;
        int packets = 0;
        for (int size = 0; size <= 70; size++) {
            for (byte[] inner : new byte[][] {ipv4To(size), ipv6(size)}) {
                byte[] esp = seal(p.a(), inner);
                assertThat(esp.length).isEqualTo(p.a().outbound().encapsulatedLength(inner.length));
                assertThat((esp.length - 8 - (suite.enc().isAead() ? 8 : 16) - icv(suite)) % (suite.enc().isAead() ? 4 : 16))
                        .isZero();
                int n = open(p.b(), esp, out);
                assertThat(n).isEqualTo(inner.length);
                assertThat(Arrays.copyOf(out, n)).isEqualTo(inner);
                byte[] back = seal(p.b(), inner);
                assertThat(open(p.a(), back, out)).isEqualTo(inner.length);
                bytes += inner.length;
                packets++;
            }
        }
        assertThat(p.a().outbound().counters().packets()).isEqualTo(packets);
        assertThat(p.a().outbound().counters().bytes()).isEqualTo(bytes);
        assertThat(p.b().inbound().counters().packets()).isEqualTo(packets);
        assertThat(p.b().inbound().counters().bytes()).isEqualTo(bytes);
        assertThat(p.b().inbound().counters().totalDrops()).isZero();
        assertThat(p.a().outbound().nextSequenceNumber()).isEqualTo(packets + 1);
    }

    private static int icv(Suite s) {
        return s.enc().isAead() ? s.enc().icvLength() : s.integ().icvLength();
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void everyTamperedByteFailsAuthentication(Suite suite, boolean esn) throws Exception {
        Pair p = EspFixtures.pair(suite, esn, 1);
        byte[] esp = seal(p.a(), ipv4To(33));
        byte[] out = new byte[esp.length];
        for (int i = 0; i < esp.length; i++) {
            if (i >= 4 && i < 8) continue; // the sequence number: see below
            byte[] t = esp.clone();
            t[i] ^= 0x01;
            assertThat(EspDrop.fromCode(open(p.b(), t, out))).as("byte %d", i).isEqualTo(EspDrop.AUTH_FAILED);
        }
        byte[] t = esp.clone();
        t[7] ^= 0x02; // another (fresh) sequence number: passes the replay check, fails the ICV
        assertThat(EspDrop.fromCode(open(p.b(), t, out))).isEqualTo(EspDrop.AUTH_FAILED);
        // failures did not move the window: the genuine packet still gets through
        assertThat(open(p.b(), esp, out)).isEqualTo(20 + 8 + 33);
        assertThat(p.b().inbound().counters().drops(EspDrop.AUTH_FAILED)).isEqualTo(esp.length - 4 + 1);
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void replayedPacketIsDropped(Suite suite, boolean esn) throws Exception {
        Pair p = EspFixtures.pair(suite, esn, 1);
        byte[] first = seal(p.a(), ipv4To(10));
        byte[] second = seal(p.a(), ipv4To(11));
        byte[] out = new byte[200];
        assertThat(open(p.b(), second, out)).isPositive();
        assertThat(open(p.b(), first, out)).as("out of order, inside the window").isPositive();
        assertThat(EspDrop.fromCode(open(p.b(), first, out))).isEqualTo(EspDrop.REPLAYED);
        assertThat(EspDrop.fromCode(open(p.b(), second, out))).isEqualTo(EspDrop.REPLAYED);
        assertThat(p.b().inbound().counters().drops(EspDrop.REPLAYED)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void truncatedPacketsAreTypedDrops(Suite suite, boolean esn) throws Exception {
        Pair p = EspFixtures.pair(suite, esn, 1);
        byte[] esp = seal(p.a(), ipv6(17));
        byte[] out = new byte[esp.length];
        EspSaTable table = new EspSaTable();
        table.install(p.b());
        int min = p.b().inbound().minimumLength();
        for (int len = 0; len < esp.length; len++) {
            int r = table.decapsulate(esp, 0, len, out, 0);
            assertThat(r).as("length %d", len).isNegative();
            EspDrop d = EspDrop.fromCode(r);
            if (len < min) assertThat(d).as("length %d", len).isEqualTo(EspDrop.SHORT);
            else assertThat(d).as("length %d", len).isIn(EspDrop.AUTH_FAILED, EspDrop.BAD_LENGTH);
        }
        assertThat(table.decapsulate(esp, 0, esp.length, out, 0)).isEqualTo(40 + 17);
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void randomGarbageNeverThrows(Suite suite, boolean esn) throws Exception {
        Pair p = EspFixtures.pair(suite, esn, 1);
        EspSaTable table = new EspSaTable();
        table.install(p.b());
        Random r = new Random(42);
        byte[] out = new byte[600];
        byte[] valid = seal(p.a(), ipv4To(50));
        for (int i = 0; i < 500; i++) {
            byte[] g = new byte[r.nextInt(300)];
            r.nextBytes(g);
            if (i % 2 == 0 && g.length >= 8) System.arraycopy(valid, 0, g, 0, 8); // known SPI and sequence number
            assertThat(table.decapsulate(g, 0, g.length, out, 0)).isNegative();
            assertThat(p.b().inbound().decapsulate(g, 0, g.length, out, 0)).isNegative();
        }
        assertThat(table.decapsulate(valid, 0, valid.length, out, 0)).isEqualTo(78);
    }
}
