package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.MlKemVectors.Vector;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ML-KEM against NIST's FIPS 203 ACVP vectors (usnistgov/ACVP-Server ML-KEM-encapDecap-FIPS203: encapsulation and
 * decapsulation, including an implicit-rejection case), run through the same {@link RandomSource} seam the exchange
 * code uses: the seed m (and d, z for key generation) is fed in as the "random" bytes. This pins both the JDK's
 * ML-KEM and the seed mapping of {@link MlKemKeyExchange}. Key generation is checked against NIST's final-FIPS-203
 * keyGen vectors (ek and dk byte for byte), see {@link #keyGenMatchesNistFips203Vectors()}.
 */
class MlKemKnownAnswerTest {

    private static byte[] sha3(byte[] in) throws Exception {
        return MessageDigest.getInstance("SHA3-256").digest(in);
    }

    /** FIPS 203 Algorithm 18 line 8: the implicit-rejection key J(z || c) = SHAKE256(z || c, 8 * 32). */
    private static byte[] implicitRejectionKey(byte[] z, byte[] c) throws Exception {
        // SHAKE256 is an XOF: the first 32 bytes of a 64-byte output are the 32-byte output.
        return Arrays.copyOf(MessageDigest.getInstance("SHAKE256-512").digest(Bytes.concat(z, c)), 32);
    }

    private static byte[] ekOf(MlKemParameterSet set, byte[] dk) {
        return Arrays.copyOfRange(dk, 384 * set.k(), 768 * set.k() + 32);
    }

    private static byte[] hekOf(MlKemParameterSet set, byte[] dk) {
        return Arrays.copyOfRange(dk, 768 * set.k() + 32, 768 * set.k() + 64);
    }

    private static byte[] zOf(MlKemParameterSet set, byte[] dk) {
        return Arrays.copyOfRange(dk, 768 * set.k() + 64, 768 * set.k() + 96);
    }

    /**
     * Key generation from seeds d and z against NIST's final-FIPS-203 keyGen answers (keygen.txt, ACVP-Server commit
     * a9496ad). Through the exchange's seam (d then z drawn from the RandomSource) the encapsulation key must equal
     * NIST's ek byte for byte; driving the JDK's KeyPairGenerator with the same d || z, the decapsulation key inside
     * its PKCS#8 encoding (expandedKey choice) must equal NIST's dk byte for byte. The seed mapping is also checked
     * against the standard's formulas: rho = G(d || k)[0:32] ends ek (Algorithm 13 lines 1 and 19), and a ciphertext
     * that fails re-encryption decapsulates to J(z || c) (Algorithm 18).
     */
    @Test
    void keyGenMatchesNistFips203Vectors() throws Exception {
        Set<MlKemParameterSet> covered = EnumSet.noneOf(MlKemParameterSet.class);
        for (Vector v : MlKemVectors.load("keygen.txt")) {
            MlKemParameterSet set = v.set();
            covered.add(set);
            byte[] d = v.hex("d");
            byte[] z = v.hex("z");
            byte[] nistDk = v.hex("dk");
            assertThat(nistDk).as("%s", v).hasSize(set.decapsulationKeyLength());
            byte[] nistEk = ekOf(set, nistDk);
            assertThat(sha3(nistEk)).as("%s vector integrity", v).isEqualTo(hekOf(set, nistDk));
            assertThat(zOf(set, nistDk)).as("%s vector integrity", v).isEqualTo(z);

            KeyExchange kx = KeyExchanges.initiate(set.method(), TestRandom.scripted(d, z));
            byte[] ek = kx.publicValue();
            assertThat(TestRandom.hex(ek)).as("%s ek", v).isEqualTo(TestRandom.hex(nistEk));

            KeyPairGenerator kpg = KeyPairGenerator.getInstance(set.jcaName());
            kpg.initialize(set.spec(), FixedSecureRandom.of(Bytes.concat(d, z)));
            byte[] pkcs8 = kpg.generateKeyPair().getPrivate().getEncoded();
            // PKCS#8 with the expandedKey choice: a fixed header, then dk as the innermost OCTET STRING's content.
            assertThat(pkcs8.length).as("%s PKCS#8 framing", v).isEqualTo(nistDk.length + 28);
            byte[] dk = Arrays.copyOfRange(pkcs8, pkcs8.length - nistDk.length, pkcs8.length);
            assertThat(TestRandom.hex(dk)).as("%s dk", v).isEqualTo(TestRandom.hex(nistDk));

            MessageDigest g = MessageDigest.getInstance("SHA3-512");
            g.update(d);
            g.update((byte) set.k());
            byte[] rho = Arrays.copyOf(g.digest(), 32);
            assertThat(Arrays.copyOfRange(ek, ek.length - 32, ek.length)).as("%s rho", v).isEqualTo(rho);

            KeyExchangeResponse r = KeyExchanges.respond(set.method(), ek, TestRandom.seeded(v.hashCode()));
            assertThat(kx.sharedSecret(r.publicValue())).isEqualTo(r.sharedSecret());
            KeyExchange nist = MlKemKeyExchange.fromDecapsulationKey(set, nistDk, CryptoProvider.jca());
            assertThat(nist.sharedSecret(r.publicValue())).as("%s NIST dk decapsulates", v)
                    .isEqualTo(r.sharedSecret());
            byte[] tampered = r.publicValue();
            tampered[0] ^= 1;
            assertThat(TestRandom.hex(kx.sharedSecret(tampered))).as("%s implicit rejection", v)
                    .isEqualTo(TestRandom.hex(implicitRejectionKey(z, tampered)));
        }
        assertThat(covered).containsExactlyInAnyOrder(MlKemParameterSet.values());
    }

    @Test
    void encapsulationWithSeedMAndDecapsulation() throws Exception {
        List<Vector> vectors = MlKemVectors.load("encap.txt");
        Set<MlKemParameterSet> covered = EnumSet.noneOf(MlKemParameterSet.class);
        for (Vector v : vectors) {
            MlKemParameterSet set = v.set();
            covered.add(set);
            byte[] dk = v.hex("dk");
            byte[] ek = ekOf(set, dk);
            assertThat(sha3(ek)).as("%s vector integrity", v).isEqualTo(hekOf(set, dk));

            KeyExchangeResponse r = KeyExchanges.respond(set.method(), ek, TestRandom.scripted(v.hex("m")));
            assertThat(TestRandom.hex(r.publicValue())).as("%s c", v).isEqualToIgnoringCase(v.get("c"));
            assertThat(TestRandom.hex(r.sharedSecret())).as("%s K", v).isEqualToIgnoringCase(v.get("k"));

            KeyExchange initiator = MlKemKeyExchange.fromDecapsulationKey(set, dk, CryptoProvider.jca());
            assertThat(initiator.publicValue()).isEqualTo(ek);
            assertThat(TestRandom.hex(initiator.sharedSecret(v.hex("c")))).as("%s decaps", v)
                    .isEqualToIgnoringCase(v.get("k"));
            byte[] tampered = v.hex("c");
            tampered[tampered.length - 1] ^= (byte) 0x80;
            assertThat(initiator.sharedSecret(tampered)).as("%s implicit rejection", v)
                    .isEqualTo(implicitRejectionKey(zOf(set, dk), tampered));
        }
        assertThat(covered).containsExactlyInAnyOrder(MlKemParameterSet.values());
    }

    @Test
    void decapsulationIncludingNistsImplicitRejectionCase() throws Exception {
        List<Vector> vectors = MlKemVectors.load("decap.txt");
        boolean sawRejection = false;
        for (Vector v : vectors) {
            MlKemParameterSet set = v.set();
            byte[] dk = v.hex("dk");
            KeyExchange initiator = MlKemKeyExchange.fromDecapsulationKey(set, dk, CryptoProvider.jca());
            byte[] c = v.hex("c");
            assertThat(TestRandom.hex(initiator.sharedSecret(c))).as("%s", v).isEqualToIgnoringCase(v.get("k"));
            boolean rejected = Boolean.parseBoolean(v.get("rejected"));
            sawRejection |= rejected;
            assertThat(Arrays.equals(v.hex("k"), implicitRejectionKey(zOf(set, dk), c))).as("%s", v)
                    .isEqualTo(rejected);
        }
        assertThat(sawRejection).isTrue();
    }
}
