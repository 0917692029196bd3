package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.crypto.KeyExchangeException.Reason;
import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ML-KEM as a key exchange: agreement, lengths per direction, FIPS 203 input checks, destruction, garbage. */
class MlKemKeyExchangeTest {

    private static final MlKemParameterSet[] SETS = MlKemParameterSet.values();

    private static Reason respondReason(MlKemParameterSet set, byte[] ek) {
        try {
            KeyExchanges.respond(set.method(), ek, TestRandom.seeded(1));
            return null;
        } catch (KeyExchangeException e) {
            return e.reason();
        }
    }

    private static Reason decapsulateReason(KeyExchange kx, byte[] c) {
        try {
            kx.sharedSecret(c);
            return null;
        } catch (KeyExchangeException e) {
            return e.reason();
        }
    }

    /** Sets the 12-bit coefficient {@code index} of ek's ByteEncode12 part (FIPS 203 Algorithm 5). */
    private static byte[] withCoefficient(byte[] ek, int index, int value) {
        byte[] out = ek.clone();
        int off = index / 2 * 3;
        if (index % 2 == 0) {
            out[off] = (byte) value;
            out[off + 1] = (byte) (out[off + 1] & 0xf0 | value >>> 8);
        } else {
            out[off + 1] = (byte) (out[off + 1] & 0x0f | (value & 0x0f) << 4);
            out[off + 2] = (byte) (value >>> 4);
        }
        return out;
    }

