package io.ike4j.core.exchange.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.V1Transform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad SA attributes found by the IKEv1 adversarial suite (issue 8 item 9): Main Mode message 1 with an unassigned life
 * type, a life duration over 64 bits, key length 0, or an encryption algorithm sent as a 5-octet variable attribute
 * (which wrapped around to AES through an int cast) was accepted. Each now makes the transform unacceptable
 * (NO_PROPOSAL_CHOSEN); in Quick Mode likewise.
 */
class V1AttributeValuesTest {

    /** AES-128, SHA2-256, MODP 2048, PSK, and {@code extra}. */
    private static V1Transform phase1(List<DataAttribute> extra) {
        List<DataAttribute> a = new ArrayList<>(List.of(DataAttribute.basic(1, 7), DataAttribute.basic(14, 128), DataAttribute.basic(2, 4),
                DataAttribute.basic(4, 14), DataAttribute.basic(3, 1)));
        a.addAll(extra);
        return new V1Transform(1, 1, a);
    }

    /** ESP AES-128 with HMAC-SHA2-256 in tunnel mode, and {@code extra}. */
    private static V1Transform phase2(List<DataAttribute> extra) {
        List<DataAttribute> a = new ArrayList<>(List.of(DataAttribute.basic(4, 1), DataAttribute.basic(5, 5), DataAttribute.basic(6, 128)));
        a.addAll(extra);
        return new V1Transform(1, 12, a);
    }

    @Test
    void wellFormedTransformsAreUnderstood() {
        assertThat(Phase1Proposals.parse(phase1(List.of(DataAttribute.basic(11, 1), DataAttribute.variable(12, new byte[] {0, 0, 0x0e, 0x10})))))
                .hasValueSatisfying(c -> assertThat(c.lifetimeSeconds()).isEqualTo(3600));
        assertThat(Phase1Proposals.parse(phase1(List.of(DataAttribute.basic(11, 2), DataAttribute.basic(12, 1000))))).isPresent();
        assertThat(Phase2Proposals.parse(phase2(List.of(DataAttribute.basic(1, 1), DataAttribute.basic(2, 3600))), 0x1234)).isPresent();
    }

    @Test
    void unassignedLifeTypeIsRefused() {
        assertThat(Phase1Proposals.parse(phase1(List.of(DataAttribute.basic(11, 3), DataAttribute.basic(12, 60))))).isEmpty();
        assertThat(Phase2Proposals.parse(phase2(List.of(DataAttribute.basic(1, 3), DataAttribute.basic(2, 60))), 0x1234)).isEmpty();
    }

    @Test
    void lifeDurationOverSixtyFourBitsIsRefused() {
        DataAttribute huge = DataAttribute.variable(12, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(Phase1Proposals.parse(phase1(List.of(DataAttribute.basic(11, 1), huge)))).isEmpty();
        assertThat(Phase2Proposals.parse(phase2(List.of(DataAttribute.basic(1, 1), DataAttribute.variable(2, huge.value().bytes()))), 0x1234)).isEmpty();
    }

    @Test
    void keyLengthZeroIsRefused() {
        List<DataAttribute> a = new ArrayList<>(phase1(List.of()).attributes());
        a.set(1, DataAttribute.basic(14, 0));
        assertThat(Phase1Proposals.parse(new V1Transform(1, 1, a))).isEmpty();
        assertThat(Phase2Proposals.parse(new V1Transform(1, 12, List.of(DataAttribute.basic(4, 1), DataAttribute.basic(5, 5),
                DataAttribute.basic(6, 0))), 0x1234)).isEmpty();
    }

    @Test
    void aBasicAttributeSentAsALongVariableOneDoesNotWrapAround() {
        DataAttribute wrapped = DataAttribute.variable(1, new byte[] {1, 0, 0, 0, 7}); // 0x100000007 -> (int) 7 = AES
        assertThat(wrapped.intValue()).isEqualTo(-1);
        assertThat(DataAttribute.variable(1, new byte[] {0, 7}).intValue()).isEqualTo(7);
        List<DataAttribute> a = new ArrayList<>(phase1(List.of()).attributes());
        a.set(0, wrapped);
        assertThat(Phase1Proposals.parse(new V1Transform(1, 1, a))).isEmpty();
    }
}
