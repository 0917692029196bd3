package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KEM;
import javax.crypto.SecretKey;
import javax.security.auth.Destroyable;

/**
 * ML-KEM (FIPS 203) as an IKEv2 key exchange (draft-ietf-ipsecme-ikev2-mlkem; RFC 9370 additional key exchanges),
 * on the JDK's KEM API. The initiator generates a key pair and sends the encapsulation key; the responder checks it
 * (FIPS 203 7.2), encapsulates and sends the ciphertext; the initiator checks the ciphertext length (FIPS 203 7.3)
 * and decapsulates. A tampered ciphertext of the right length is not an error: decapsulation implicitly rejects it
 * by returning J(z || c), a key the responder does not have, and the exchange fails at authentication.
 *
 * <p>Randomness: key generation draws d then z (32 bytes each, FIPS 203 Algorithm 19) and encapsulation draws m
 * (32 bytes, Algorithm 20) from the injected {@link RandomSource}; they reach the JDK through a
 * {@link FixedSecureRandom} that must be consumed exactly, so the same RandomSource output gives the same keys
 * (NIST's ACVP vectors pin this mapping in the tests).
 */
final class MlKemKeyExchange implements KeyExchange {

    private final MlKemParameterSet set;
    private final CryptoProvider provider;
    private final byte[] encapsulationKey;
    private PrivateKey decapsulationKey;

    private MlKemKeyExchange(MlKemParameterSet set, CryptoProvider provider, byte[] ek, PrivateKey dk) {
        this.set = set;
        this.provider = provider;
        this.encapsulationKey = ek;
        this.decapsulationKey = dk;
    }

    /** ML-KEM.KeyGen with seeds d, z from {@code random} (FIPS 203 Algorithm 19). */
    static MlKemKeyExchange generate(MlKemParameterSet set, RandomSource random, CryptoProvider provider) {
        byte[] d = random.bytes(MlKemParameterSet.SEED_LENGTH);
        byte[] z = random.bytes(MlKemParameterSet.SEED_LENGTH);
        FixedSecureRandom seeds = FixedSecureRandom.of(Bytes.concat(d, z));
        Bytes.wipe(d);
        Bytes.wipe(z);
        try {
            KeyPairGenerator kpg = provider.keyPairGenerator(set.jcaName());
            kpg.initialize(set.spec(), seeds);
            KeyPair pair = kpg.generateKeyPair();
            if (!seeds.exhausted()) throw new IllegalStateException("key generation did not draw exactly d || z");
            return new MlKemKeyExchange(set, provider, MlKemKeys.rawEncapsulationKey(set, pair.getPublic()),
                    pair.getPrivate());
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof CryptoUnavailableException c) throw c;
            throw new CryptoUnavailableException(set.jcaName() + " key generation", e);
        } finally {
            seeds.wipe();
        }
    }

    /**
     * An initiator holding a given FIPS 203 decapsulation key (dk = dkPKE || ek || H(ek) || z). For known-answer
     * tests of decapsulation; the exchange code always uses {@link #generate}.
     */
    static MlKemKeyExchange fromDecapsulationKey(MlKemParameterSet set, byte[] dk, CryptoProvider provider)
            throws GeneralSecurityException {
        if (dk.length != set.decapsulationKeyLength()) {
            throw new InvalidKeyException(set.jcaName() + " decapsulation key must be "
                    + set.decapsulationKeyLength() + " bytes");
        }
        byte[] ek = Bytes.slice(dk, 384 * set.k(), set.encapsulationKeyLength());
        return new MlKemKeyExchange(set, provider, ek, MlKemKeys.privateKey(provider, set, dk));
    }

    /**
     * The responder's side: checks the initiator's encapsulation key, then ML-KEM.Encaps with m from
     * {@code random}. The key is checked before any randomness is drawn.
     */
    static KeyExchangeResponse respond(MlKemParameterSet set, byte[] ek, RandomSource random,
            CryptoProvider provider) throws KeyExchangeException {
        MlKemKeys.checkEncapsulationKey(set, ek); // FIPS 203 7.2; ikev2-mlkem 2.2: responder MUST check
        PublicKey key;
        try {
            key = MlKemKeys.publicKey(provider, set, ek);
        } catch (GeneralSecurityException e) {
            // The checks above are FIPS 203's complete list, so a provider refusal is still the peer's key.
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE,
                    set + " encapsulation key rejected by the provider");
        }
        FixedSecureRandom m = FixedSecureRandom.of(random.bytes(MlKemParameterSet.SEED_LENGTH));
        try {
            KEM.Encapsulated encapsulated = provider.kem(set.jcaName()).newEncapsulator(key, null, m).encapsulate();
            if (!m.exhausted()) throw new IllegalStateException("encapsulation did not draw exactly m");
            byte[] secret = secretBytes(encapsulated.key());
            byte[] ciphertext = encapsulated.encapsulation();
            if (ciphertext.length != set.ciphertextLength() || secret.length != MlKemParameterSet.SHARED_SECRET_LENGTH) {
                throw new IllegalStateException("unexpected encapsulation sizes");
            }
            return new DhResponse(set.method(), ciphertext, secret);
        } catch (InvalidKeyException e) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE,
                    set + " encapsulation key rejected by the provider");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException(set.jcaName() + " encapsulation", e);
        } finally {
            m.wipe();
        }
    }

    @Override
    public KeyExchangeMethod method() {
        return set.method();
    }

    /** The encapsulation key ek (384k + 32 bytes). */
    @Override
    public byte[] publicValue() {
        return encapsulationKey.clone();
    }

    /** ML-KEM.Decaps of the responder's ciphertext: the 32-byte shared secret K. */
    @Override
    public byte[] sharedSecret(byte[] ciphertext) throws KeyExchangeException {
        PrivateKey key = decapsulationKey;
        if (key == null) throw new KeyExchangeException(KeyExchangeException.Reason.DESTROYED, "destroyed");
        MlKemKeys.checkCiphertext(set, ciphertext); // FIPS 203 7.3; ikev2-mlkem 2.2: initiator MUST check
        try {
            return secretBytes(provider.kem(set.jcaName()).newDecapsulator(key).decapsulate(ciphertext));
        } catch (GeneralSecurityException | RuntimeException e) {
            // The length is right, and implicit rejection means no ciphertext makes decapsulation fail.
            throw new CryptoUnavailableException(set.jcaName() + " decapsulation", e);
        }
    }

    @Override
    public void destroy() {
        PrivateKey key = decapsulationKey;
        decapsulationKey = null;
        if (key != null) destroyQuietly(key);
    }

    private static byte[] secretBytes(SecretKey key) {
        byte[] raw = key.getEncoded();
        destroyQuietly(key);
        return raw;
    }

    private static void destroyQuietly(Destroyable key) {
        KeyDestruction.destroy(key); // not every JDK key class wipes itself; dropping the reference is then all we can do
    }

    @Override
    public String toString() {
        return "KeyExchange[" + set.method() + (decapsulationKey == null ? ", destroyed]" : "]");
    }
}
