package io.ike4j.core.crypto.v1;

import java.util.Arrays;

/** The IVs of IKEv1 encryption (RFC 2409 Appendix B). */
public final class V1Ivs {
    private V1Ivs() {}

    /** Phase 1: IV = hash(g^xi | g^xr), truncated to the block size (g^x as the KE payload data). */
    public static byte[] phase1(V1Prf prf, byte[] gxi, byte[] gxr, int blockSize) {
        return truncate(prf.hash(gxi, gxr), blockSize);
    }

    /**
     * Quick Mode and Informational exchanges: IV = hash(last Phase 1 CBC output block | M-ID), truncated to the
     * block size; each message id has its own chain from there.
     */
    public static byte[] phase2(V1Prf prf, byte[] lastPhase1Block, long messageId, int blockSize) {
        return truncate(prf.hash(lastPhase1Block, V1KeySchedule.u32(messageId)), blockSize);
    }

    /** CBC chaining across messages: the next IV is the last ciphertext block of the previous message. */
    public static byte[] next(byte[] ciphertext, int blockSize) {
        if (ciphertext.length < blockSize) throw new IllegalArgumentException("ciphertext shorter than a block");
        return Arrays.copyOfRange(ciphertext, ciphertext.length - blockSize, ciphertext.length);
    }

    private static byte[] truncate(byte[] h, int blockSize) {
        if (h.length < blockSize) throw new IllegalArgumentException("hash shorter than the block size");
        return Arrays.copyOf(h, blockSize);
    }
}
