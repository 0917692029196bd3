package io.ike4j.core.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * Where the core gets its JCA engines. A seam so that a provider can be chosen per primitive (for example
 * by benchmark) without touching the protocol code. Each call returns a fresh, uninitialised engine that the
 * caller owns; engines are not shared between threads.
 */
public interface CryptoProvider {

    Mac mac(String algorithm) throws GeneralSecurityException;

    Cipher cipher(String transformation) throws GeneralSecurityException;

    KeyAgreement keyAgreement(String algorithm) throws GeneralSecurityException;

    KeyFactory keyFactory(String algorithm) throws GeneralSecurityException;

    AlgorithmParameters algorithmParameters(String algorithm) throws GeneralSecurityException;

    /** The JDK's default provider lookup (SunJCE, SunEC, XDH). */
    static CryptoProvider jca() {
        return JcaCryptoProvider.DEFAULT;
    }
}
