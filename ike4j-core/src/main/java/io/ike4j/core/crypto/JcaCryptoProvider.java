package io.ike4j.core.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * {@link CryptoProvider} backed by the JCA: either the default provider preference order, or one explicit
 * {@link Provider} for every engine.
 */
public final class JcaCryptoProvider implements CryptoProvider {

    static final JcaCryptoProvider DEFAULT = new JcaCryptoProvider(null);

    private final Provider provider;

    private JcaCryptoProvider(Provider provider) {
        this.provider = provider;
    }

    /** All engines from {@code provider}. */
    public static JcaCryptoProvider using(Provider provider) {
        return new JcaCryptoProvider(Objects.requireNonNull(provider, "provider"));
    }

    @Override
    public Mac mac(String algorithm) throws GeneralSecurityException {
        return provider == null ? Mac.getInstance(algorithm) : Mac.getInstance(algorithm, provider);
    }

    @Override
    public Cipher cipher(String transformation) throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
    }

    @Override
    public KeyAgreement keyAgreement(String algorithm) throws GeneralSecurityException {
        return provider == null ? KeyAgreement.getInstance(algorithm) : KeyAgreement.getInstance(algorithm, provider);
    }

    @Override
    public KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        return provider == null ? KeyFactory.getInstance(algorithm) : KeyFactory.getInstance(algorithm, provider);
    }

    @Override
    public AlgorithmParameters algorithmParameters(String algorithm) throws GeneralSecurityException {
        return provider == null
                ? AlgorithmParameters.getInstance(algorithm)
                : AlgorithmParameters.getInstance(algorithm, provider);
    }

    @Override
    public String toString() {
        return "JcaCryptoProvider[" + (provider == null ? "default" : provider.getName()) + "]";
    }
}
