package io.ike4j.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VICI message as a tree: each value is a {@code String}, a {@code List<String>} or a nested
 * {@code Map<String, Object>} (section), in message order. Parses {@code swanctl --pretty} output, which prints
 * one element per line ({@code key = value}, {@code name {}, {@code key = [} … {@code ]}, {@code }}), so values with
 * spaces (such as distinguished names) survive. A future ike4j peer reports the same keys (as JSON).
 *
 * @param name the message name, e.g. {@code list-sa event}
 * @param body the message's elements
 */
public record ViciTree(String name, Map<String, Object> body) {

    /** Parses every top-level message in {@code swanctl --pretty} output; lines that are not part of a message are skipped. */
    public static List<ViciTree> parsePretty(String text) {
        List<ViciTree> messages = new ArrayList<>();
        String[] lines = text.split("\n");
        int[] pos = {0};
        while (pos[0] < lines.length) {
            String line = lines[pos[0]++].strip();
            if (line.endsWith(" {") && !line.contains(" = ")) {
                messages.add(new ViciTree(line.substring(0, line.length() - 2).strip(), section(lines, pos)));
            } else if (line.endsWith("{}") && !line.contains(" = ")) {
                messages.add(new ViciTree(line.substring(0, line.length() - 2).strip(), Map.of()));
            }
        }
        return messages;
    }

    private static Map<String, Object> section(String[] lines, int[] pos) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (pos[0] < lines.length) {
            String line = lines[pos[0]++].strip();
            if (line.equals("}")) {
                return map;
            }
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq < 0 && line.endsWith(" {")) {
                map.put(line.substring(0, line.length() - 2).strip(), section(lines, pos));
            } else if (eq < 0 && line.endsWith("{}")) {
                map.put(line.substring(0, line.length() - 2).strip(), Map.of());
            } else if (eq > 0 && line.endsWith(" = [")) {
                map.put(line.substring(0, eq), list(lines, pos));
            } else if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 3));
            } else if (line.endsWith("= ")) {
                map.put(line.substring(0, line.length() - 2).strip(), "");
            }
        }
        return map;
    }

    private static List<String> list(String[] lines, int[] pos) {
        List<String> items = new ArrayList<>();
        while (pos[0] < lines.length) {
            String line = lines[pos[0]++].strip();
            if (line.equals("]")) {
                break;
            }
            items.add(line);
        }
        return List.copyOf(items);
    }

    /** A string value of {@code section}, or {@code null} when absent or not a string. */
    public static String string(Map<String, Object> section, String key) {
        return section.get(key) instanceof String s ? s : null;
    }

    /** A list value of {@code section}; a single string counts as a one-element list; absent is empty. */
    public static List<String> strings(Map<String, Object> section, String key) {
        Object v = section.get(key);
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v instanceof String s ? List.of(s) : List.of();
    }

    /** A nested section of {@code section}; absent is empty. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> sectionOf(Map<String, Object> section, String key) {
        return section.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
