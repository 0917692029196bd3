package io.ike4j.core.exchange.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.Phase1AttributeType;
import io.ike4j.core.codec.v1.Phase2AttributeType;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1LifeType;
import io.ike4j.core.codec.v1.V1Transform;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.exchange.v1.V1Lifetimes.Life;
import io.ike4j.core.sa.v1.Phase1Suite;
import io.ike4j.core.sa.v1.Phase2Suite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SA lifetimes in seconds and kilobytes (RFC 2407 4.5, RFC 2409 5.5/Appendix A, RFC 2407 4.6.3.1). */
class V1LifetimesTest {
    private static final ChildConfig CHILD = ChildConfig.builder("n").espProposals("aes128-sha256").build();
    private static final Phase2Suite SUITE = Phase2Proposals.configured(CHILD).getFirst().getFirst();

    /** A 128-bit AES-CBC/SHA-256 tunnel transform with {@code life} attributes in front. */
    private static V1Transform esp(List<DataAttribute> life) {
        List<DataAttribute> a = new ArrayList<>(life);
        a.add(DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE, 1));
        a.add(DataAttribute.basic(Phase2AttributeType.AUTHENTICATION_ALGORITHM, 5));
        a.add(DataAttribute.basic(Phase2AttributeType.KEY_LENGTH, 128));
        return new V1Transform(1, 12, a);
    }

    private static DataAttribute type(V1LifeType t) {
        return DataAttribute.basic(Phase2AttributeType.SA_LIFE_TYPE, t);
    }

    private static DataAttribute duration(byte... value) {
        return DataAttribute.variable(Phase2AttributeType.SA_LIFE_DURATION.value(), value);
    }

    private static DataAttribute duration(int basic) {
        return DataAttribute.basic(Phase2AttributeType.SA_LIFE_DURATION, basic);
    }

    private static Life parse(List<DataAttribute> life) {
        return Phase2Proposals.parse(esp(life), 1).orElseThrow().life();
    }

    @Test
    void offerCarriesASecondsAndAKilobytesPairWhenLifeBytesIsSet() {
        ChildConfig c = ChildConfig.builder("n").espProposals("aes128-sha256").lifeTime(java.time.Duration.ofSeconds(3600))
                .lifeBytes(1_500_001).build();
        assertThat(V1Lifetimes.configured(c)).isEqualTo(new Life(3600, 1501)); // kilobytes of 1000 bytes, rounded up
        V1Transform t = Phase2Proposals.offer(List.of(List.of(SUITE)), 7, false, false, V1Lifetimes.configured(c))
                .proposals().getFirst().transforms().getFirst();
        assertThat(t.attributes().subList(0, 4)).extracting(DataAttribute::type, DataAttribute::intValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 3600),
                org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(2, 1501));
        assertThat(Phase2Proposals.parse(t, 7).orElseThrow().life()).isEqualTo(new Life(3600, 1501));
        ChildConfig noBytes = ChildConfig.builder("n").espProposals("aes128-sha256").build();
        assertThat(V1Lifetimes.configured(noBytes).kilobytes()).isZero();
    }

    @Test
    void pairsParseInEitherOrderWithBasicOrVariableDurations() {
        assertThat(parse(List.of(type(V1LifeType.SECONDS), duration(3600), type(V1LifeType.KILOBYTES), duration(0, 0x0f, 0x42, 0x40))))
                .isEqualTo(new Life(3600, 1_000_000));
        assertThat(parse(List.of(type(V1LifeType.KILOBYTES), duration(0x01, 0, 0, 0, 0), type(V1LifeType.SECONDS), duration(0x70, 0x80))))
                .isEqualTo(new Life(0x7080, 0x100000000L)); // a 5-byte duration
        assertThat(parse(List.of(type(V1LifeType.SECONDS), duration(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))))
                .isEqualTo(new Life(Long.MAX_VALUE, 0)); // 8 bytes: the longest
        assertThat(parse(List.of())).isEqualTo(Life.NONE);
        assertThat(parse(List.of(type(V1LifeType.SECONDS), duration(100), type(V1LifeType.SECONDS), duration(50))))
                .as("a type repeated keeps the shorter").isEqualTo(new Life(50, 0));
    }

    @Test
    void pairsSurviveTheWireByteForByte() {
        Life life = new Life(86400, 5_000_000_000L); // kilobytes beyond 32 bits: an 8-byte duration
        List<DataAttribute> attrs = new ArrayList<>(V1Lifetimes.attributes(Phase2AttributeType.SA_LIFE_TYPE,
                Phase2AttributeType.SA_LIFE_DURATION, life));
        java.util.Collections.rotate(attrs, 2); // kilobytes pair first
        io.ike4j.core.codec.v1.V1Payload.Sa sa = io.ike4j.core.codec.v1.V1Payload.Sa.ipsec(List.of(
                new io.ike4j.core.codec.v1.V1Proposal(1, 3, io.ike4j.core.codec.v1.Octets.of(new byte[] {0, 0, 0, 9}), List.of(esp(attrs)))));
        byte[] wire = V1Transport.CODEC.encodePayloads(List.of(sa));
        var decoded = V1Transport.CODEC.decodePayloads(io.ike4j.core.codec.v1.IsakmpCodec.firstType(List.of(sa)), wire);
        var back = (io.ike4j.core.codec.v1.V1Payload.Sa) ((io.ike4j.core.codec.v1.V1Result.Decoded<io.ike4j.core.codec.v1.DecryptedPayloads>) decoded)
                .value().payloads().getFirst();
        assertThat(V1Transport.CODEC.encodePayloads(List.of(back))).isEqualTo(wire);
        V1Transform t = back.proposals().getFirst().transforms().getFirst();
        assertThat(t.attributes().get(1).value().length()).isEqualTo(8);
        assertThat(Phase2Proposals.parse(t, 9).orElseThrow().life()).isEqualTo(life);
    }

    @Test
    void unknownLifeTypesAndBadDurationsMakeTheTransformUnacceptable() {
        assertThat(Phase2Proposals.parse(esp(List.of(DataAttribute.basic(Phase2AttributeType.SA_LIFE_TYPE, 3), duration(10))), 1)).isEmpty();
        assertThat(Phase2Proposals.parse(esp(List.of(duration(10))), 1)).as("duration without a type").isEmpty();
        assertThat(Phase2Proposals.parse(esp(List.of(type(V1LifeType.SECONDS), duration(0, 0, 0, 0, 0, 0, 0, 0, 1))), 1))
                .as("9 bytes").isEmpty();
        assertThat(Phase2Proposals.parse(esp(List.of(type(V1LifeType.SECONDS), duration(new byte[0]))), 1)).as("empty").isEmpty();
        assertThat(Phase2Proposals.parse(esp(List.of(type(V1LifeType.KILOBYTES), duration(0x80, 0, 0, 0, 0, 0, 0, 0))), 1))
                .as("beyond 63 bits").isEmpty();
        assertThat(Phase2Proposals.parse(esp(List.of(type(V1LifeType.KILOBYTES), duration(10), duration(20))), 1))
                .as("second duration without its type").isEmpty();
        V1Lifetimes.Reader r = new V1Lifetimes.Reader();
        assertThat(r.type(DataAttribute.basic(Phase2AttributeType.SA_LIFE_TYPE, 9))).isFalse();
        assertThat(r.error()).contains("unknown life type 9");
    }

    private static DataAttribute duration(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        return duration(b);
    }

    @Test
    void responderUsesTheShorterAndAnnouncesEachTypeItShortened() {
        var both = V1Lifetimes.respond(new Life(7200, 5000), new Life(3600, 1000));
        assertThat(both.used()).isEqualTo(new Life(3600, 1000));
        assertThat(both.announced()).isEqualTo(new Life(3600, 1000));
        var bytesOnly = V1Lifetimes.respond(new Life(3600, 0), new Life(7200, 1000));
        assertThat(bytesOnly.used()).isEqualTo(new Life(3600, 1000));
        assertThat(bytesOnly.announced()).isEqualTo(new Life(0, 1000));
        var none = V1Lifetimes.respond(new Life(3600, 1000), new Life(7200, 0));
        assertThat(none.used()).isEqualTo(new Life(3600, 1000));
        assertThat(none.announced().isNone()).isTrue();
        assertThat(V1Lifetimes.respond(Life.NONE, Life.NONE).used()).as("RFC 2407 4.5 default").isEqualTo(new Life(28800, 0));
    }

    @Test
    void initiatorOnlyEverShortens() {
        Life ours = new Life(3600, 2000);
        assertThat(V1Lifetimes.initiator(ours, ours, new Life(1800, 500))).isEqualTo(new Life(1800, 500));
        assertThat(V1Lifetimes.initiator(ours, ours, new Life(7200, 9000))).isEqualTo(ours);
        assertThat(V1Lifetimes.initiator(new Life(3600, 0), new Life(3600, 0), new Life(0, 700))).isEqualTo(new Life(3600, 700));
        assertThat(V1Lifetimes.initiator(new Life(0, 10), new Life(0, 10), Life.NONE)).as("RFC 2407 4.5 default")
                .isEqualTo(new Life(28800, 10));
    }

    @Test
    void responderLifetimeNotificationDataRoundTrips() {
        byte[] d = V1Lifetimes.notifyData(new Life(1800, 70_000));
        assertThat(d).hasSize(4 + 4 + 4 + 8); // basic type, basic 1800, basic type, 4-byte 70000
        assertThat(V1Lifetimes.parseNotify(d)).contains(new Life(1800, 70_000));
        assertThat(V1Lifetimes.parseNotify(V1Lifetimes.notifyData(new Life(0, 5)))).contains(new Life(0, 5));
        assertThat(V1Lifetimes.parseNotify(java.util.Arrays.copyOf(d, d.length - 1))).as("truncated").isEmpty();
        assertThat(V1Lifetimes.parseNotify(new byte[] {(byte) 0x80, 1, 0, 7, (byte) 0x80, 2, 0, 1})).as("unknown type").isEmpty();
    }

    @Test
    void byteLimitsKeepOurExactLifeBytesAndRekeyBefore() {
        ChildConfig c = ChildConfig.builder("n").lifeBytes(1_500_001).rekeyBytes(1_000_000).build();
        assertThat(V1Lifetimes.byteLimits(c, 1501)).isEqualTo(new V1Lifetimes.ByteLimits(1_000_000, 1_500_001));
        assertThat(V1Lifetimes.byteLimits(c, 800)).isEqualTo(new V1Lifetimes.ByteLimits(720_000, 800_000));
        assertThat(V1Lifetimes.byteLimits(c, 0)).isEqualTo(new V1Lifetimes.ByteLimits(0, 0));
        assertThat(V1Lifetimes.kilobytes(1)).isEqualTo(1);
        assertThat(V1Lifetimes.bytes(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void phase1KilobytesLifeIsAcceptedAndReportedSecondsHonoured() {
        Phase1Suite s = Phase1Proposals.configured(ConnectionConfig.builder("c").version(1).ikeProposals("aes128-sha256-modp2048").build(),
                V1AuthMethod.PRE_SHARED_KEY).getFirst();
        V1Transform t = Phase1Proposals.transform(1, s, 0);
        List<DataAttribute> a = new ArrayList<>(t.attributes());
        a.add(DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.KILOBYTES));
        a.add(DataAttribute.variable(Phase1AttributeType.LIFE_DURATION.value(), new byte[] {0, 1, 0, 0}));
        a.add(DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.SECONDS));
        a.add(DataAttribute.basic(Phase1AttributeType.LIFE_DURATION, 10800));
        Phase1Proposals.Choice c = Phase1Proposals.parse(new V1Transform(1, t.transformId(), a)).orElseThrow();
        assertThat(c.lifetimeSeconds()).isEqualTo(10800);
        assertThat(c.lifetimeKilobytes()).isEqualTo(65536);
        a.add(DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, 5));
        assertThat(Phase1Proposals.parse(new V1Transform(1, t.transformId(), a))).as("unknown life type").isEmpty();
    }
}
