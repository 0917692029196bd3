package io.ike4j.daemon.control;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an {@link IkeSaInfo} with strongSwan VICI {@code list-sa} key names, so scripts written against
 * {@code swanctl}/VICI keep working. Like VICI, every scalar is a string ({@code "uniqueid":"3"}, {@code "initiator":"yes"}).
 * One deliberate difference: VICI nests CHILD_SAs as sections keyed {@code <name>-<uniqueid>}; here {@code child-sas} is
 * an array of objects, each carrying {@code name} and {@code uniqueid}, so the key is reconstructible and order kept.
 */
public final class SaJson {
    /** Traffic counters of one CHILD_SA (from the data plane); zeros where not known. */
    public record Counters(long bytesIn, long packetsIn, long bytesOut, long packetsOut) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);
    }

    /** Looks up a CHILD_SA's counters by the engine's ids. */
    @FunctionalInterface
    public interface CounterSource {
        Counters counters(long ikeSaId, long childSaId);

        CounterSource NONE = (a, b) -> Counters.ZERO;
    }

    private SaJson() {}

    public static JsonObject ikeSa(IkeSaInfo sa, long nowEpochSecond, CounterSource counters) {
        JsonObject.Builder b = JsonObject.builder()
                .put("name", sa.connection())
                .put("uniqueid", Long.toString(sa.ikeSaId()))
                .put("version", Integer.toString(sa.version()))
                .put("state", sa.state())
                .put("local-host", sa.local().address().getHostAddress())
                .put("local-port", Integer.toString(sa.local().port()))
                .put("local-id", sa.localId())
                .put("remote-host", sa.remote().address().getHostAddress())
                .put("remote-port", Integer.toString(sa.remote().port()))
                .put("remote-id", sa.remoteId())
                .put("initiator", yesNo(sa.initiator()))
                .put("initiator-spi", String.format("%016x", sa.initiatorSpi()))
                .put("responder-spi", String.format("%016x", sa.responderSpi()))
                .put("nat-local", yesNo(sa.natLocal()))
                .put("nat-remote", yesNo(sa.natRemote()))
                .put("encr-alg", sa.encryption());
        if (sa.encryptionKeyBits() > 0) b.put("encr-keysize", Integer.toString(sa.encryptionKeyBits()));
        if (sa.integrity() != null && !sa.integrity().isEmpty()) b.put("integ-alg", sa.integrity());
        b.put("prf-alg", sa.prf()).put("dh-group", sa.keyExchange());
        if (sa.establishedAtEpochSecond() > 0) {
            b.put("established", Long.toString(Math.max(0, nowEpochSecond - sa.establishedAtEpochSecond())));
        }
        // VICI lists virtual IPs only when there are some
        if (!sa.localVips().isEmpty()) b.putStrings("local-vips", sa.localVips().stream().map(InetAddress::getHostAddress).toList());
        if (!sa.remoteVips().isEmpty()) b.putStrings("remote-vips", sa.remoteVips().stream().map(InetAddress::getHostAddress).toList());
        List<JsonValue> children = new ArrayList<>(sa.children().size());
        for (ChildSaInfo c : sa.children()) children.add(childSa(c, nowEpochSecond, counters.counters(sa.ikeSaId(), c.childSaId())));
        b.put("child-sas", new JsonValue.JsonArray(children));
        return b.build();
    }

    public static JsonObject childSa(ChildSaInfo c, long nowEpochSecond, Counters n) {
        JsonObject.Builder b = JsonObject.builder()
                .put("name", c.name())
                .put("uniqueid", Long.toString(c.childSaId()))
                .put("state", c.state())
                .put("mode", c.mode())
                .put("protocol", c.protocol())
                .put("encap", yesNo(c.udpEncapsulation()))
                .put("spi-in", String.format("%08x", c.spiIn()))
                .put("spi-out", String.format("%08x", c.spiOut()))
                .put("encr-alg", c.encryption());
        if (c.encryptionKeyBits() > 0) b.put("encr-keysize", Integer.toString(c.encryptionKeyBits()));
        if (c.integrity() != null && !c.integrity().isEmpty()) b.put("integ-alg", c.integrity());
        if (c.keyExchange() != null && !c.keyExchange().isEmpty()) b.put("dh-group", c.keyExchange());
        b.put("esn", c.esn() ? "1" : "0")
                .put("bytes-in", Long.toString(n.bytesIn()))
                .put("packets-in", Long.toString(n.packetsIn()))
                .put("bytes-out", Long.toString(n.bytesOut()))
                .put("packets-out", Long.toString(n.packetsOut()));
        if (c.installedAtEpochSecond() > 0) {
            b.put("install-time", Long.toString(Math.max(0, nowEpochSecond - c.installedAtEpochSecond())));
        }
        return b.putStrings("local-ts", c.localSelectors()).putStrings("remote-ts", c.remoteSelectors()).build();
    }

    private static String yesNo(boolean v) {
        return v ? "yes" : "no";
    }
}
