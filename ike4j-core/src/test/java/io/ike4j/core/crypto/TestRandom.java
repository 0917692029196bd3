package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic randomness for tests: scripted byte strings, then a seeded PRNG. */
final class TestRandom implements RandomSource {

    private final Deque<byte[]> scripted = new ArrayDeque<>();
    private final Random fallback;

    private TestRandom(long seed) {
        this.fallback = new Random(seed);
    }

    static TestRandom seeded(long seed) {
        return new TestRandom(seed);
    }

    /** Returns {@code outputs} for the next calls (each must match the requested length), then seeded bytes. */
    static TestRandom scripted(byte[]... outputs) {
        TestRandom r = new TestRandom(1);
        for (byte[] o : outputs) r.scripted.add(o.clone());
        return r;
    }

    @Override
    public void nextBytes(byte[] out) {
        byte[] next = scripted.poll();
        if (next == null) {
            fallback.nextBytes(out);
            return;
        }
        assertThat(out.length).as("scripted random length").isEqualTo(next.length);
        System.arraycopy(next, 0, out, 0, out.length);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
