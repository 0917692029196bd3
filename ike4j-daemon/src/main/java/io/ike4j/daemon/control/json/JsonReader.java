package io.ike4j.daemon.control.json;

import io.ike4j.daemon.control.json.JsonException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict, bounded RFC 8259 reader. Every malformed or oversized input yields a {@link JsonException}; no unchecked
 * exception escapes and nesting is bounded (iterative depth check before each recursion), so it is safe on untrusted lines.
 */
public final class JsonReader {

    /** Bounds on what one document may contain. */
    public record Limits(int maxChars, int maxDepth, int maxStringChars, int maxMembers) {
        public static final Limits DEFAULT = new Limits(1 << 20, 32, 64 * 1024, 100_000);
    }

    private final String text;
    private final Limits limits;
    private int pos;
    private int members;

    private JsonReader(String text, Limits limits) {
        this.text = text;
        this.limits = limits;
    }

    public static JsonValue read(String text) throws JsonException {
        return read(text, Limits.DEFAULT);
    }

    public static JsonValue read(String text, Limits limits) throws JsonException {
        if (text == null) throw new JsonException(Kind.SYNTAX, 0, "no input");
        if (text.length() > limits.maxChars()) throw new JsonException(Kind.TOO_LONG, limits.maxChars(), "document too long");
        JsonReader r = new JsonReader(text, limits);
        r.skipWhitespace();
        JsonValue v = r.value(0);
        r.skipWhitespace();
        if (r.pos != text.length()) throw new JsonException(Kind.TRAILING_DATA, r.pos, "unexpected data after value");
        return v;
    }

    /** Reads a document that must be an object (the shape of every control message). */
    public static JsonValue.JsonObject readObject(String text) throws JsonException {
        if (read(text) instanceof JsonValue.JsonObject o) return o;
        throw new JsonException(Kind.SYNTAX, 0, "expected a JSON object");
    }

    private JsonValue value(int depth) throws JsonException {
        if (pos >= text.length()) throw error(Kind.SYNTAX, "unexpected end of input");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonValue.JsonString(string());
            case 't' -> literal("true", new JsonValue.JsonBool(true));
            case 'f' -> literal("false", new JsonValue.JsonBool(false));
            case 'n' -> literal("null", JsonValue.JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error(Kind.SYNTAX, "unexpected character");
            }
        };
    }

    private JsonValue object(int depth) throws JsonException {
        if (depth > limits.maxDepth()) throw error(Kind.TOO_DEEP, "nesting deeper than " + limits.maxDepth());
        pos++; // '{'
        LinkedHashMap<String, JsonValue> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.JsonObject(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error(Kind.SYNTAX, "expected a member name");
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value(depth);
            if (map.putIfAbsent(key, v) != null) throw new JsonException(Kind.DUPLICATE_KEY, keyAt, "duplicate member name");
            countMember();
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') return new JsonValue.JsonObject(map);
            if (c != ',') throw new JsonException(Kind.SYNTAX, pos - 1, "expected ',' or '}'");
        }
    }

    private JsonValue array(int depth) throws JsonException {
        if (depth > limits.maxDepth()) throw error(Kind.TOO_DEEP, "nesting deeper than " + limits.maxDepth());
        pos++; // '['
        List<JsonValue> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.JsonArray(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            countMember();
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') return new JsonValue.JsonArray(list);
            if (c != ',') throw new JsonException(Kind.SYNTAX, pos - 1, "expected ',' or ']'");
        }
    }

    private void countMember() throws JsonException {
        if (++members > limits.maxMembers()) throw error(Kind.TOO_LONG, "too many members");
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error(Kind.SYNTAX, "unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw new JsonException(Kind.SYNTAX, pos - 1, "control character in string");
            if (c == '\\') {
                if (pos >= text.length()) throw error(Kind.BAD_ESCAPE, "unterminated escape");
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(hex4());
                    default -> throw new JsonException(Kind.BAD_ESCAPE, pos - 1, "invalid escape");
                }
            } else {
                sb.append(c);
            }
            if (sb.length() > limits.maxStringChars()) throw error(Kind.TOO_LONG, "string longer than " + limits.maxStringChars());
        }
    }

    private char hex4() throws JsonException {
        if (pos + 4 > text.length()) throw error(Kind.BAD_ESCAPE, "truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') throw new JsonException(Kind.BAD_ESCAPE, pos + i, "invalid hex digit");
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    private JsonValue number() throws JsonException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error(Kind.BAD_NUMBER, "expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) throw error(Kind.BAD_NUMBER, "expected a digit after '.'");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error(Kind.BAD_NUMBER, "expected an exponent digit");
            while (isDigit(peek())) pos++;
        }
        if (pos - start > 64) throw new JsonException(Kind.BAD_NUMBER, start, "number too long");
        return new JsonValue.JsonNumber(text.substring(start, pos));
    }

    private JsonValue literal(String word, JsonValue v) throws JsonException {
        if (!text.startsWith(word, pos)) throw error(Kind.SYNTAX, "invalid literal");
        pos += word.length();
        return v;
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) throw error(Kind.SYNTAX, "expected '" + c + "'");
        pos++;
    }

    /** The current character, or NUL at the end (NUL is never valid outside strings, so it fails every check). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private JsonException error(Kind kind, String message) {
        return new JsonException(kind, pos, message);
    }
}
