package io.ike4j.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One HMAC computation through the {@link CryptoProvider}. */
final class Hmac {

    private static final byte[] ONE_ZERO_BYTE = new byte[1];

    private Hmac() {}

    /** Returns a Mac initialised with {@code key}; any key length is accepted (RFC 2104). */
    static Mac init(CryptoProvider provider, String jcaName, byte[] key) {
        try {
            Mac mac = provider.mac(jcaName);
            // RFC 2104: keys shorter than the block are zero-padded, so the empty key equals one zero byte;
            // SecretKeySpec refuses empty keys, hence the substitution.
            mac.init(new SecretKeySpec(key.length == 0 ? ONE_ZERO_BYTE : key, jcaName));
            return mac;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException(jcaName, e);
        }
    }

    static byte[] compute(CryptoProvider provider, String jcaName, byte[] key, byte[]... data) {
        Mac mac = init(provider, jcaName, key);
        for (byte[] d : data) mac.update(d);
        return mac.doFinal();
    }
}
