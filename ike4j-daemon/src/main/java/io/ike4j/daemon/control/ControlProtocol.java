package io.ike4j.daemon.control;

import io.ike4j.daemon.control.json.JsonValue.JsonObject;

/**
 * The control protocol's message shapes. A client sends one request per line,
 * {@code {"command":"initiate","args":{"child":"net","ike":"home","timeout":30}}}; the server answers with zero or more
 * event lines ({@code {"type":"log","message":…}}, {@code {"type":"sa","sa":{…}}}, {@code {"type":"conn","conn":{…}}})
 * and exactly one final line {@code {"type":"result","ok":true,"message":…[,"data":{…}]}} or
 * {@code {"type":"result","ok":false,"error":"not-found","message":…}}. Several requests may follow on one connection.
 */
public final class ControlProtocol {
    public static final String INITIATE = "initiate";
    public static final String TERMINATE = "terminate";
    public static final String REKEY = "rekey";
    /** Redirect established peers to another gateway (RFC 5685 5; swanctl --redirect). */
    public static final String REDIRECT = "redirect";
    public static final String LIST_SAS = "list-sas";
    public static final String LIST_CONNS = "list-conns";
    public static final String LIST_POOLS = "list-pools";
    public static final String LOAD_ALL = "load-all";
    public static final String STATS = "stats";
    public static final String VERSION = "version";

    private ControlProtocol() {}

    public static JsonObject request(String command, JsonObject args) {
        return JsonObject.builder().put("command", command).put("args", args).build();
    }

    public static JsonObject log(String message) {
        return JsonObject.builder().put("type", "log").put("message", message).build();
    }

    public static JsonObject ok(String message, JsonObject data) {
        JsonObject.Builder b = JsonObject.builder().put("type", "result").put("ok", true).put("message", message);
        if (data != null) b.put("data", data);
        return b.build();
    }

    public static JsonObject error(ErrorCode code, String message) {
        return JsonObject.builder().put("type", "result").put("ok", false).put("error", code.wireName())
                .put("message", message).build();
    }

    public static JsonObject result(ControlResult r) {
        return switch (r) {
            case ControlResult.Ok ok -> ok(ok.message(), null);
            case ControlResult.Failed f -> error(f.code(), f.message());
        };
    }

    public static boolean isFinal(JsonObject message) {
        return "result".equals(message.string("type").orElse(""));
    }
}
