package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bin/ike4j list-sas --json} output mapped onto {@link SaView}; needs no lab, always runs. */
class Ike4jListSasJsonTest {

    private static final String ONE_SA = """
            [{"name":"lab","uniqueid":"1","version":"2","state":"ESTABLISHED","local-host":"192.0.2.1",
              "local-port":"4500","local-id":"left.ike4j.test","remote-host":"192.0.2.2","remote-port":"4500",
              "remote-id":"right.ike4j.test","initiator":"yes","initiator-spi":"0A1B2C3D4E5F6071",
              "responder-spi":"8192a3b4c5d6e7f8","nat-local":"no","nat-remote":"yes","encr-alg":"AES_GCM_16",
              "encr-keysize":"256","prf-alg":"PRF_HMAC_SHA2_256","dh-group":"CURVE_25519","established":"3",
              "child-sas":[{"name":"net","uniqueid":"2","state":"INSTALLED","mode":"TUNNEL","protocol":"ESP",
                "encap":"yes","spi-in":"c1a2b3c4","spi-out":"d1e2f3a4","encr-alg":"AES_GCM_16","encr-keysize":"256",
                "esn":"0","bytes-in":"84","packets-in":"1","bytes-out":"0","packets-out":"0",
                "local-ts":["10.1.0.0/16"],"remote-ts":["10.2.0.0/16","10.3.0.0/16"]}]}]
            """;

    @Test
    void parsesAnSaWithItsChild() {
        List<SaView> sas = Ike4jPeer.parseListSas(ONE_SA);

        assertThat(sas).hasSize(1);
        SaView sa = sas.getFirst();
        assertThat(sa.name()).isEqualTo("lab");
        assertThat(sa.version()).isEqualTo(2);
        assertThat(sa.established()).isTrue();
        assertThat(sa.localPort()).isEqualTo(4500);
        assertThat(sa.initiator()).isTrue();
        assertThat(sa.initiatorSpi()).isEqualTo("0a1b2c3d4e5f6071");
        assertThat(sa.natLocal()).isFalse();
        assertThat(sa.natRemote()).isTrue();
        assertThat(sa.encrKeysize()).isEqualTo(256);
        assertThat(sa.integAlg()).isNull();
        assertThat(sa.dhGroup()).isEqualTo("CURVE_25519");
        ChildSaView c = sa.installedChild("net").orElseThrow();
        assertThat(c.encap()).isTrue();
        assertThat(c.spiIn()).isEqualTo("c1a2b3c4");
        assertThat(c.localTs()).containsExactly("10.1.0.0/16");
        assertThat(c.remoteTs()).containsExactly("10.2.0.0/16", "10.3.0.0/16");
        assertThat(c.bytesIn()).isEqualTo(84);
        assertThat(c.packetsIn()).isEqualTo(1);
    }

    @Test
    void emptyListAndNoOutputMeanNoSas() {
        assertThat(Ike4jPeer.parseListSas("[]\n")).isEmpty();
        assertThat(Ike4jPeer.parseListSas("")).isEmpty();
    }

    @Test
    void twoChildrenWithTheSameNameAreBothKept() {
        String json = "[{\"name\":\"a\",\"child-sas\":[{\"name\":\"net\",\"uniqueid\":\"1\",\"state\":\"INSTALLED\"},"
                + "{\"name\":\"net\",\"uniqueid\":\"2\",\"state\":\"REKEYED\"}]}]";
        assertThat(Ike4jPeer.parseListSas(json).getFirst().children()).extracting(ChildSaView::state)
                .containsExactly("INSTALLED", "REKEYED");
    }

    @Test
    void miniJsonReadsEscapesNumbersAndLiterals() {
        Object v = MiniJson.parse("{\"s\":\"a\\\"b\\\\c\\u00e9\\n\",\"n\":-12.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[]}");
        assertThat(v).isEqualTo(new java.util.LinkedHashMap<>(Map.of("s", "a\"b\\c\u00e9\n", "n", "-12.5e3",
                "t", true, "f", false, "a", List.of())) {{ put("z", null); }});
    }

    @Test
    void malformedJsonIsALabExceptionNotACrash() {
        for (String bad : new String[] {"[", "{\"a\" 1}", "[1,]", "\"abc", "[01]", "{}x", "[\"\\x\"]", "nul"}) {
            assertThatThrownBy(() -> MiniJson.parse(bad)).as(bad).isInstanceOf(LabException.class);
        }
        assertThatThrownBy(() -> Ike4jPeer.parseListSas("{\"name\":\"a\"}")).isInstanceOf(LabException.class);
    }
}
