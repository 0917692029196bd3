package io.ike4j.daemon.control.json;

import java.util.Iterator;
import java.util.Map;

/** Writes {@link JsonValue}s as compact, single-line JSON (RFC 8259); non-ASCII is kept as UTF-16 text, controls escaped. */
public final class JsonWriter {
    private JsonWriter() {}

    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder(64);
        write(value, sb);
        return sb.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonValue.JsonObject o -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonValue> e = it.next();
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                    if (it.hasNext()) out.append(',');
                }
                out.append('}');
            }
            case JsonValue.JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) out.append(',');
                    write(a.elements().get(i), out);
                }
                out.append(']');
            }
            case JsonValue.JsonString s -> string(s.value(), out);
            case JsonValue.JsonNumber n -> out.append(n.text());
            case JsonValue.JsonBool b -> out.append(b.value());
            case JsonValue.JsonNull ignored -> out.append("null");
        }
    }

    /** RFC 8259 7: quotation mark, reverse solidus and controls must be escaped; lone surrogates are written as \\u escapes. */
    public static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean loneSurrogate = false;
                    if (Character.isHighSurrogate(c)) {
                        loneSurrogate = !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)));
                    } else if (Character.isLowSurrogate(c)) {
                        loneSurrogate = !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    }
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
