package io.ike4j.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ML-KEM test vector files under {@code mlkem/}: blocks separated by blank lines, {@code name = value}
 * lines, {@code #} comments. A value {@code same} repeats the previous block's value of that name.
 */
final class MlKemVectors {

    private MlKemVectors() {}

    /** One test case. */
    record Vector(Map<String, String> fields) {
        String get(String name) {
            String v = fields.get(name);
            if (v == null) throw new IllegalArgumentException("missing " + name + " in " + fields.get("tcId"));
            return v;
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        byte[] hex(String name) {
            return TestRandom.hex(get(name));
        }

        MlKemParameterSet set() {
            return MlKemParameterSet.valueOf(get("set").replace('-', '_'));
        }

        @Override
        public String toString() {
            return get("set") + " tcId " + get("tcId");
        }
    }

    static List<Vector> load(String file) throws IOException {
        String text;
        try (InputStream in = MlKemVectors.class.getResourceAsStream("mlkem/" + file)) {
            if (in == null) throw new IOException("no resource mlkem/" + file);
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<Vector> out = new ArrayList<>();
        Map<String, String> previous = Map.of();
        for (String block : text.split("\\n\\s*\\n")) {
            Map<String, String> fields = new HashMap<>();
            for (String line : block.split("\\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                int eq = line.indexOf('=');
                String name = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                fields.put(name, value.equals("same") ? previous.get(name) : value);
            }
            if (!fields.isEmpty()) {
                out.add(new Vector(Map.copyOf(fields)));
                previous = fields;
            }
        }
        return out;
    }
}
