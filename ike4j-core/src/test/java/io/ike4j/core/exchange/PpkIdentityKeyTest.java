package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 9867 3.1 notification bodies (PPK_IDENTITY_KEY, PPK_IDENTITY): round trips and malformed input. */
class PpkIdentityKeyTest {
    private static final byte[] CONFIRMATION = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void roundTrip() {
        PpkIdentityKey k = new PpkIdentityKey(PpkUnit.PPK_ID_FIXED, "pqpsk@example.org".getBytes(), CONFIRMATION);
        byte[] wire = k.encode();
        assertThat(wire).hasSize(1 + 17 + 8);
        assertThat(wire[0]).isEqualTo((byte) 2);
        assertThat(PpkIdentityKey.parse(wire)).isEqualTo(new PpkIdentityKey.Parsed.Ok(k));
        assertThat(PpkIdentityKey.parseIdentity(PpkIdentityKey.encodeId(1, new byte[] {9})))
                .isEqualTo(new PpkIdentityKey.Parsed.Ok(new PpkIdentityKey(1, new byte[] {9}, new byte[0])));
    }

    @Test
    void wrongLengthsAreTypedErrors() {
        for (int n = 0; n < 10; n++) { // type + 1 id octet + 8 confirmation octets is the minimum
            byte[] data = new byte[n];
            if (n > 0) data[0] = 2;
            assertThat(PpkIdentityKey.parse(data)).as("%d octets", n).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
        }
        assertThat(PpkIdentityKey.parse(null)).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
        assertThat(PpkIdentityKey.parseIdentity(new byte[0])).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
        assertThat(PpkIdentityKey.parseIdentity(new byte[] {2})).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
        byte[] ten = new byte[10];
        ten[0] = 2;
        assertThat(PpkIdentityKey.parse(ten)).isInstanceOf(PpkIdentityKey.Parsed.Ok.class);
    }

    @Test
    void unknownPpkIdTypesAreTypedErrors() {
        for (int type : new int[] {0, 3, 127, 255}) {
            byte[] data = new byte[12];
            data[0] = (byte) type;
            assertThat(PpkIdentityKey.parse(data)).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
            assertThat(PpkIdentityKey.parseIdentity(Arrays.copyOf(data, 3))).isInstanceOf(PpkIdentityKey.Parsed.Malformed.class);
        }
    }

    @Test
    void randomBodiesNeverThrow() {
        Random r = new Random(9867);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[r.nextInt(64)];
            r.nextBytes(data);
            if (r.nextBoolean() && data.length > 0) data[0] = (byte) (1 + r.nextInt(2));
            assertThatCode(() -> {
                PpkIdentityKey.Parsed p = PpkIdentityKey.parse(data);
                if (p instanceof PpkIdentityKey.Parsed.Ok ok) {
                    assertThat(ok.value().encode()).isEqualTo(data);
                    assertThat(ok.value().confirmation()).hasSize(8);
                    assertThat(ok.value().id()).isNotEmpty();
                }
                if (PpkIdentityKey.parseIdentity(data) instanceof PpkIdentityKey.Parsed.Ok ok) {
                    assertThat(PpkIdentityKey.encodeId(ok.value().idType(), ok.value().id())).isEqualTo(data);
                }
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void theNotifiesBelongWhereRfc9867PutsThem() {
        assertThat(MessageRules.notifyBelongs(NotifyType.USE_PPK_INT, ExchangeType.IKE_SA_INIT, true)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.USE_PPK_INT, ExchangeType.IKE_SA_INIT, false)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.USE_PPK_INT, ExchangeType.IKE_AUTH, true)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY_KEY, ExchangeType.IKE_INTERMEDIATE, true)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY_KEY, ExchangeType.IKE_INTERMEDIATE, false)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY_KEY, ExchangeType.IKE_AUTH, true)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY, ExchangeType.IKE_INTERMEDIATE, false)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY, ExchangeType.IKE_AUTH, true)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY, ExchangeType.IKE_AUTH, false)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.PPK_IDENTITY, ExchangeType.IKE_INTERMEDIATE, true)).isFalse();
    }

    /**
     * IANA "IKEv2 Notify Message Status Types": USE_PPK_INT 16445 (RFC 9867 text: "Its Notify Message Type is 16445")
     * and PPK_IDENTITY_KEY 16446 (libreswan v5.4 ietf_constants.h), next to RFC 8784's 16435-16437.
     */
    @Test
    void notifyTypesHaveTheirIanaValues() {
        assertThat(NotifyType.USE_PPK_INT.value()).isEqualTo(16445);
        assertThat(NotifyType.PPK_IDENTITY_KEY.value()).isEqualTo(16446);
        assertThat(NotifyType.USE_PPK.value()).isEqualTo(16435);
        assertThat(NotifyType.PPK_IDENTITY.value()).isEqualTo(16436);
    }
}
