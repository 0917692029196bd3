package io.ike4j.daemon.control.json.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.daemon.control.json.JsonException;
import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonWriter;

/**
 * Control socket JSON: any text parses or raises {@link JsonException} (depth, size and member limits hold, no stack
 * overflow); what parses writes back to text that parses to an equal value, and writing is stable.
 */
class JsonReaderFuzz {

    @FuzzTest
    void read(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        JsonValue v;
        try {
            v = JsonReader.read(text);
        } catch (JsonException e) {
            assertThat(e.getMessage()).isNotNull();
            return;
        }
        String written = JsonWriter.write(v);
        JsonValue again;
        try {
            again = JsonReader.read(written);
        } catch (JsonException e) {
            throw new AssertionError("written JSON does not parse: " + written, e);
        }
        assertThat(again).isEqualTo(v);
        assertThat(JsonWriter.write(again)).isEqualTo(written);
    }
}
