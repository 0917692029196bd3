package io.ike4j.daemon.control.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.daemon.control.json.JsonValue.JsonArray;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.daemon.control.json.JsonValue.JsonString;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsNestedValues() throws Exception {
        JsonObject o = JsonObject.builder().put("s", "x").put("n", -42).put("b", true)
                .put("a", JsonArray.ofStrings(List.of("1", "2"))).put("z", JsonValue.JsonNull.INSTANCE)
                .put("o", JsonObject.builder().put("k", "v").build()).build();
        String text = JsonWriter.write(o);
        assertThat(text).isEqualTo("{\"s\":\"x\",\"n\":-42,\"b\":true,\"a\":[\"1\",\"2\"],\"z\":null,\"o\":{\"k\":\"v\"}}");
        assertThat(JsonReader.read(text)).isEqualTo(o);
    }

    @Test
    void escapesControlsQuotesAndLineSeparators() throws Exception {
        String nasty = "a\"b\\c\nd\re\tf\u0001g\u2028h\u007f";
        String text = JsonWriter.write(new JsonString(nasty));
        assertThat(text).doesNotContain("\n").doesNotContain("\r").contains("\\u0001").contains("\\u2028");
        assertThat(JsonReader.read(text)).isEqualTo(new JsonString(nasty));
    }

    @Test
    void keepsUnicodeAndDecodesSurrogateEscapes() throws Exception {
        assertThat(JsonReader.read("\"gr\\u00fc\\u00DF \\ud83d\\ude00 \u00e9\"")).isEqualTo(new JsonString("grüß \uD83D\uDE00 é"));
        String emoji = "x\uD83D\uDE00y";
        assertThat(JsonWriter.write(new JsonString(emoji))).isEqualTo("\"" + emoji + "\"");
        // a lone surrogate cannot be encoded as UTF-8: it is written as an escape and survives a round trip
        String lone = "a\uD800b";
        assertThat(JsonWriter.write(new JsonString(lone))).isEqualTo("\"a\\ud800b\"");
        assertThat(JsonReader.read(JsonWriter.write(new JsonString(lone)))).isEqualTo(new JsonString(lone));
    }

    @Test
    void boundsNestingDepth() throws Exception {
        String ok = "[".repeat(32) + "]".repeat(32);
        assertThat(JsonReader.read(ok)).isInstanceOf(JsonArray.class);
        String deep = "[".repeat(33) + "]".repeat(33);
        assertThatThrownBy(() -> JsonReader.read(deep)).isInstanceOf(JsonException.class)
                .extracting(e -> ((JsonException) e).kind()).isEqualTo(JsonException.Kind.TOO_DEEP);
        String veryDeep = "{\"a\":".repeat(100_000);
        assertThatThrownBy(() -> JsonReader.read(veryDeep)).isInstanceOf(JsonException.class);
    }

    @Test
    void boundsSizes() {
        var limits = new JsonReader.Limits(100, 8, 10, 5);
        assertThatThrownBy(() -> JsonReader.read("\"" + "x".repeat(11) + "\"", limits))
                .extracting(e -> ((JsonException) e).kind()).isEqualTo(JsonException.Kind.TOO_LONG);
        assertThatThrownBy(() -> JsonReader.read("[1,2,3,4,5,6]", limits))
                .extracting(e -> ((JsonException) e).kind()).isEqualTo(JsonException.Kind.TOO_LONG);
        assertThatThrownBy(() -> JsonReader.read(" ".repeat(101), limits))
                .extracting(e -> ((JsonException) e).kind()).isEqualTo(JsonException.Kind.TOO_LONG);
    }

    @Test
    void rejectsMalformedDocumentsWithTypedErrors() {
        for (String bad : List.of("", "{", "}", "[1,]", "{\"a\"}", "{\"a\":1,}", "{a:1}", "01", "1.", "-", "1e", "+1",
                "\"\\x\"", "\"\\u12G4\"", "\"abc", "\"a\nb\"", "tru", "nul", "[1] 2", "{\"a\":1,\"a\":2}", "\u0000", "NaN")) {
            assertThatThrownBy(() -> JsonReader.read(bad)).as(bad).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void numbersKeepTheirText() throws Exception {
        assertThat(JsonReader.read("12345678901234567890")).isEqualTo(new JsonValue.JsonNumber("12345678901234567890"));
        assertThat(((JsonValue.JsonNumber) JsonReader.read("12345678901234567890")).longValue()).isEmpty();
        assertThat(((JsonValue.JsonNumber) JsonReader.read("-7")).longValue()).hasValue(-7);
        assertThat(JsonReader.read("1.5e-3")).isEqualTo(new JsonValue.JsonNumber("1.5e-3"));
    }

    @Test
    void fuzzedInputOnlyEverYieldsValuesOrJsonExceptions() {
        Random r = new Random(20240613L);
        String alphabet = "{}[]\":,\\ntrufalsenull0123456789.-+eE \t\u00e9\uD83D\uDE00u";
        List<String> seeds = List.of("{\"command\":\"initiate\",\"args\":{\"child\":\"net\",\"timeout\":30}}",
                "[1,2.5,-3e2,true,false,null,\"a\\u0041\"]", "{\"a\":{\"b\":[{\"c\":\"d\"}]}}");
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String input;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(40);
                for (int j = 0; j < len; j++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                input = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder(seeds.get(r.nextInt(seeds.size())));
                int edits = 1 + r.nextInt(4);
                for (int j = 0; j < edits && sb.length() > 0; j++) {
                    int at = r.nextInt(sb.length());
                    switch (r.nextInt(3)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                        default -> sb.setCharAt(at, (char) r.nextInt(0x80));
                    }
                }
                input = sb.toString();
            }
            try {
                JsonValue v = JsonReader.read(input);
                parsed++;
                // anything we accept, we can write and read back identically
                assertThat(JsonReader.read(JsonWriter.write(v))).isEqualTo(v);
            } catch (JsonException expected) {
                assertThat(expected.offset()).isBetween(0, Math.max(input.length(), 1 << 20));
            }
        }
        assertThat(parsed).isPositive();
    }
}
