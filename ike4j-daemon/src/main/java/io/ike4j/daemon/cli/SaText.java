package io.ike4j.daemon.cli;

import io.ike4j.daemon.control.ControlJson;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.util.List;

/** Human-readable renderings resembling {@code swanctl --list-sas} / {@code --list-conns}, built from the control JSON. */
final class SaText {
    private SaText() {}

    static String render(JsonObject sa) {
        StringBuilder sb = new StringBuilder();
        boolean initiator = "yes".equals(s(sa, "initiator"));
        sb.append(s(sa, "name")).append(": #").append(s(sa, "uniqueid")).append(", ").append(s(sa, "state"))
                .append(", IKEv").append(s(sa, "version")).append(", ")
                .append(s(sa, "initiator-spi")).append("_i").append(initiator ? "*" : "").append(' ')
                .append(s(sa, "responder-spi")).append("_r").append(initiator ? "" : "*").append('\n');
        sb.append("  local  '").append(s(sa, "local-id")).append("' @ ").append(s(sa, "local-host"))
                .append('[').append(s(sa, "local-port")).append(']').append("yes".equals(s(sa, "nat-local")) ? " (behind NAT)" : "")
                .append(vips(sa, "local-vips")).append('\n');
        sb.append("  remote '").append(s(sa, "remote-id")).append("' @ ").append(s(sa, "remote-host"))
                .append('[').append(s(sa, "remote-port")).append(']').append("yes".equals(s(sa, "nat-remote")) ? " (behind NAT)" : "")
                .append(vips(sa, "remote-vips")).append('\n');
        sb.append("  ").append(alg(sa)).append('/').append(s(sa, "prf-alg")).append('/').append(s(sa, "dh-group")).append('\n');
        if (sa.string("established").isPresent()) sb.append("  established ").append(s(sa, "established")).append("s ago\n");
        for (JsonObject c : ControlJson.objects(sa, "child-sas")) {
            sb.append("  ").append(s(c, "name")).append(": #").append(s(c, "uniqueid")).append(", ").append(s(c, "state"))
                    .append(", ").append(s(c, "mode")).append("yes".equals(s(c, "encap")) ? "-in-UDP" : "")
                    .append(", ").append(s(c, "protocol")).append(':').append(alg(c))
                    .append(c.string("dh-group").map(g -> "/" + g).orElse("")).append('\n');
            if (c.string("install-time").isPresent()) sb.append("    installed ").append(s(c, "install-time")).append("s ago\n");
            sb.append(String.format("    in  %s, %6s bytes, %5s packets%n", s(c, "spi-in"), s(c, "bytes-in"), s(c, "packets-in")));
            sb.append(String.format("    out %s, %6s bytes, %5s packets%n", s(c, "spi-out"), s(c, "bytes-out"), s(c, "packets-out")));
            sb.append("    local  ").append(String.join(" ", ControlJson.strings(c, "local-ts"))).append('\n');
            sb.append("    remote ").append(String.join(" ", ControlJson.strings(c, "remote-ts"))).append('\n');
        }
        return sb.toString();
    }

    /** {@code AES_CBC-128/HMAC_SHA2_256_128} or {@code AES_GCM_16-256} (swanctl's spelling). */
    private static String alg(JsonObject o) {
        String e = s(o, "encr-alg") + o.string("encr-keysize").map(k -> "-" + k).orElse("");
        return o.string("integ-alg").map(i -> e + "/" + i).orElse(e);
    }

    /** swanctl --list-pools: {@code name base online / offline / size}, then the leases when asked for. */
    static String renderPool(JsonObject p) {
        StringBuilder sb = new StringBuilder(String.format("%-20s %-40s %5s / %5s / %5s%n", s(p, "name"), s(p, "base"),
                n(p, "online"), n(p, "offline"), n(p, "size")));
        for (JsonObject l : ControlJson.objects(p, "leases")) {
            sb.append(String.format("  %-39s %-7s '%s'%n", s(l, "address"), s(l, "status"), s(l, "identity")));
        }
        return sb.toString();
    }

    static String renderConnection(JsonObject c) {
        StringBuilder sb = new StringBuilder();
        sb.append(s(c, "name")).append(": IKEv").append(s(c, "version")).append('\n');
        sb.append("  local:  ").append(addrs(ControlJson.strings(c, "local_addrs"))).append('\n');
        sb.append("  remote: ").append(addrs(ControlJson.strings(c, "remote_addrs"))).append('\n');
        sb.append("  local ").append(s(c, "local-auth")).append(" authentication:\n    id: ").append(s(c, "local-id")).append('\n');
        sb.append("  remote ").append(s(c, "remote-auth")).append(" authentication:\n    id: ").append(s(c, "remote-id")).append('\n');
        for (JsonObject ch : ControlJson.objects(c, "children")) {
            sb.append("  ").append(s(ch, "name")).append(": ").append(s(ch, "mode")).append('\n');
            sb.append("    local:  ").append(String.join(" ", ControlJson.strings(ch, "local-ts"))).append('\n');
            sb.append("    remote: ").append(String.join(" ", ControlJson.strings(ch, "remote-ts"))).append('\n');
        }
        return sb.toString();
    }

    static String renderStats(JsonObject d) {
        return "uptime: " + n(d, "uptime") + "s, since epoch " + n(d, "since") + "\n"
                + "IKE_SAs: " + n(d, "ike-sas") + " total, " + n(d, "half-open") + " half-open\n"
                + "CHILD_SAs: " + n(d, "child-sas") + ", installed in the data plane: " + n(d, "installed-child-sas") + "\n"
                + "packets: " + n(d, "packets-in") + " in, " + n(d, "packets-out") + " out\n"
                + "bytes: " + n(d, "bytes-in") + " in, " + n(d, "bytes-out") + " out\n"
                + "retransmits: " + n(d, "retransmits") + ", errors: " + n(d, "errors") + "\n";
    }

    private static String addrs(List<String> a) {
        return a.isEmpty() ? "%any" : String.join(", ", a);
    }

    private static String s(JsonObject o, String key) {
        return o.string(key).orElse("");
    }

    private static String n(JsonObject o, String key) {
        var v = o.number(key);
        return v.isPresent() ? Long.toString(v.getAsLong()) : "?";
    }

    /** swanctl's " [10.3.0.1]" after an endpoint with virtual IPs. */
    private static String vips(JsonObject sa, String key) {
        List<String> v = ControlJson.strings(sa, key);
        return v.isEmpty() ? "" : " [" + String.join(" ", v) + "]";
    }
}
