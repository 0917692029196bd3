package io.ike4j.platform.esp;

import static io.ike4j.platform.esp.EspFixtures.ipv4To;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.esp.EspFixtures.Pair;
import io.ike4j.platform.esp.EspFixtures.Suite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EspSaBehaviourTest {
    private static final Suite GCM = new Suite(EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE);
    private static final Suite CBC = new Suite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128);

    private static int send(EspSa from, EspSa to, byte[] inner, byte[] scratch, byte[] out) {
        int n = from.outbound().encapsulate(inner, 0, inner.length, scratch, 0);
        if (n < 0) return n;
        return to.inbound().decapsulate(scratch, 0, n, out, 0);
    }

    @Test
    void sequenceNumberExhaustionRefusesToSendAndReportsOnce() throws Exception {
        List<EspEvent> events = new ArrayList<>();
        Pair p = EspFixtures.pair(GCM, false, 0xffff_fffeL, ChildSaSpec.Lifetimes.NONE, events::add);
        byte[] buf = new byte[200];
        byte[] inner = ipv4To(10);
        assertThat(p.a().outbound().encapsulate(inner, 0, inner.length, buf, 0)).isPositive();
        assertThat(p.a().outbound().encapsulate(inner, 0, inner.length, buf, 0)).isPositive(); // seq 2^32-1
        assertThat(ByteBuffer.wrap(buf, 4, 4).getInt()).isEqualTo(0xffffffff);
        for (int i = 0; i < 3; i++) {
            assertThat(EspDrop.fromCode(p.a().outbound().encapsulate(inner, 0, inner.length, buf, 0)))
                    .isEqualTo(EspDrop.SEQUENCE_EXHAUSTED);
        }
        assertThat(p.a().outbound().counters().drops(EspDrop.SEQUENCE_EXHAUSTED)).isEqualTo(3);
        assertThat(p.a().outbound().counters().packets()).isEqualTo(2);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EspEvent.Kind.SEQUENCE_EXHAUSTED);
            assertThat(e.direction()).isEqualTo(EspEvent.Direction.OUTBOUND);
            assertThat(e.spi()).isEqualTo(p.a().outbound().spi());
        });
    }

    @Test
    void esnSendsAndReceivesAcrossTheTwoToThe32Boundary() throws Exception {
        for (Suite s : List.of(GCM, CBC, new Suite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE))) {
            // a fresh receiver accepts first numbers below 2^32 - window (RFC 4303 A2.2 case B at Th = 0)
            Pair p = EspFixtures.pair(s, true, 0xffff_fc00L);
            byte[] scratch = new byte[300];
            byte[] out = new byte[300];
            byte[] held = null;
            for (long seq = 0xffff_fc00L; seq <= 0x1_0000_0010L; seq++) {
                byte[] inner = ipv4To((int) (seq & 63));
                if (seq == 0xffff_fffeL) {
                    int n = p.a().outbound().encapsulate(inner, 0, inner.length, scratch, 0);
                    held = Arrays.copyOf(scratch, n); // delivered late, after the wrap
                    continue;
                }
                assertThat(send(p.a(), p.b(), inner, scratch, out)).as("%s seq %x", s, seq).isEqualTo(inner.length);
            }
            assertThat(p.b().inbound().highestSequenceNumber()).isEqualTo(0x1_0000_0010L);
            assertThat(p.b().inbound().decapsulate(held, 0, held.length, out, 0)).as("late").isPositive();
            assertThat(EspDrop.fromCode(p.b().inbound().decapsulate(held, 0, held.length, out, 0)))
                    .isEqualTo(EspDrop.REPLAYED);
        }
    }

    @Test
    void esnHighBitsAreAuthenticated() throws Exception {
        // a receiver whose window sits in another 2^32 subspace infers other high bits: the ICV fails
        Pair p = EspFixtures.pair(CBC, true, 0x5_0000_0001L);
        byte[] scratch = new byte[300];
        byte[] out = new byte[300];
        assertThat(EspDrop.fromCode(send(p.a(), p.b(), ipv4To(5), scratch, out))).isEqualTo(EspDrop.AUTH_FAILED);
    }

    @Test
    void softAndHardPacketLifetimesReportOnceAndHardStopsTraffic() throws Exception {
        List<EspEvent> events = new ArrayList<>();
        Pair p = EspFixtures.pair(GCM, false, 1, new ChildSaSpec.Lifetimes(0, 0, 0, 0, 3, 5), events::add);
        byte[] scratch = new byte[300];
        byte[] out = new byte[300];
        for (int i = 0; i < 5; i++) assertThat(send(p.a(), p.b(), ipv4To(i), scratch, out)).isPositive();
        assertThat(EspDrop.fromCode(send(p.a(), p.b(), ipv4To(1), scratch, out))).isEqualTo(EspDrop.LIFETIME_EXPIRED);
        assertThat(events).extracting(EspEvent::direction, EspEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EspEvent.Direction.OUTBOUND, EspEvent.Kind.SOFT_LIFETIME),
                org.assertj.core.groups.Tuple.tuple(EspEvent.Direction.INBOUND, EspEvent.Kind.SOFT_LIFETIME),
                org.assertj.core.groups.Tuple.tuple(EspEvent.Direction.OUTBOUND, EspEvent.Kind.HARD_LIFETIME),
                org.assertj.core.groups.Tuple.tuple(EspEvent.Direction.INBOUND, EspEvent.Kind.HARD_LIFETIME));
        assertThat(p.a().outbound().counters().drops(EspDrop.LIFETIME_EXPIRED)).isEqualTo(1);
    }

    @Test
    void byteLifetimesCountInnerBytes() throws Exception {
        List<EspEvent> events = new ArrayList<>();
        Pair p = EspFixtures.pair(GCM, false, 1, new ChildSaSpec.Lifetimes(0, 0, 100, 0, 0, 0), events::add);
        byte[] scratch = new byte[300];
        byte[] out = new byte[300];
        send(p.a(), p.b(), ipv4To(22), scratch, out); // 50 bytes
        assertThat(events).isEmpty();
        send(p.a(), p.b(), ipv4To(22), scratch, out); // 100 bytes
        assertThat(events).extracting(EspEvent::kind).containsOnly(EspEvent.Kind.SOFT_LIFETIME).hasSize(2);
    }

    // --- hand-built packets with a valid ICV but bad contents (AES-GCM-16, key from EspFixtures.keys seed 1) ---

    private static byte[] forge(int spi, int seq, byte[] plaintext) throws Exception {
        byte[] keymat = EspFixtures.fill(20, 1);
        byte[] header = ByteBuffer.allocate(8).putInt(spi).putInt(seq).array();
        byte[] iv = ByteBuffer.allocate(8).putLong(seq).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keymat, 0, 16, "AES"),
                new GCMParameterSpec(128, EspKnownAnswerTest.concat(Arrays.copyOfRange(keymat, 16, 20), iv)));
        c.updateAAD(header);
        return EspKnownAnswerTest.concat(header, iv, c.doFinal(plaintext));
    }

    @Test
    void paddingPadLengthAndNextHeaderAreChecked() throws Exception {
        Pair p = EspFixtures.pair(GCM, false, 1); // b's outbound key seed is 1 = a's inbound
        EspInbound in = p.a().inbound();
        int spi = in.spi();
        byte[] inner = ipv4To(21); // 49 bytes
        byte[] out = new byte[300];
        record Case(byte[] trailer, EspDrop expected) {
        }
        List<Case> cases = List.of(
                new Case(new byte[] {1, 1, 4}, null),
                new Case(new byte[] {1, 3, 2, 4, 5, 6, 7, 8, 9, 10, 11, 5, 4}, EspDrop.BAD_PADDING),
                new Case(new byte[] {2, 1, 4}, EspDrop.BAD_PADDING),
                new Case(new byte[] {1, (byte) 200, 4}, EspDrop.BAD_PADDING),
                new Case(new byte[] {1, 1, 17}, EspDrop.BAD_NEXT_HEADER),
                new Case(new byte[] {1, 1, 41}, EspDrop.BAD_INNER_PACKET),
                new Case(new byte[] {1, 1, 59}, EspDrop.DUMMY_PACKET),
                new Case(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13, 4}, null));
        int seq = 1;
        for (Case c : cases) {
            byte[] pkt = forge(spi, seq++, EspKnownAnswerTest.concat(inner, c.trailer));
            int r = in.decapsulate(pkt, 0, pkt.length, out, 0);
            if (c.expected == null) {
                assertThat(r).isEqualTo(inner.length);
                assertThat(Arrays.copyOf(out, r)).isEqualTo(inner);
            } else {
                assertThat(r).isNegative();
                assertThat(EspDrop.fromCode(r)).isEqualTo(c.expected);
            }
        }
        // a packet with a valid ICV moved the window even though its contents were dropped afterwards
        assertThat(in.highestSequenceNumber()).isEqualTo(cases.size());
        // TFC padding after the inner packet (RFC 4303 2.7) is removed
        byte[] pkt = forge(spi, seq, EspKnownAnswerTest.concat(inner, new byte[] {9, 9, 9, 9, 9, 1, 2, 3, 3, 4}));
        assertThat(in.decapsulate(pkt, 0, pkt.length, out, 0)).isEqualTo(inner.length);
        assertThat(in.counters().drops(EspDrop.BAD_PADDING)).isEqualTo(3);
    }

    @Test
    void nonIpInnerPacketsAreRefusedOutbound() throws Exception {
        Pair p = EspFixtures.pair(GCM, false, 1);
        byte[] out = new byte[300];
        assertThat(EspDrop.fromCode(p.a().outbound().encapsulate(new byte[30], 0, 30, out, 0)))
                .isEqualTo(EspDrop.BAD_INNER_PACKET);
        byte[] inner = ipv4To(100);
        assertThat(EspDrop.fromCode(p.a().outbound().encapsulate(inner, 0, inner.length, out, 200)))
                .isEqualTo(EspDrop.TOO_LONG);
        assertThat(p.a().outbound().nextSequenceNumber()).isEqualTo(1);
    }

    @Test
    void inPlaceEncapsulationFromThePayloadOffset() throws Exception {
        Pair p = EspFixtures.pair(CBC, false, 1);
        byte[] inner = ipv4To(40);
        byte[] buf = new byte[300];
        int at = p.a().outbound().payloadOffset();
        System.arraycopy(inner, 0, buf, at, inner.length);
        int n = p.a().outbound().encapsulate(buf, at, inner.length, buf, 0);
        byte[] out = new byte[300];
        assertThat(p.b().inbound().decapsulate(buf, 0, n, out, 0)).isEqualTo(inner.length);
        assertThat(Arrays.copyOf(out, inner.length)).isEqualTo(inner);
    }

    @Test
    void unsupportedConfigurationsAreRefused() {
        Suite ctr = new Suite(EncryptionAlgorithm.AES_CTR, 128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThatThrownBy(() -> EspFixtures.pair(ctr, false, 1)).isInstanceOf(EspConfigException.class)
                .hasMessageContaining("AES_CTR");
        Suite md5 = new Suite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_MD5_96);
        assertThatThrownBy(() -> EspFixtures.pair(md5, false, 1)).isInstanceOf(EspConfigException.class);
        ChildSaSpec.DirectionKeys bad = new ChildSaSpec.DirectionKeys(1, EncryptionAlgorithm.AES_GCM_16, 128,
                IntegrityAlgorithm.NONE, new byte[16], new byte[0]); // salt missing
        assertThatThrownBy(() -> EspSa.create(EspFixtures.spec(bad, bad, false, List.of(), List.of(),
                ChildSaSpec.Lifetimes.NONE), EspFixtures.seeded(1), EspEventListener.IGNORE))
                .isInstanceOf(EspConfigException.class).hasMessageNotContaining("00 00");
    }

    @Test
    void wipedSaDropsEverything() throws Exception {
        Pair p = EspFixtures.pair(GCM, false, 1);
        byte[] scratch = new byte[300];
        byte[] out = new byte[300];
        int n = p.a().outbound().encapsulate(ipv4To(3), 0, 31, scratch, 0);
        p.b().wipe();
        assertThat(EspDrop.fromCode(p.b().inbound().decapsulate(scratch, 0, n, out, 0))).isEqualTo(EspDrop.LIFETIME_EXPIRED);
        assertThat(EspDrop.fromCode(p.b().outbound().encapsulate(ipv4To(3), 0, 31, scratch, 0)))
                .isEqualTo(EspDrop.LIFETIME_EXPIRED);
    }
}
