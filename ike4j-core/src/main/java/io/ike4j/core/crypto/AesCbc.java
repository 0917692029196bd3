package io.ike4j.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Raw AES-CBC without padding (RFC 3602) on whole blocks. */
final class AesCbc {

    static final int BLOCK = 16;

    private AesCbc() {}

    static byte[] encrypt(CryptoProvider provider, byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        return run(provider, Cipher.ENCRYPT_MODE, key, iv, data, 0, data.length);
    }

    static byte[] decrypt(CryptoProvider provider, byte[] key, byte[] iv, byte[] data, int off, int len)
            throws GeneralSecurityException {
        return run(provider, Cipher.DECRYPT_MODE, key, iv, data, off, len);
    }

    private static byte[] run(CryptoProvider provider, int mode, byte[] key, byte[] iv, byte[] data, int off, int len)
            throws GeneralSecurityException {
        Cipher c = provider.cipher("AES/CBC/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(data, off, len);
    }
}
