package io.ike4j.daemon.control.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A JSON value as read by {@link JsonReader} and written by {@link JsonWriter}. Objects keep member order. */
public sealed interface JsonValue {

    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public static Builder builder() {
            return new Builder();
        }

        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        /** The member as a string, if present and a string. */
        public Optional<String> string(String key) {
            return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
        }

        public OptionalLong number(String key) {
            return members.get(key) instanceof JsonNumber n ? n.longValue() : OptionalLong.empty();
        }

        public Optional<Boolean> bool(String key) {
            return members.get(key) instanceof JsonBool b ? Optional.of(b.value()) : Optional.empty();
        }

        public Optional<JsonObject> object(String key) {
            return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        }

        public Optional<JsonArray> array(String key) {
            return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        public static JsonArray ofStrings(List<String> values) {
            List<JsonValue> out = new ArrayList<>(values.size());
            for (String v : values) out.add(new JsonString(v));
            return new JsonArray(out);
        }
    }

    record JsonString(String value) implements JsonValue {
        public JsonString {
            if (value == null) throw new IllegalArgumentException("null string");
        }
    }

    /** A number kept as its (validated) JSON text, so no precision is lost. */
    record JsonNumber(String text) implements JsonValue {
        public static JsonNumber of(long v) {
            return new JsonNumber(Long.toString(v));
        }

        /** The value if it is an integer that fits a long. */
        public OptionalLong longValue() {
            try {
                return OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    record JsonBool(boolean value) implements JsonValue {}

    enum JsonNull implements JsonValue { INSTANCE }

    /** Builds an object in insertion order. */
    final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        public Builder put(String key, JsonValue value) {
            members.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, value == null ? JsonNull.INSTANCE : new JsonString(value));
        }

        public Builder put(String key, long value) {
            return put(key, JsonNumber.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, new JsonBool(value));
        }

        public Builder putStrings(String key, List<String> values) {
            return put(key, JsonArray.ofStrings(values));
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
