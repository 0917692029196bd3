package io.ike4j.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SK payload protection with an AEAD cipher: AES-GCM (RFC 5282) or ChaCha20-Poly1305 (RFC 7634).
 * Key material is key || 4-byte salt; nonce = salt || 8-byte explicit IV; the prefix (IKE header and SK
 * payload header) is the associated data (RFC 5282 5.1). Padding is minimal: only the pad-length byte (0).
 *
 * <p>IVs: a 64-bit counter per instance, starting at a value drawn from the {@link RandomSource}. Both RFCs
 * require only that an IV never repeat under one key; a counter guarantees that for the life of the instance
 * (which owns the one key of one direction), where random IVs would merely make repetition unlikely. The random
 * start keeps two instances that were wrongly given the same key from colliding immediately and does not reveal
 * how many messages were sent. Exhausting the 2^64 space throws (unreachable: the SA is rekeyed long before).
 */
final class AeadProtection implements SkProtection {

    static final int IV_LENGTH = 8;
    static final int SALT_LENGTH = 4;

    private final AeadCipher cipher;
    private final byte[] salt;
    private final long firstIv;
    private final AtomicLong nextIv;
    private final String name;

    AeadProtection(String name, AeadCipher.Kind kind, int icvLength, byte[] keyMaterial, RandomSource random,
            CryptoProvider provider) {
        int keyLen = keyMaterial.length - SALT_LENGTH;
        byte[] key = Arrays.copyOf(keyMaterial, keyLen);
        this.cipher = new AeadCipher(kind, icvLength, key, provider);
        Arrays.fill(key, (byte) 0);
        this.salt = Arrays.copyOfRange(keyMaterial, keyLen, keyMaterial.length);
        this.firstIv = ByteBuffer.wrap(random.bytes(IV_LENGTH)).getLong();
        this.nextIv = new AtomicLong(firstIv);
        this.name = name;
    }

    @Override
    public int sealedLength(int plaintextLength) {
        return IV_LENGTH + plaintextLength + 1 + cipher.tagLength();
    }

    @Override
    public byte[] seal(byte[] prefix, byte[] plaintext) {
        long counter = nextIv.getAndIncrement();
        if (counter == firstIv - 1) throw new IllegalStateException("AEAD IV space exhausted; rekey");
        byte[] iv = ByteBuffer.allocate(IV_LENGTH).putLong(counter).array();
        byte[] pt = Arrays.copyOf(plaintext, plaintext.length + 1); // pad length 0 (RFC 5282 3)
        try {
            byte[] sealed = cipher.seal(nonce(iv, 0), prefix, 0, prefix.length, pt);
            return Bytes.concat(iv, sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException(name, e);
        } finally {
            Arrays.fill(pt, (byte) 0);
        }
    }

    @Override
    public Optional<byte[]> open(byte[] message, int bodyOffset, int bodyLength) {
        if (message == null || bodyOffset < 0 || bodyLength < 0 || bodyOffset > message.length - bodyLength) {
            return Optional.empty();
        }
        if (bodyLength < IV_LENGTH + 1 + cipher.tagLength()) return Optional.empty();
        byte[] nonce = nonce(message, bodyOffset);
        Optional<byte[]> pt = cipher.open(nonce, message, 0, bodyOffset, message, bodyOffset + IV_LENGTH,
                bodyLength - IV_LENGTH);
        if (pt.isEmpty()) return pt;
        byte[] p = pt.get();
        int padLength = p[p.length - 1] & 0xff;
        if (padLength + 1 > p.length) {
            Arrays.fill(p, (byte) 0);
            return Optional.empty();
        }
        byte[] out = Arrays.copyOf(p, p.length - padLength - 1);
        Arrays.fill(p, (byte) 0);
        return Optional.of(out);
    }

    private byte[] nonce(byte[] ivSource, int ivOffset) {
        byte[] nonce = new byte[AeadCipher.NONCE_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, SALT_LENGTH);
        System.arraycopy(ivSource, ivOffset, nonce, SALT_LENGTH, IV_LENGTH);
        return nonce;
    }

    @Override
    public void wipe() {
        cipher.wipe();
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "AeadProtection[" + name + "]";
    }
}