    @Test
    void parameterSetsAndLengthsPerDirection() {
        int[][] expected = {{35, 800, 768, 1632}, {36, 1184, 1088, 2400}, {37, 1568, 1568, 3168}};
        for (int i = 0; i < SETS.length; i++) {
            MlKemParameterSet s = SETS[i];
            assertThat(s.method().value()).isEqualTo(expected[i][0]);
            assertThat(s.encapsulationKeyLength()).isEqualTo(expected[i][1]);
            assertThat(s.ciphertextLength()).isEqualTo(expected[i][2]);
            assertThat(s.decapsulationKeyLength()).isEqualTo(expected[i][3]);
            assertThat(MlKemParameterSet.of(s.method())).contains(s);
            assertThat(KeyExchangeLengths.isKem(s.method())).isTrue();
            assertThat(KeyExchangeLengths.initiatorLength(s.method())).isEqualTo(expected[i][1]);
            assertThat(KeyExchangeLengths.responderLength(s.method())).isEqualTo(expected[i][2]);
            assertThat(KeyExchanges.isSupported(s.method())).isTrue();
        }
        assertThat(MlKemParameterSet.of(KeyExchangeMethod.CURVE25519)).isEmpty();
        assertThat(MlKemParameterSet.of(null)).isEmpty();
        assertThat(KeyExchangeLengths.isKem(KeyExchangeMethod.ECP_256)).isFalse();
        assertThat(KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ECP_256)).isEqualTo(64);
        assertThat(KeyExchangeLengths.responderLength(KeyExchangeMethod.MODP_2048)).isEqualTo(256);
    }

    @Test
    void bothSidesAgreeForEveryParameterSet() throws Exception {
        long seed = 100;
        for (MlKemParameterSet s : SETS) {
            for (int round = 0; round < 3; round++) {
                KeyExchange initiator = KeyExchanges.initiate(s.method(), TestRandom.seeded(seed++));
                assertThat(initiator.method()).isEqualTo(s.method());
                assertThat(initiator.publicValue()).hasSize(s.encapsulationKeyLength());
                KeyExchangeResponse responder =
                        KeyExchanges.respond(s.method(), initiator.publicValue(), TestRandom.seeded(seed++));
                assertThat(responder.method()).isEqualTo(s.method());
                assertThat(responder.publicValue()).hasSize(s.ciphertextLength());
                assertThat(responder.sharedSecret()).hasSize(32);
                assertThat(initiator.sharedSecret(responder.publicValue())).isEqualTo(responder.sharedSecret());
                assertThat(initiator.toString()).doesNotContain(TestRandom.hex(initiator.publicValue()));
            }
        }
    }

    @Test
    void deterministicFromTheRandomSource() throws Exception {
        for (MlKemParameterSet s : SETS) {
            KeyExchange a = KeyExchanges.initiate(s.method(), TestRandom.seeded(5));
            KeyExchange b = KeyExchanges.initiate(s.method(), TestRandom.seeded(5));
            KeyExchange c = KeyExchanges.initiate(s.method(), TestRandom.seeded(6));
            assertThat(a.publicValue()).isEqualTo(b.publicValue()).isNotEqualTo(c.publicValue());
            KeyExchangeResponse r1 = KeyExchanges.respond(s.method(), a.publicValue(), TestRandom.seeded(7));
            KeyExchangeResponse r2 = KeyExchanges.respond(s.method(), a.publicValue(), TestRandom.seeded(7));
            KeyExchangeResponse r3 = KeyExchanges.respond(s.method(), a.publicValue(), TestRandom.seeded(8));
            assertThat(r1.publicValue()).isEqualTo(r2.publicValue()).isNotEqualTo(r3.publicValue());
            assertThat(r1.sharedSecret()).isEqualTo(r2.sharedSecret()).isNotEqualTo(r3.sharedSecret());
            // Exactly d then z (key generation) and m (encapsulation) are drawn: 32-byte requests only.
            byte[] d = new byte[32];
            byte[] z = new byte[32];
            Arrays.fill(d, (byte) 1);
            Arrays.fill(z, (byte) 2);
            byte[] ek = KeyExchanges.initiate(s.method(), TestRandom.scripted(d, z)).publicValue();
            assertThat(ek).isEqualTo(KeyExchanges.initiate(s.method(), TestRandom.scripted(d, z)).publicValue());
        }
    }

    @Test
    void wrongLengthsAreTypedErrorsInBothDirections() throws Exception {
        for (MlKemParameterSet s : SETS) {
            KeyExchange kx = KeyExchanges.initiate(s.method(), TestRandom.seeded(9));
            byte[] ek = kx.publicValue();
            byte[] c = KeyExchanges.respond(s.method(), ek, TestRandom.seeded(10)).publicValue();
            for (byte[] bad : new byte[][] {null, new byte[0], Arrays.copyOf(ek, ek.length - 1),
                    Arrays.copyOf(ek, ek.length + 1), c.length == ek.length ? new byte[1] : c}) {
                assertThat(respondReason(s, bad)).as("%s ek %s", s, bad == null ? null : bad.length)
                        .isEqualTo(Reason.INVALID_LENGTH);
            }
            for (byte[] bad : new byte[][] {null, new byte[0], Arrays.copyOf(c, c.length - 1),
                    Arrays.copyOf(c, c.length + 1), c.length == ek.length ? new byte[2] : ek}) {
                assertThat(decapsulateReason(kx, bad)).as("%s c %s", s, bad == null ? null : bad.length)
                        .isEqualTo(Reason.INVALID_LENGTH);
            }
            assertThat(decapsulateReason(kx, c)).isNull();
        }
        assertThat(Reason.INVALID_LENGTH.isSyntaxError()).isTrue();
    }

    @Test
    void encapsulationKeysFailingTheModulusCheckAreRejected() throws Exception {
        for (MlKemParameterSet s : SETS) {
            byte[] ek = KeyExchanges.initiate(s.method(), TestRandom.seeded(11)).publicValue();
            int last = 256 * s.k() - 1;
            for (int index : new int[] {0, 1, 2, 3, 255, 256, last - 1, last}) {
                assertThat(respondReason(s, withCoefficient(ek, index, 3328))).as("%s %d = q-1", s, index).isNull();
                assertThat(respondReason(s, withCoefficient(ek, index, 0))).as("%s %d = 0", s, index).isNull();
                for (int bad : new int[] {3329, 3330, 4095}) {
                    assertThat(respondReason(s, withCoefficient(ek, index, bad))).as("%s %d = %d", s, index, bad)
                            .isEqualTo(Reason.INVALID_PUBLIC_VALUE);
                }
            }
            // rho (the last 32 bytes) is a seed, not coefficients: any value is fine.
            byte[] rhoOnes = ek.clone();
            Arrays.fill(rhoOnes, 384 * s.k(), rhoOnes.length, (byte) 0xff);
            assertThat(respondReason(s, rhoOnes)).isNull();
            byte[] allOnes = new byte[ek.length];
            Arrays.fill(allOnes, (byte) 0xff);
            assertThat(respondReason(s, allOnes)).isEqualTo(Reason.INVALID_PUBLIC_VALUE);
        }
        assertThat(Reason.INVALID_PUBLIC_VALUE.isSyntaxError()).isTrue(); // ikev2-mlkem 2.2: INVALID_SYNTAX
    }

    /**
     * What the JDK itself does with an encapsulation key failing the modulus check (documented, not relied on):
     * the KeyFactory accepts the X.509 encoding, and the encapsulator refuses it with InvalidKeyException
     * ("Coefficients in public key not in specified range"). Our own check runs first regardless.
     */
    @Test
    void theJdkAlsoRefusesOutOfRangeCoefficientsButOnlyAtEncapsulation() throws Exception {
        MlKemParameterSet s = MlKemParameterSet.ML_KEM_768;
        byte[] ek = withCoefficient(KeyExchanges.initiate(s.method(), TestRandom.seeded(12)).publicValue(), 0, 4095);
        PublicKey key = MlKemKeys.publicKey(CryptoProvider.jca(), s, ek);
        assertThat(MlKemKeys.rawEncapsulationKey(s, key)).isEqualTo(ek);
        assertThatThrownBy(() -> CryptoProvider.jca().kem(s.jcaName()).newEncapsulator(key).encapsulate())
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void tamperedCiphertextsDecapsulateToAnUnrelatedKey() throws Exception {
        for (MlKemParameterSet s : SETS) {
            KeyExchange kx = KeyExchanges.initiate(s.method(), TestRandom.seeded(13));
            KeyExchangeResponse r = KeyExchanges.respond(s.method(), kx.publicValue(), TestRandom.seeded(14));
            byte[] c = r.publicValue();
            c[c.length / 2] ^= 0x10;
            byte[] rejected = kx.sharedSecret(c);
            assertThat(rejected).hasSize(32).isNotEqualTo(r.sharedSecret());
            assertThat(kx.sharedSecret(c)).isEqualTo(rejected); // implicit rejection is deterministic
        }
    }

    @Test
    void destroyedExchangesRefuseToDecapsulate() throws Exception {
        for (MlKemParameterSet s : SETS) {
            KeyExchange kx = KeyExchanges.initiate(s.method(), TestRandom.seeded(15));
            KeyExchangeResponse r = KeyExchanges.respond(s.method(), kx.publicValue(), TestRandom.seeded(16));
            kx.destroy();
            kx.destroy();
            assertThat(decapsulateReason(kx, r.publicValue())).isEqualTo(Reason.DESTROYED);
            assertThat(Reason.DESTROYED.isSyntaxError()).isFalse();
            assertThat(kx.toString()).contains("destroyed");
            assertThat(kx.publicValue()).hasSize(s.encapsulationKeyLength()); // the public half stays readable
            byte[] secret = r.sharedSecret();
            r.destroy();
            assertThat(r.sharedSecret()).isNotEqualTo(secret).containsOnly(0);
        }
    }

    @Test
    void seededGarbageNeverThrowsAnythingButTypedErrors() throws Exception {
        Random random = new Random(2024);
        for (MlKemParameterSet s : SETS) {
            KeyExchange kx = KeyExchanges.initiate(s.method(), TestRandom.seeded(17));
            int[] lengths = {0, 1, 31, 32, s.ciphertextLength() - 1, s.ciphertextLength(), s.ciphertextLength() + 1,
                    s.encapsulationKeyLength(), 4000};
            for (int i = 0; i < 60; i++) {
                byte[] garbage = new byte[lengths[i % lengths.length]];
                random.nextBytes(garbage);
                try {
                    KeyExchangeResponse r = KeyExchanges.respond(s.method(), garbage, TestRandom.seeded(i));
                    assertThat(r.publicValue()).hasSize(s.ciphertextLength()); // only for keys passing the checks
                } catch (KeyExchangeException e) {
                    assertThat(e.reason().isSyntaxError()).isTrue();
                }
                try {
                    assertThat(kx.sharedSecret(garbage)).hasSize(32); // right-length garbage: implicit rejection
                    assertThat(garbage).hasSize(s.ciphertextLength());
                } catch (KeyExchangeException e) {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_LENGTH);
                }
            }
            // Random coefficients reduced mod q make a well-formed key: encapsulation succeeds.
            byte[] ek = new byte[s.encapsulationKeyLength()];
            random.nextBytes(ek);
            for (int index = 0; index < 256 * s.k(); index++) {
                ek = withCoefficient(ek, index, random.nextInt(MlKemParameterSet.Q));
            }
            assertThat(respondReason(s, ek)).isNull();
        }
    }
}
