package io.ike4j.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * SK payload protection with AES-CBC (RFC 3602) and a separate integrity algorithm (RFC 7296 3.14).
 * The IV is a fresh random block from the injected {@link RandomSource} for every message (RFC 7296 3.14:
 * IVs MUST be unpredictable). Padding fills the plaintext plus pad-length byte to the block size; the pad
 * bytes are zero.
 */
final class CbcProtection implements SkProtection {

    private static final int BLOCK = AesCbc.BLOCK;

    private final byte[] encKey;
    private final byte[] integKey;
    private final Integrity integrity;
    private final RandomSource random;
    private final CryptoProvider provider;

    CbcProtection(byte[] encKey, Integrity integrity, byte[] integKey, RandomSource random, CryptoProvider provider) {
        this.encKey = encKey.clone();
        this.integKey = integKey.clone();
        this.integrity = integrity;
        this.random = random;
        this.provider = provider;
    }

    @Override
    public int sealedLength(int plaintextLength) {
        return BLOCK + paddedLength(plaintextLength) + integrity.icvLength();
    }

    private static int paddedLength(int plaintextLength) {
        return (plaintextLength + 1 + BLOCK - 1) / BLOCK * BLOCK;
    }

    @Override
    public byte[] seal(byte[] prefix, byte[] plaintext) {
        byte[] iv = random.bytes(BLOCK);
        int padded = paddedLength(plaintext.length);
        byte[] block = new byte[padded];
        System.arraycopy(plaintext, 0, block, 0, plaintext.length);
        block[padded - 1] = (byte) (padded - plaintext.length - 1); // RFC 7296 3.14: Pad Length
        byte[] ct;
        try {
            ct = AesCbc.encrypt(provider, encKey, iv, block);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("AES/CBC/NoPadding", e);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
        byte[] icv = integrity.compute(integKey, prefix, iv, ct);
        return Bytes.concat(iv, ct, icv);
    }

    @Override
    public Optional<byte[]> open(byte[] message, int bodyOffset, int bodyLength) {
        int icvLen = integrity.icvLength();
        if (message == null || bodyOffset < 0 || bodyLength < 0 || bodyOffset > message.length - bodyLength) {
            return Optional.empty();
        }
        int ctLen = bodyLength - BLOCK - icvLen;
        if (ctLen < BLOCK || ctLen % BLOCK != 0) return Optional.empty();
        int icvOffset = bodyOffset + bodyLength - icvLen;
        // RFC 7296 3.14: the ICV covers the message from the IKE header through the ciphertext.
        if (!integrity.verify(integKey, message, 0, icvOffset, message, icvOffset)) return Optional.empty();
        byte[] pt;
        try {
            byte[] iv = Bytes.slice(message, bodyOffset, BLOCK);
            pt = AesCbc.decrypt(provider, encKey, iv, message, bodyOffset + BLOCK, ctLen);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        int padLength = pt[pt.length - 1] & 0xff;
        if (padLength + 1 > pt.length) {
            Arrays.fill(pt, (byte) 0);
            return Optional.empty();
        }
        byte[] out = Arrays.copyOf(pt, pt.length - padLength - 1);
        Arrays.fill(pt, (byte) 0);
        return Optional.of(out);
    }

    @Override
    public void wipe() {
        Arrays.fill(encKey, (byte) 0);
        Arrays.fill(integKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "CbcProtection[AES-" + encKey.length * 8 + "-CBC, " + integrity.algorithm() + "]";
    }
}
