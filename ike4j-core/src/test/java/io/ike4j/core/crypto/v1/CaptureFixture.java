package io.ike4j.core.crypto.v1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One strongSwan capture directory (see captures/strongswan-5.9.8-ikev1/README.md). */
record CaptureFixture(String name, List<Datagram> messages, List<Secret> left, List<Secret> right,
                      Map<String, String> params) {

    record Datagram(boolean fromInitiator, byte[] bytes) {}

    record Secret(String name, byte[] value) {}

    static CaptureFixture load(String name) {
        String base = "/captures/strongswan-5.9.8-ikev1/" + name + "/";
        List<Datagram> messages = new ArrayList<>();
        for (String line : lines(base + "messages.txt")) {
            String[] f = line.split(" ");
            messages.add(new Datagram(f[0].equals("I"), HexFormat.of().parseHex(f[3])));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String line : lines(base + "params.txt")) {
            int eq = line.indexOf('=');
            params.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new CaptureFixture(name, messages, secrets(base + "secrets-left.txt"),
                secrets(base + "secrets-right.txt"), params);
    }

    private static List<Secret> secrets(String path) {
        List<Secret> out = new ArrayList<>();
        for (String line : lines(path)) {
            String[] f = line.split("\t");
            out.add(new Secret(f[0], HexFormat.of().parseHex(f.length > 1 ? f[1] : "")));
        }
        return out;
    }

    private static List<String> lines(String path) {
        try (InputStream in = CaptureFixture.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first value logged under {@code name} by the initiator. */
    byte[] initiator(String secret) {
        return first(left, secret);
    }

    byte[] responder(String secret) {
        return first(right, secret);
    }

    static byte[] first(List<Secret> list, String secret) {
        return list.stream().filter(s -> s.name().equals(secret)).findFirst().map(Secret::value)
                .orElseThrow(() -> new IllegalStateException("not logged: " + secret));
    }

    /** Every value either side logged under {@code name}, in hex. */
    List<String> allHex(String secret) {
        List<String> out = new ArrayList<>();
        for (List<Secret> l : List.of(left, right)) {
            for (Secret s : l) if (s.name().equals(secret)) out.add(HexFormat.of().formatHex(s.value()));
        }
        return out;
    }
}
