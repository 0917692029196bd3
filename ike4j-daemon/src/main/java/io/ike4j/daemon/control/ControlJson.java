package io.ike4j.daemon.control;

import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonArray;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** JSON shapes of the non-SA control data (connections, stats) and reading them back on the client side. */
public final class ControlJson {
    private ControlJson() {}

    public static JsonObject connection(ConnectionSummary c) {
        List<JsonValue> children = new ArrayList<>();
        for (ConnectionSummary.Child ch : c.children()) {
            children.add(JsonObject.builder().put("name", ch.name()).put("mode", ch.mode())
                    .putStrings("local-ts", ch.localTs()).putStrings("remote-ts", ch.remoteTs()).build());
        }
        return JsonObject.builder()
                .put("name", c.name())
                .put("version", Integer.toString(c.version()))
                .putStrings("local_addrs", c.localAddrs())
                .putStrings("remote_addrs", c.remoteAddrs())
                .put("local-auth", c.localAuth())
                .put("local-id", c.localId())
                .put("remote-auth", c.remoteAuth())
                .put("remote-id", c.remoteId())
                .put("children", new JsonArray(children))
                .build();
    }

    /** A pool as swanctl's VICI {@code get-pools} names it: base, size, online, offline[, leases]. */
    public static JsonObject pool(io.ike4j.core.pool.PoolStatus p, boolean leases) {
        JsonObject.Builder b = JsonObject.builder().put("name", p.name())
                .put("base", p.base().map(a -> io.ike4j.core.config.IpLiterals.format(a.getAddress()).orElse("")).orElse(""))
                .put("size", p.size()).put("online", p.online()).put("offline", p.offline());
        if (leases) {
            List<JsonValue> ls = new ArrayList<>();
            for (io.ike4j.core.pool.Lease l : p.leases()) {
                ls.add(JsonObject.builder().put("address", io.ike4j.core.config.IpLiterals.format(l.address().getAddress())
                        .orElse("")).put("identity", l.identity()).put("status", l.online() ? "online" : "offline").build());
            }
            b.put("leases", new JsonArray(ls));
        }
        return b.build();
    }

    public static JsonObject stats(StatsSnapshot s) {
        return JsonObject.builder()
                .put("uptime", s.uptimeSeconds())
                .put("since", s.startedAtEpochSecond())
                .put("ike-sas", s.ikeSas())
                .put("half-open", s.halfOpenSas())
                .put("child-sas", s.childSas())
                .put("installed-child-sas", s.installedChildSas())
                .put("packets-in", s.packetsIn())
                .put("packets-out", s.packetsOut())
                .put("bytes-in", s.bytesIn())
                .put("bytes-out", s.bytesOut())
                .put("retransmits", s.retransmits())
                .put("errors", s.errors())
                .build();
    }

    /** Strings of a JSON array member (non-strings skipped); empty if absent. */
    public static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        o.array(key).ifPresent(a -> {
            for (JsonValue v : a.elements()) {
                if (v instanceof JsonValue.JsonString s) out.add(s.value());
            }
        });
        return out;
    }

    /** Objects of a JSON array member (non-objects skipped); empty if absent. */
    public static List<JsonObject> objects(JsonObject o, String key) {
        List<JsonObject> out = new ArrayList<>();
        o.array(key).ifPresent(a -> {
            for (JsonValue v : a.elements()) {
                if (v instanceof JsonObject ob) out.add(ob);
            }
        });
        return out;
    }
}
