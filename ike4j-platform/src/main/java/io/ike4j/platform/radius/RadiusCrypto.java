package io.ike4j.platform.radius;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RADIUS authenticators (RFC 2865 3), Message-Authenticator (RFC 3579 3.2) and MS-MPPE key decryption (RFC 2548 2.4). */
public final class RadiusCrypto {
    private RadiusCrypto() {}

    /**
     * Fills the Message-Authenticator value (which must be present and zero) of an encoded request in place:
     * HMAC-MD5(secret, packet) with the Request Authenticator in the header (RFC 3579 3.2).
     */
    public static void signRequest(byte[] packet, byte[] secret) {
        int at = messageAuthenticatorOffset(packet, packet.length);
        if (at < 0) throw new IllegalArgumentException("no Message-Authenticator attribute");
        byte[] mac = hmacMd5(secret, packet);
        System.arraycopy(mac, 0, packet, at, 16);
    }

    /**
     * Verifies a reply of {@code len} octets to a request with {@code requestAuthenticator}: the Response
     * Authenticator MD5(Code|Identifier|Length|RequestAuth|Attributes|Secret) (RFC 2865 3) and the
     * Message-Authenticator (RFC 3579 3.2, required when {@code requireMessageAuthenticator}).
     */
    public static Optional<RadiusDrop> verifyReply(byte[] raw, int len, byte[] requestAuthenticator, byte[] secret,
            boolean requireMessageAuthenticator) {
        byte[] p = Arrays.copyOf(raw, len);
        byte[] responseAuth = Arrays.copyOfRange(p, 4, 20);
        System.arraycopy(requestAuthenticator, 0, p, 4, 16);
        byte[] expected = md5(p, secret);
        if (!MessageDigest.isEqual(expected, responseAuth)) {
            return Optional.of(new RadiusDrop(RadiusDrop.Kind.BAD_RESPONSE_AUTHENTICATOR, "Response Authenticator mismatch"));
        }
        int at = messageAuthenticatorOffset(p, len);
        if (at == -2) return Optional.of(new RadiusDrop(RadiusDrop.Kind.BAD_MESSAGE_AUTHENTICATOR, "malformed or repeated Message-Authenticator"));
        if (at < 0) {
            return requireMessageAuthenticator
                    ? Optional.of(new RadiusDrop(RadiusDrop.Kind.MISSING_MESSAGE_AUTHENTICATOR, "reply without Message-Authenticator"))
                    : Optional.empty();
        }
        byte[] received = Arrays.copyOfRange(p, at, at + 16);
        Arrays.fill(p, at, at + 16, (byte) 0);
        if (!MessageDigest.isEqual(hmacMd5(secret, p), received)) {
            return Optional.of(new RadiusDrop(RadiusDrop.Kind.BAD_MESSAGE_AUTHENTICATOR, "Message-Authenticator mismatch"));
        }
        return Optional.empty();
    }

    /** Offset of the Message-Authenticator value, -1 if absent, -2 if malformed (wrong length, repeated, bad attributes). */
    static int messageAuthenticatorOffset(byte[] p, int len) {
        int found = -1;
        for (int off = RadiusPacket.HEADER; off + 2 <= len; ) {
            int type = p[off] & 0xff;
            int alen = p[off + 1] & 0xff;
            if (alen < 2 || off + alen > len) return -2;
            if (type == RadiusAttributeType.MESSAGE_AUTHENTICATOR) {
                if (alen != 18 || found >= 0) return -2;
                found = off + 2;
            }
            off += alen;
        }
        return found;
    }

    /**
     * Decrypts an MS-MPPE-Send-Key/Recv-Key value (RFC 2548 2.4.2): Salt(2, high bit set) | String, where
     * b(1) = MD5(secret | RequestAuthenticator | Salt), b(i) = MD5(secret | c(i-1)), and the plaintext is
     * Key-Length | Key | padding. Empty on any malformation.
     */
    public static Optional<byte[]> decryptMppeKey(byte[] value, byte[] secret, byte[] requestAuthenticator) {
        if (value.length < 2 + 16 || (value.length - 2) % 16 != 0 || (value[0] & 0x80) == 0) return Optional.empty();
        byte[] salt = Arrays.copyOfRange(value, 0, 2);
        byte[] plain = new byte[value.length - 2];
        byte[] prev = null;
        for (int off = 2; off < value.length; off += 16) {
            byte[] b = prev == null ? md5(secret, requestAuthenticator, salt) : md5(secret, prev);
            for (int i = 0; i < 16; i++) plain[off - 2 + i] = (byte) (value[off + i] ^ b[i]);
            prev = Arrays.copyOfRange(value, off, off + 16);
        }
        int keyLen = plain[0] & 0xff;
        if (keyLen == 0 || keyLen > plain.length - 1) {
            Arrays.fill(plain, (byte) 0);
            return Optional.empty();
        }
        byte[] key = Arrays.copyOfRange(plain, 1, 1 + keyLen);
        Arrays.fill(plain, (byte) 0);
        return Optional.of(key);
    }

    /** RFC 2548 2.4.2 encryption (the server's side); used by tests and for symmetry. */
    public static byte[] encryptMppeKey(byte[] key, byte[] secret, byte[] requestAuthenticator, byte[] salt) {
        int n = ((1 + key.length + 15) / 16) * 16;
        byte[] plain = new byte[n];
        plain[0] = (byte) key.length;
        System.arraycopy(key, 0, plain, 1, key.length);
        byte[] out = new byte[2 + n];
        out[0] = (byte) (salt[0] | 0x80);
        out[1] = salt[1];
        byte[] prev = null;
        for (int off = 0; off < n; off += 16) {
            byte[] b = prev == null ? md5(secret, requestAuthenticator, new byte[] {out[0], out[1]}) : md5(secret, prev);
            for (int i = 0; i < 16; i++) out[2 + off + i] = (byte) (plain[off + i] ^ b[i]);
            prev = Arrays.copyOfRange(out, 2 + off, 2 + off + 16);
        }
        Arrays.fill(plain, (byte) 0);
        return out;
    }

    /**
     * RFC 2865 5.2 User-Password: the password zero-padded to a multiple of 16 (at most 128 octets), b1 = MD5(S + RA),
     * c1 = p1 xor b1, bi = MD5(S + c(i-1)), ci = pi xor bi. Empty if the password is longer than 128 octets.
     */
    public static Optional<byte[]> hidePassword(byte[] password, byte[] secret, byte[] requestAuthenticator) {
        if (password.length > 128) return Optional.empty();
        int len = Math.max(16, (password.length + 15) / 16 * 16);
        byte[] out = java.util.Arrays.copyOf(password, len);
        byte[] prev = requestAuthenticator;
        for (int i = 0; i < len; i += 16) {
            byte[] b = md5(secret, prev);
            for (int k = 0; k < 16; k++) out[i + k] ^= b[k];
            prev = java.util.Arrays.copyOfRange(out, i, i + 16);
        }
        return Optional.of(out);
    }

    /** The inverse of {@link #hidePassword} (a RADIUS server's view; for tests), padding zeros left in place. */
    public static byte[] revealPassword(byte[] hidden, byte[] secret, byte[] requestAuthenticator) {
        byte[] out = hidden.clone();
        byte[] prev = requestAuthenticator;
        for (int i = 0; i + 16 <= out.length; i += 16) {
            byte[] b = md5(secret, prev);
            prev = java.util.Arrays.copyOfRange(hidden, i, i + 16);
            for (int k = 0; k < 16; k++) out[i + k] ^= b[k];
        }
        return out;
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
