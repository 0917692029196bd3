package io.ike4j.platform.xfrm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Reads the hex fixtures captured from iproute2 by {@code src/test/resources/xfrm/capture.sh}. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/xfrm/" + name + ".hex")) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).map(String::strip).collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zeroes nlmsg_seq and nlmsg_pid, the fields that legitimately differ between two senders. */
    static byte[] masked(byte[] message) {
        byte[] m = message.clone();
        for (int i = 8; i < 16 && i < m.length; i++) m[i] = 0;
        return m;
    }

    static byte[] key(int length) {
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) k[i] = (byte) i;
        return k;
    }
}
