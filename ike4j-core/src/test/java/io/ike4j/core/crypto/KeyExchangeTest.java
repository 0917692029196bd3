package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.TestRandom.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.crypto.KeyExchangeException.Reason;
import io.ike4j.core.proposal.KeyExchangeMethod;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Key exchange: RFC 7748 and RFC 5903 known answers, agreement for every group, rejection of bad values. */
class KeyExchangeTest {

    // ---- RFC 7748 ----

    /** RFC 7748 5.2: X25519/X448 of a scalar and a u-coordinate (the scalar injected as the private key). */
    private static void xdh(KeyExchangeMethod m, String scalar, String u, String out) throws Exception {
        KeyExchange kx = KeyExchanges.initiate(m, TestRandom.scripted(hex(scalar)));
        assertThat(TestRandom.hex(kx.sharedSecret(hex(u)))).isEqualTo(out);
    }

    @Test
    void rfc7748Section5_2() throws Exception {
        xdh(KeyExchangeMethod.CURVE25519, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        // The u-coordinate has its top bit set: it must be masked (RFC 7748 5).
        xdh(KeyExchangeMethod.CURVE25519, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
        xdh(KeyExchangeMethod.CURVE448,
                "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
                "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
                "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f");
        xdh(KeyExchangeMethod.CURVE448,
                "203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
                "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
                "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d");
    }

    private static void dhVector(KeyExchangeMethod m, String a, String aPub, String b, String bPub, String shared)
            throws Exception {
        KeyExchange alice = KeyExchanges.initiate(m, TestRandom.scripted(hex(a)));
        assertThat(TestRandom.hex(alice.publicValue())).isEqualTo(aPub);
        KeyExchangeResponse bob = KeyExchanges.respond(m, alice.publicValue(), TestRandom.scripted(hex(b)));
        assertThat(TestRandom.hex(bob.publicValue())).isEqualTo(bPub);
        assertThat(TestRandom.hex(bob.sharedSecret())).isEqualTo(shared);
        assertThat(TestRandom.hex(alice.sharedSecret(hex(bPub)))).isEqualTo(shared);
    }

    @Test
    void rfc7748Section6_1X25519() throws Exception {
        dhVector(KeyExchangeMethod.CURVE25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void rfc7748Section6_2X448() throws Exception {
        dhVector(KeyExchangeMethod.CURVE448,
                "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
                "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
                "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
                "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
    }

    // ---- RFC 5903 section 8 ----

    /** The random bytes EcpGroup turns into scalar d: (d - 1) as fieldLength + 8 big-endian bytes. */
    private static byte[] scalarInput(String d, int fieldLength) {
        BigInteger v = new BigInteger(d, 16).subtract(BigInteger.ONE);
        return Bytes.unsignedFixed(v, fieldLength + 8);
    }

    private static void ecpVector(KeyExchangeMethod m, int fieldLength, String i, String gix, String giy, String r,
            String grx, String gry, String girx) throws Exception {
        dhVector(m, TestRandom.hex(scalarInput(i, fieldLength)), (gix + giy).toLowerCase(),
                TestRandom.hex(scalarInput(r, fieldLength)), (grx + gry).toLowerCase(), girx.toLowerCase());
    }

    @Test
    void rfc5903Section8_1Ecp256() throws Exception {
        ecpVector(KeyExchangeMethod.ECP_256, 32,
                "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
                "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180",
                "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3",
                "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53",
                "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63",
                "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
                "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE");
    }

    @Test
    void rfc5903Section8_2Ecp384() throws Exception {
        ecpVector(KeyExchangeMethod.ECP_384, 48,
                "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194",
                "667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA",
                "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C",
                "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC",
                "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571",
                "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C",
                "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746");
    }

    @Test
    void rfc5903Section8_3Ecp521() throws Exception {
        ecpVector(KeyExchangeMethod.ECP_521, 66,
                "0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777"
                        + "F5957B2639BAB072462F68C27A57382D4A52",
                "0015417E84DBF28C0AD3C278713349DC7DF153C897A1891BD98BAB4357C9ECBEE1E3BF42E00B8E380AEAE57C2D107564"
                        + "941885942AF5A7F4601723C4195D176CED3E",
                "017CAE20B6641D2EEB695786D8C946146239D099E18E1D5A514C739D7CB4A10AD8A788015AC405D7799DC75E7B7D5B6C"
                        + "F2261A6A7F1507438BF01BEB6CA3926F9582",
                "0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2"
                        + "F869CCA7458AA4A4EFFC311F5CB151685EB9",
                "00D0B3975AC4B799F5BEA16D5E13E9AF971D5E9B984C9F39728B5E5739735A219B97C356436ADC6E95BB0352F6BE64A6"
                        + "C2912D4EF2D0433CED2B6171640012D9460F",
                "015C68226383956E3BD066E797B623C27CE0EAC2F551A10C2C724D9852077B87220B6536C5C408A1D2AEBB8E86D678AE"
                        + "49CB57091F4732296579AB44FCD17F0FC56A",
                "01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06"
                        + "B3C715A3A8CC3151F2BEE417996D19F3DDEA");
    }

    // ---- every group ----

    @Test
    void bothSidesAgreeForEverySupportedGroup() throws Exception {
        long seed = 1;
        for (KeyExchangeMethod m : KeyExchanges.supported()) {
            for (int round = 0; round < 3; round++) {
                KeyExchange initiator = KeyExchanges.initiate(m, TestRandom.seeded(seed++));
                assertThat(initiator.method()).isEqualTo(m);
                assertThat(initiator.publicValue()).hasSize(m.publicValueLength());
                KeyExchangeResponse responder =
                        KeyExchanges.respond(m, initiator.publicValue(), TestRandom.seeded(seed++));
                assertThat(responder.publicValue()).hasSize(m.publicValueLength());
                byte[] secret = initiator.sharedSecret(responder.publicValue());
                assertThat(secret).as("%s", m).isEqualTo(responder.sharedSecret());
                assertThat(Bytes.allZero(secret)).isFalse();
            }
        }
        assertThat(KeyExchanges.supported()).containsExactlyInAnyOrder(KeyExchangeMethod.MODP_2048,
                KeyExchangeMethod.MODP_3072, KeyExchangeMethod.MODP_4096, KeyExchangeMethod.ECP_256,
                KeyExchangeMethod.ECP_384, KeyExchangeMethod.ECP_521, KeyExchangeMethod.CURVE25519,
                KeyExchangeMethod.CURVE448);
    }

    @Test
    void sameRandomnessGivesTheSameKeys() throws Exception {
        for (KeyExchangeMethod m : KeyExchanges.supported()) {
            byte[] a = KeyExchanges.initiate(m, TestRandom.seeded(42)).publicValue();
            byte[] b = KeyExchanges.initiate(m, TestRandom.seeded(42)).publicValue();
            byte[] c = KeyExchanges.initiate(m, TestRandom.seeded(43)).publicValue();
            assertThat(a).as("%s", m).isEqualTo(b).isNotEqualTo(c);
        }
    }

    @Test
    void modpPublicValueIsTwoToTheExponentPaddedToTheModulus() throws Exception {
        byte[] exponent = new byte[ModpGroup.EXPONENT_BYTES];
        exponent[63] = 5; // x = 5: g^x = 32, which shows the left-padding
        KeyExchange kx = KeyExchanges.initiate(KeyExchangeMethod.MODP_2048, TestRandom.scripted(exponent));
        byte[] expected = new byte[256];
        expected[255] = 32;
        assertThat(kx.publicValue()).isEqualTo(expected);
    }

    @Test
    void modpPrimesAreTheRfc3526Formula() {
        // RFC 3526: p = 2^n - 2^(n-64) - 1 + 2^64 * ( [2^(n-130) pi] + k ), computed here from pi independently.
        int[] bits = {2048, 3072, 4096};
        long[] k = {124476, 1690314, 240904};
        String[] hexes = {ModpPrimes.MODP_2048, ModpPrimes.MODP_3072, ModpPrimes.MODP_4096};
        for (int i = 0; i < 3; i++) {
            int n = bits[i];
            BigInteger two = BigInteger.TWO;
            BigInteger p = two.pow(n).subtract(two.pow(n - 64)).subtract(BigInteger.ONE)
                    .add(two.pow(64).multiply(floorPiTimesPowerOfTwo(n - 130).add(BigInteger.valueOf(k[i]))));
            assertThat(new BigInteger(hexes[i], 16)).isEqualTo(p);
        }
    }

    private static BigInteger floorPiTimesPowerOfTwo(int e) {
        int bits = e + 64; // Machin: pi = 16 atan(1/5) - 4 atan(1/239), fixed point with guard bits
        BigInteger pi = atanInverse(5, bits).shiftLeft(4).subtract(atanInverse(239, bits).shiftLeft(2));
        return pi.shiftRight(64);
    }

    private static BigInteger atanInverse(int x, int bits) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger x2 = bx.multiply(bx);
        BigInteger term = BigInteger.ONE.shiftLeft(bits).divide(bx);
        BigInteger sum = term;
        for (int n = 1; term.signum() != 0; n++) {
            term = term.divide(x2);
            BigInteger t = term.divide(BigInteger.valueOf(2L * n + 1));
            sum = n % 2 == 1 ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    // ---- rejection ----

    private static Reason reasonOf(KeyExchange kx, byte[] peer) {
        try {
            kx.sharedSecret(peer);
            return null;
        } catch (KeyExchangeException e) {
            return e.reason();
        }
    }

    @Test
    void wrongLengthsAreRejectedForEveryGroup() throws Exception {
        for (KeyExchangeMethod m : KeyExchanges.supported()) {
            KeyExchange kx = KeyExchanges.initiate(m, TestRandom.seeded(7));
            byte[] good = KeyExchanges.initiate(m, TestRandom.seeded(8)).publicValue();
            assertThat(reasonOf(kx, Arrays.copyOf(good, good.length - 1))).isEqualTo(Reason.INVALID_LENGTH);
            assertThat(reasonOf(kx, Arrays.copyOf(good, good.length + 1))).isEqualTo(Reason.INVALID_LENGTH);
            assertThat(reasonOf(kx, new byte[0])).isEqualTo(Reason.INVALID_LENGTH);
            assertThat(reasonOf(kx, null)).isEqualTo(Reason.INVALID_LENGTH);
            assertThatThrownBy(() -> KeyExchanges.respond(m, Arrays.copyOf(good, 3), TestRandom.seeded(1)))
                    .isInstanceOfSatisfying(KeyExchangeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LENGTH));
            assertThat(Reason.INVALID_LENGTH.isSyntaxError()).isTrue();
        }
    }

    @Test
    void modpValuesOutsideOneToPMinusOneAreRejected() throws Exception {
        for (KeyExchangeMethod m : new KeyExchangeMethod[] {KeyExchangeMethod.MODP_2048, KeyExchangeMethod.MODP_3072,
                KeyExchangeMethod.MODP_4096}) {
            int len = m.publicValueLength();
            BigInteger p = switch (m) {
                case MODP_2048 -> new BigInteger(ModpPrimes.MODP_2048, 16);
                case MODP_3072 -> new BigInteger(ModpPrimes.MODP_3072, 16);
                default -> new BigInteger(ModpPrimes.MODP_4096, 16);
            };
            KeyExchange kx = KeyExchanges.initiate(m, TestRandom.seeded(9));
            for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                    BigInteger.TWO.pow(len * 8).subtract(BigInteger.ONE)}) {
                assertThat(reasonOf(kx, Bytes.unsignedFixed(bad, len))).as("%s %s", m, bad.bitLength())
                        .isEqualTo(Reason.INVALID_PUBLIC_VALUE);
            }
            assertThat(reasonOf(kx, Bytes.unsignedFixed(BigInteger.TWO, len))).isNull();
        }
    }

    @Test
    void ecpPointsOffTheCurveOrOutOfRangeAreRejected() throws Exception {
        for (KeyExchangeMethod m : new KeyExchangeMethod[] {KeyExchangeMethod.ECP_256, KeyExchangeMethod.ECP_384,
                KeyExchangeMethod.ECP_521}) {
            KeyExchange kx = KeyExchanges.initiate(m, TestRandom.seeded(10));
            byte[] good = KeyExchanges.initiate(m, TestRandom.seeded(11)).publicValue();
            assertThat(reasonOf(kx, good)).isNull();
            byte[] offCurve = good.clone();
            offCurve[offCurve.length - 1] ^= 1;
            assertThat(reasonOf(kx, offCurve)).isEqualTo(Reason.INVALID_PUBLIC_VALUE);
            byte[] allOnes = new byte[good.length];
            Arrays.fill(allOnes, (byte) 0xff);
            assertThat(reasonOf(kx, allOnes)).isEqualTo(Reason.INVALID_PUBLIC_VALUE);
            assertThat(reasonOf(kx, new byte[good.length])).isEqualTo(Reason.INVALID_PUBLIC_VALUE);
            assertThatThrownBy(() -> KeyExchanges.respond(m, offCurve, TestRandom.seeded(1)))
                    .isInstanceOf(KeyExchangeException.class);
        }
    }

    @Test
    void curvePointsGivingAZeroSecretAreRejected() throws Exception {
        BigInteger p25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        for (KeyExchangeMethod m : new KeyExchangeMethod[] {KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448}) {
            KeyExchange kx = KeyExchanges.initiate(m, TestRandom.seeded(12));
            int len = m.publicValueLength();
            assertThat(reasonOf(kx, new byte[len])).isEqualTo(Reason.INVALID_SHARED_SECRET);
            assertThatThrownBy(() -> KeyExchanges.respond(m, new byte[len], TestRandom.seeded(1)))
                    .isInstanceOfSatisfying(KeyExchangeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SHARED_SECRET));
        }
        // u = p is a non-canonical encoding of 0 (RFC 7748 5: reduce mod p).
        KeyExchange kx = KeyExchanges.initiate(KeyExchangeMethod.CURVE25519, TestRandom.seeded(13));
        assertThat(reasonOf(kx, Bytes.reverse(Bytes.unsignedFixed(p25519, 32)))).isEqualTo(Reason.INVALID_SHARED_SECRET);
        // u = 1 has order 4 on Curve25519: the clamped scalar (a multiple of 8) sends it to zero.
        byte[] one = new byte[32];
        one[0] = 1;
        assertThat(reasonOf(kx, one)).isEqualTo(Reason.INVALID_SHARED_SECRET);
    }

    @Test
    void unsupportedMethodsAndDestroyedExchanges() throws Exception {
        for (KeyExchangeMethod m : new KeyExchangeMethod[] {KeyExchangeMethod.MODP_1024, KeyExchangeMethod.ML_KEM_768,
                KeyExchangeMethod.NONE, KeyExchangeMethod.BRAINPOOL_P256R1}) {
            assertThat(KeyExchanges.isSupported(m)).isFalse();
            assertThatThrownBy(() -> KeyExchanges.initiate(m, TestRandom.seeded(1)))
                    .isInstanceOfSatisfying(KeyExchangeException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_METHOD);
                        assertThat(e.reason().isSyntaxError()).isFalse();
                    });
            assertThatThrownBy(() -> KeyExchanges.respond(m, new byte[32], TestRandom.seeded(1)))
                    .isInstanceOf(KeyExchangeException.class);
        }
        KeyExchange kx = KeyExchanges.initiate(KeyExchangeMethod.CURVE25519, TestRandom.seeded(1));
        byte[] peer = KeyExchanges.initiate(KeyExchangeMethod.CURVE25519, TestRandom.seeded(2)).publicValue();
        kx.destroy();
        assertThat(reasonOf(kx, peer)).isEqualTo(Reason.DESTROYED);
        assertThat(kx.toString()).contains("destroyed");
        KeyExchangeResponse r = KeyExchanges.respond(KeyExchangeMethod.CURVE25519, peer, TestRandom.seeded(3));
        r.destroy();
        assertThat(Bytes.allZero(r.sharedSecret())).isTrue();
    }
}
