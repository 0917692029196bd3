package io.ike4j.core.auth.eap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** MS-CHAPv2 computations (RFC 2759 8) and MPPE key derivation (RFC 3079 3.4). */
public final class MsChapV2Crypto {
    private MsChapV2Crypto() {}

    private static final byte[] AUTH_MAGIC1 = ascii("Magic server to client signing constant");
    private static final byte[] AUTH_MAGIC2 = ascii("Pad to make it do more than one iteration");
    private static final byte[] MPPE_MAGIC1 = ascii("This is the MPPE Master Key");
    private static final byte[] MPPE_MAGIC2 = ascii("On the client side, this is the send key; on the server side, it is the receive key.");
    private static final byte[] MPPE_MAGIC3 = ascii("On the client side, this is the receive key; on the server side, it is the send key.");
    private static final byte[] SHS_PAD1 = new byte[40];
    private static final byte[] SHS_PAD2 = filled(40, (byte) 0xf2);

    /** RFC 2759 8.3 NtPasswordHash: MD4 of the UTF-16LE (Unicode) password. */
    public static byte[] ntPasswordHash(String password) {
        byte[] unicode = password.getBytes(StandardCharsets.UTF_16LE);
        try {
            return Md4.digest(unicode);
        } finally {
            Arrays.fill(unicode, (byte) 0);
        }
    }

    /** RFC 2759 8.4 HashNtPasswordHash. */
    public static byte[] hashNtPasswordHash(byte[] passwordHash) {
        return Md4.digest(passwordHash);
    }

    /** RFC 2759 8.2 ChallengeHash: SHA1(PeerChallenge | AuthenticatorChallenge | UserName)[0..8]. */
    public static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, byte[] userName) {
        return Arrays.copyOf(sha1(peerChallenge, authenticatorChallenge, userName), 8);
    }

    /** RFC 2759 8.5 ChallengeResponse: three DES encryptions of the challenge with the zero-padded hash (21 bytes). */
    public static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) {
        byte[] z = Arrays.copyOf(passwordHash, 21);
        byte[] out = new byte[24];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(desEncrypt(challenge, Arrays.copyOfRange(z, 7 * i, 7 * i + 7)), 0, out, 8 * i, 8);
        }
        Arrays.fill(z, (byte) 0);
        return out;
    }

    /** RFC 2759 8.1 GenerateNTResponse from the password hash. */
    public static byte[] ntResponse(byte[] authChallenge, byte[] peerChallenge, byte[] userName, byte[] passwordHash) {
        return challengeResponse(challengeHash(peerChallenge, authChallenge, userName), passwordHash);
    }

    /** RFC 2759 8.7 GenerateAuthenticatorResponse: the 20-octet digest the "S=" string carries in hex. */
    public static byte[] authenticatorResponse(byte[] passwordHash, byte[] ntResponse, byte[] peerChallenge,
            byte[] authChallenge, byte[] userName) {
        byte[] hashHash = hashNtPasswordHash(passwordHash);
        byte[] digest = sha1(hashHash, ntResponse, AUTH_MAGIC1);
        byte[] ch = challengeHash(peerChallenge, authChallenge, userName);
        Arrays.fill(hashHash, (byte) 0);
        return sha1(digest, ch, AUTH_MAGIC2);
    }

    /** "S=" followed by 40 upper-case hex digits (RFC 2759 5). */
    public static String authenticatorResponseString(byte[] authenticatorResponse) {
        return "S=" + EapMessage.hex(authenticatorResponse);
    }

    /** RFC 3079 3.4 GetMasterKey: SHA1(PasswordHashHash | NTResponse | Magic1)[0..16]. */
    public static byte[] masterKey(byte[] passwordHashHash, byte[] ntResponse) {
        return Arrays.copyOf(sha1(passwordHashHash, ntResponse, MPPE_MAGIC1), 16);
    }

    /** RFC 3079 3.4 GetAsymmetricStartKey (16-octet keys). */
    public static byte[] asymmetricStartKey(byte[] masterKey, boolean isSend, boolean isServer) {
        byte[] magic = isSend == isServer ? MPPE_MAGIC3 : MPPE_MAGIC2;
        return Arrays.copyOf(sha1(masterKey, SHS_PAD1, magic, SHS_PAD2), 16);
    }

    /**
     * The 64-octet EAP-MSCHAPv2 MSK used with IKEv2: MasterReceiveKey | MasterSendKey (server view, i.e. the
     * Magic2-derived key then the Magic3-derived key) | 32 zero octets. This is what strongSwan's eap-mschapv2 and
     * Windows use; it equals a RADIUS server's MS-MPPE-Recv-Key | MS-MPPE-Send-Key (RFC 2548) padded with zeros.
     * With HMAC-based PRFs the zero padding does not change the AUTH value (HMAC zero-pads keys to its block size).
     */
    public static byte[] msk(byte[] passwordHash, byte[] ntResponse) {
        byte[] hashHash = hashNtPasswordHash(passwordHash);
        byte[] master = masterKey(hashHash, ntResponse);
        byte[] receive = asymmetricStartKey(master, false, true);
        byte[] send = asymmetricStartKey(master, true, true);
        byte[] msk = new byte[64];
        System.arraycopy(receive, 0, msk, 0, 16);
        System.arraycopy(send, 0, msk, 16, 16);
        Arrays.fill(hashHash, (byte) 0);
        Arrays.fill(master, (byte) 0);
        Arrays.fill(receive, (byte) 0);
        Arrays.fill(send, (byte) 0);
        return msk;
    }

    /** RFC 2759 8.6 DesEncrypt: a 56-bit key expanded to 8 octets (parity bits ignored by DES). */
    static byte[] desEncrypt(byte[] clear, byte[] key7) {
        byte[] key8 = new byte[8];
        key8[0] = (byte) (key7[0] & 0xfe);
        for (int i = 1; i < 7; i++) {
            key8[i] = (byte) ((((key7[i - 1] & 0xff) << (8 - i)) | ((key7[i] & 0xff) >>> i)) & 0xfe);
        }
        key8[7] = (byte) ((key7[6] & 0xff) << 1);
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key8, "DES"));
            return des.doFinal(clear);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES unavailable", e);
        } finally {
            Arrays.fill(key8, (byte) 0);
        }
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int n, byte v) {
        byte[] b = new byte[n];
        Arrays.fill(b, v);
        return b;
    }
}
