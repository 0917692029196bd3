package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.AuthenticationOctets;
import io.ike4j.core.crypto.ChildSaKeys;
import io.ike4j.core.crypto.IkeKeyDerivation;
import io.ike4j.core.crypto.IkeKeyLengths;
import io.ike4j.core.crypto.IkeSaKeys;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.sa.IkeTransforms;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine derives keys with the crypto package's RFC-vector-tested IkeKeyDerivation/AuthenticationOctets. */
class KeyDerivationCrossCheckTest {

    @ParameterizedTest
    @CsvSource({"HMAC_SHA1, AES_CBC, 128, HMAC_SHA1_96", "HMAC_SHA2_256, AES_GCM_16, 256, NONE",
        "HMAC_SHA2_384, AES_CBC, 256, HMAC_SHA2_384_192", "HMAC_SHA2_512, CHACHA20_POLY1305, 0, NONE"})
    void sameKeysAsCryptoPackage(PrfAlgorithm prfAlg, EncryptionAlgorithm encr, int bits, IntegrityAlgorithm integ) throws Exception {
        Random r = new Random(prfAlg.ordinal());
        byte[] ni = new byte[32], nr = new byte[32], g = new byte[256];
        r.nextBytes(ni);
        r.nextBytes(nr);
        r.nextBytes(g);
        long spiI = r.nextLong(), spiR = r.nextLong();
        IkeTransforms t = new IkeTransforms(encr, bits, integ, prfAlg, KeyExchangeMethod.MODP_2048);
        Prf prf = Prf.of(prfAlg);
        // the engine's key schedule is the crypto package's; its lengths follow the suite (SK_a empty with AEAD)
        IkeKeyLengths lengths = KeysUnit.lengths(t);
        assertThat(lengths).isEqualTo(IkeKeyLengths.of(prfAlg, encr, bits, integ));
        assertThat(lengths.integrity()).isEqualTo(encr.isAead() ? 0 : integ.keyLength());
        IkeSaKeys theirs = IkeKeyDerivation.initialIkeSaKeys(prf, ni, nr, g.clone(), KeysUnit.spiBytes(spiI),
                KeysUnit.spiBytes(spiR), lengths);
        assertThat(theirs.skD()).hasSize(prfAlg.outputLength());
        assertThat(theirs.skPi()).hasSize(prfAlg.outputLength()).isNotEqualTo(theirs.skPr());
        assertThat(KeysUnit.spiBytes(spiI)).isEqualTo(ByteBuffer.allocate(8).putLong(spiI).array());

        ChildSaKeys tc = IkeKeyDerivation.childSaKeys(prf, theirs.skD(), new byte[0], ni, nr, 32, 32);
        ChildSaKeys tcNull = IkeKeyDerivation.childSaKeys(prf, theirs.skD(), null, ni, nr, 32, 32);
        assertThat(tc.encryptionInitiatorToResponder()).isEqualTo(tcNull.encryptionInitiatorToResponder());
        assertThat(tc.integrityResponderToInitiator()).isEqualTo(tcNull.integrityResponderToInitiator());

        Identity id = Identity.of("moon.example.org");
        byte[] idBody = new byte[4 + id.data().length];
        idBody[0] = (byte) id.concreteType().value();
        System.arraycopy(id.data(), 0, idBody, 4, id.data().length);
        byte[] message = new byte[100];
        r.nextBytes(message);
        byte[] octets = PskAuthUnit.signedOctets(prf, message, nr, theirs.skPi(), id);
        assertThat(octets).isEqualTo(AuthenticationOctets.initiatorSignedOctets(prf, theirs.skPi(), message, nr, idBody));
        byte[] psk = "secret".getBytes();
        assertThat(PskAuthUnit.compute(prf, psk, octets)).isEqualTo(AuthenticationOctets.pskAuth(prf, psk, octets));
    }
}
