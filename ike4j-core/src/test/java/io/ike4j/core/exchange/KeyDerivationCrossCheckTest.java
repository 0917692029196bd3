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

/** The engine's key schedule agrees with the crypto package's RFC-vector-tested IkeKeyDerivation/AuthenticationOctets. */
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
        KeyDerivation.IkeKeyMaterial mine = KeyDerivation.ikeKeys(t, g.clone(), ni, nr, spiI, spiR);
        Prf prf = Prf.of(prfAlg);
        IkeSaKeys theirs = IkeKeyDerivation.initialIkeSaKeys(prf, ni, nr, g.clone(),
                ByteBuffer.allocate(8).putLong(spiI).array(), ByteBuffer.allocate(8).putLong(spiR).array(),
                IkeKeyLengths.of(prfAlg, encr, bits, integ));
        assertThat(mine.skD()).isEqualTo(theirs.skD());
        assertThat(mine.skAi()).isEqualTo(theirs.skAi());
        assertThat(mine.skAr()).isEqualTo(theirs.skAr());
        assertThat(mine.skEi()).isEqualTo(theirs.skEi());
        assertThat(mine.skEr()).isEqualTo(theirs.skEr());
        assertThat(mine.skPi()).isEqualTo(theirs.skPi());
        assertThat(mine.skPr()).isEqualTo(theirs.skPr());

        KeyDerivation.ChildKeyMaterial child = KeyDerivation.childKeys(prf, mine.skD(), new byte[0], ni, nr,
                EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128);
        ChildSaKeys tc = IkeKeyDerivation.childSaKeys(prf, mine.skD(), null, ni, nr, 32, 32);
        assertThat(child.initiatorToResponder().encryption()).isEqualTo(tc.encryptionInitiatorToResponder());
        assertThat(child.initiatorToResponder().integrity()).isEqualTo(tc.integrityInitiatorToResponder());
        assertThat(child.responderToInitiator().encryption()).isEqualTo(tc.encryptionResponderToInitiator());
        assertThat(child.responderToInitiator().integrity()).isEqualTo(tc.integrityResponderToInitiator());

        Identity id = Identity.of("moon.example.org");
        byte[] idBody = new byte[4 + id.data().length];
        idBody[0] = (byte) id.type();
        System.arraycopy(id.data(), 0, idBody, 4, id.data().length);
        byte[] message = new byte[100];
        r.nextBytes(message);
        byte[] octets = PskAuthUnit.signedOctets(prf, message, nr, mine.skPi(), id);
        assertThat(octets).isEqualTo(AuthenticationOctets.initiatorSignedOctets(prf, mine.skPi(), message, nr, idBody));
        byte[] psk = "secret".getBytes();
        assertThat(PskAuthUnit.compute(prf, psk, octets)).isEqualTo(AuthenticationOctets.pskAuth(prf, psk, octets));
    }
}
