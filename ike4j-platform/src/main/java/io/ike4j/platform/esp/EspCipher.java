package io.ike4j.platform.esp;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec.DirectionKeys;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.security.auth.DestroyFailedException;

/**
 * The cryptographic transform of one SA direction, holding its own {@link javax.crypto.Cipher} (and
 * {@link javax.crypto.Mac}) instances and scratch buffers. Not thread-safe: the owning direction locks.
 *
 * <p>Packets are laid out as in RFC 4303 2: {@code SPI(4) | Seq(4) | IV | ciphertext | ICV}, starting at
 * {@code off}. The caller writes SPI and sequence number and puts the padded plaintext right after the IV.
 */
abstract sealed class EspCipher permits AeadEspCipher, CbcHmacEspCipher, ShortTagGcmEspCipher, ChaChaPolyEspCipher {
    static final int HEADER = 8;

    /** Bytes of explicit IV on the wire. */
    abstract int ivLength();

    /** Bytes of ICV on the wire. */
    abstract int icvLength();

    /** The plaintext (payload | padding | pad length | next header) must be a multiple of this. */
    abstract int alignment();

    /**
     * Writes the IV, encrypts {@code plaintextLength} bytes at {@code off + 8 + ivLength()} in place, and appends the
     * ICV (RFC 4303 3.3.2). {@code seq} is the full (possibly 64-bit) sequence number.
     *
     * @return the ESP packet length, or {@link EspDrop#CRYPTO_ERROR}'s code
     */
    abstract int seal(byte[] buf, int off, int plaintextLength, long seq);

    /**
     * Verifies the ICV of the ESP packet {@code in[off, off+len)} in constant time, then decrypts its ciphertext to
     * {@code out[outOff...]} (RFC 4303 3.4.4). {@code seq} is the inferred full sequence number (its high half enters
     * the ICV with ESN). The caller checked that {@code len >= 8 + ivLength() + icvLength()} and that {@code out} can
     * take the ciphertext length.
     *
     * @return the plaintext length, or {@link EspDrop#AUTH_FAILED} / {@link EspDrop#CRYPTO_ERROR}'s code
     */
    abstract int open(byte[] in, int off, int len, long seq, byte[] out, int outOff);

    /** Wipes the key material this transform holds. */
    abstract void wipe();

    /** Creates the transform for one direction's keys. */
    static EspCipher create(DirectionKeys keys, boolean esn, RandomSource random) throws EspConfigException {
        EncryptionAlgorithm enc = keys.encryption();
        byte[] ek = keys.encryptionKey();
        byte[] ik = keys.integrityKey();
        try {
            return switch (enc) {
                case AES_GCM_8, AES_GCM_12, AES_GCM_16 -> {
                    checkKey(ek, keys.encryptionKeyBits() / 8 + AeadEspCipher.SALT, enc);
                    checkNoIntegrity(keys.integrity());
                    // the JCE's GCM takes tags of 12 bytes and more only
                    yield enc.icvLength() < 12 ? new ShortTagGcmEspCipher(ek, enc.icvLength(), esn)
                            : AeadEspCipher.gcm(ek, enc.icvLength(), esn);
                }
                case CHACHA20_POLY1305 -> {
                    checkKey(ek, 32 + AeadEspCipher.SALT, enc);
                    checkNoIntegrity(keys.integrity());
                    yield ChaChaPolyEspCipher.create(ek, esn);
                }
                case AES_CBC -> {
                    int bits = keys.encryptionKeyBits();
                    if (bits != 128 && bits != 192 && bits != 256) {
                        throw new EspConfigException("AES-CBC key size not supported: " + bits);
                    }
                    checkKey(ek, bits / 8, enc);
                    IntegrityAlgorithm integ = keys.integrity();
                    String mac = CbcHmacEspCipher.macName(integ);
                    if (mac == null) throw new EspConfigException("integrity algorithm not supported: " + integ);
                    if (ik.length != integ.keyLength()) {
                        throw new EspConfigException("integrity key of " + ik.length + " bytes, " + integ + " needs "
                                + integ.keyLength());
                    }
                    yield new CbcHmacEspCipher(ek, ik, mac, integ.icvLength(), esn, random);
                }
                default -> throw new EspConfigException("encryption algorithm not supported: " + enc);
            };
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ik, (byte) 0);
        }
    }

    private static void checkKey(byte[] key, int expected, EncryptionAlgorithm enc) throws EspConfigException {
        if (key.length != expected) {
            throw new EspConfigException("encryption key of " + key.length + " bytes, " + enc + " needs " + expected);
        }
    }

    private static void checkNoIntegrity(IntegrityAlgorithm integ) throws EspConfigException {
        // RFC 5282 / RFC 7634 4: AEAD comes without an integrity transform (or NONE)
        if (integ != null && integ != IntegrityAlgorithm.NONE) {
            throw new EspConfigException("AEAD algorithm combined with integrity algorithm " + integ);
        }
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static void destroy(SecretKey key) {
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // SecretKeySpec cannot wipe its internal copy; nothing more to do
        }
    }
}
