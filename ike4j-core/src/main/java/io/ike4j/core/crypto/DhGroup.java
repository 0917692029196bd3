package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KeyAgreement;

/**
 * One Diffie-Hellman group: private keys come from the injected {@link RandomSource} (so tests are
 * deterministic), public values and shared secrets from the JCA key agreement.
 */
sealed interface DhGroup permits ModpGroup, EcpGroup, XdhGroup {

    KeyExchangeMethod method();

    /** A fresh private key drawn from {@code random}. */
    PrivateKey generatePrivate(RandomSource random);

    /** Our Key Exchange Data for {@code key}, in the method's wire encoding. */
    byte[] publicValue(PrivateKey key);

    /** g^ir in the method's encoding, after validating the peer's Key Exchange Data. */
    byte[] agree(PrivateKey key, byte[] peerValue) throws KeyExchangeException;

    /** Runs one JCA key agreement. */
    static byte[] agreement(CryptoProvider provider, String algorithm, PrivateKey key, PublicKey peer)
            throws GeneralSecurityException {
        KeyAgreement ka = provider.keyAgreement(algorithm);
        ka.init(key);
        ka.doPhase((Key) peer, true);
        return ka.generateSecret();
    }
}
