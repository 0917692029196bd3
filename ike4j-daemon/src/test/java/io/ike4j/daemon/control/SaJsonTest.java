package io.ike4j.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SaJsonTest {
    public static IkeSaInfo fixture() throws Exception {
        ChildSaInfo child = new ChildSaInfo(7, "net", "INSTALLED", "TUNNEL", "ESP", false, 0xc1ad4fa3, 0x0000beef, "AES_GCM_16", 256,
                "", "CURVE_25519", false, List.of("10.1.0.0/16"), List.of("10.2.0.0/16", "10.3.0.0/16"), 1_000);
        return new IkeSaInfo(3, "home", "ESTABLISHED", 2, new Endpoint(InetAddress.getByName("192.0.2.1"), 500),
                new Endpoint(InetAddress.getByName("2001:db8::2"), 4500), "moon.example", "sun.example",
                0x1d0ee7c3f8aa4f4bL, 0x00000000000000abL, true, "AES_CBC", 128, "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256",
                "CURVE_25519", false, true, 900, List.of(child));
    }

    @Test
    void usesViciListSaNamesAndFormats() throws Exception {
        JsonObject o = SaJson.ikeSa(fixture(), 1_045, (ike, child) -> new SaJson.Counters(100, 2, 300, 4));
        assertThat(o.members().keySet()).containsExactly("name", "uniqueid", "version", "state", "local-host", "local-port",
                "local-id", "remote-host", "remote-port", "remote-id", "initiator", "initiator-spi", "responder-spi", "nat-local",
                "nat-remote", "encr-alg", "encr-keysize", "integ-alg", "prf-alg", "dh-group", "established", "child-sas");
        assertThat(o.string("name")).hasValue("home");
        assertThat(o.string("uniqueid")).hasValue("3");
        assertThat(o.string("version")).hasValue("2");
        assertThat(o.string("state")).hasValue("ESTABLISHED");
        assertThat(o.string("local-host")).hasValue("192.0.2.1");
        assertThat(o.string("remote-host")).hasValue("2001:db8:0:0:0:0:0:2");
        assertThat(o.string("remote-port")).hasValue("4500");
        assertThat(o.string("initiator")).hasValue("yes");
        assertThat(o.string("initiator-spi")).hasValue("1d0ee7c3f8aa4f4b");
        assertThat(o.string("responder-spi")).hasValue("00000000000000ab");
        assertThat(o.string("nat-local")).hasValue("no");
        assertThat(o.string("nat-remote")).hasValue("yes");
        assertThat(o.string("encr-keysize")).hasValue("128");
        assertThat(o.string("established")).hasValue("145");

        List<JsonObject> children = ControlJson.objects(o, "child-sas");
        assertThat(children).hasSize(1);
        JsonObject c = children.getFirst();
        assertThat(c.string("name")).hasValue("net");
        assertThat(c.string("uniqueid")).hasValue("7");
        assertThat(c.string("state")).hasValue("INSTALLED");
        assertThat(c.string("mode")).hasValue("TUNNEL");
        assertThat(c.string("protocol")).hasValue("ESP");
        assertThat(c.string("encap")).hasValue("no");
        assertThat(c.string("spi-in")).hasValue("c1ad4fa3");
        assertThat(c.string("spi-out")).hasValue("0000beef");
        assertThat(c.string("encr-alg")).hasValue("AES_GCM_16");
        assertThat(c.string("encr-keysize")).hasValue("256");
        assertThat(c.get("integ-alg")).isEmpty(); // AEAD: VICI omits integ-alg
        assertThat(c.string("dh-group")).hasValue("CURVE_25519");
        assertThat(c.string("esn")).hasValue("0");
        assertThat(c.string("bytes-in")).hasValue("100");
        assertThat(c.string("packets-in")).hasValue("2");
        assertThat(c.string("bytes-out")).hasValue("300");
        assertThat(c.string("packets-out")).hasValue("4");
        assertThat(c.string("install-time")).hasValue("45");
        assertThat(ControlJson.strings(c, "local-ts")).containsExactly("10.1.0.0/16");
        assertThat(ControlJson.strings(c, "remote-ts")).containsExactly("10.2.0.0/16", "10.3.0.0/16");
        assertThat(c.get("local-ts").orElseThrow()).isInstanceOf(JsonValue.JsonArray.class);
    }

    @Test
    void virtualIpsAreListedLikeViciWhenThereAreSome() throws Exception {
        IkeSaInfo f = fixture();
        IkeSaInfo withVips = new IkeSaInfo(f.ikeSaId(), f.connection(), f.state(), 1, f.local(), f.remote(), f.localId(),
                f.remoteId(), f.initiatorSpi(), f.responderSpi(), f.initiator(), f.encryption(), f.encryptionKeyBits(),
                f.integrity(), f.prf(), f.keyExchange(), f.natLocal(), f.natRemote(), f.establishedAtEpochSecond(), f.children(),
                List.of(InetAddress.getByName("10.3.0.1")), List.of(InetAddress.getByName("10.4.0.7"), InetAddress.getByName("fd00::7")));
        JsonObject o = SaJson.ikeSa(withVips, 1_045, (ike, child) -> SaJson.Counters.ZERO);
        assertThat(ControlJson.strings(o, "local-vips")).containsExactly("10.3.0.1");
        assertThat(ControlJson.strings(o, "remote-vips")).containsExactly("10.4.0.7", "fd00:0:0:0:0:0:0:7");
        assertThat(SaJson.ikeSa(f, 1_045, (ike, child) -> SaJson.Counters.ZERO).get("local-vips")).isEmpty();
    }
}
