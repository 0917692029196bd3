package io.ike4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.payload.IdType;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IdentityTest {
    @Test
    void parsesStrongSwanIdentityStrings() throws Exception {
        assertThat(Identity.of("192.0.2.1")).isEqualTo(new Identity(IdType.ID_IPV4_ADDR, new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(Identity.of("2001:db8::1").type()).contains(IdType.ID_IPV6_ADDR);
        assertThat(Identity.of("2001:db8::1").data()).isEqualTo(InetAddress.getByName("2001:db8::1").getAddress());
        assertThat(Identity.of("@moon.strongswan.org")).isEqualTo(Identity.fqdn("moon.strongswan.org"));
        assertThat(Identity.of("moon.strongswan.org")).isEqualTo(Identity.fqdn("moon.strongswan.org"));
        assertThat(Identity.of("carol@strongswan.org").type()).contains(IdType.ID_RFC822_ADDR);
        assertThat(Identity.of("@#0a0b0c")).isEqualTo(Identity.keyId(new byte[] {10, 11, 12}));
        assertThat(Identity.of("%any").isAny()).isTrue();
        assertThat(Identity.of("%any").type()).isEmpty(); // %any has no IANA ID type and is never sent
        assertThat(Identity.of("*")).isEqualTo(Identity.ANY);
        assertThatThrownBy(Identity.ANY::concreteType).isInstanceOf(IllegalStateException.class);
        assertThat(Identity.of("@#0a").concreteType()).isEqualTo(IdType.ID_KEY_ID);
        assertThat(Identity.parse("@#abc")).isEmpty();
        assertThat(Identity.parse("")).isEmpty();
        assertThatThrownBy(() -> Identity.of("@#zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverResolvesNames() {
        // a name that would need DNS stays an FQDN identity
        assertThat(Identity.of("localhost").type()).contains(IdType.ID_FQDN);
        assertThat(Identity.of("999.1.1.1").type()).contains(IdType.ID_FQDN);
    }

    @Test
    void printsLikeStrongSwan() {
        assertThat(Identity.of("10.1.2.3")).hasToString("10.1.2.3");
        assertThat(Identity.of("@sun")).hasToString("sun");
        assertThat(Identity.of("@#0a0b")).hasToString("0a:0b");  // strongSwan: hex with colons
        assertThat(Identity.of("@#6d6f6f6e")).hasToString("moon");  // ... or the text when printable
        assertThat(Identity.ANY).hasToString("%any");
        assertThat(Identity.of("2001:db8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1");
        assertThat(Identity.of("::1")).hasToString("::1");
        assertThat(Identity.of("fe80::")).hasToString("fe80::");
        assertThat(Identity.of("1:2:3:4:5:6:7:8")).hasToString("1:2:3:4:5:6:7:8");
    }

    @Test
    void matchQuality() {
        Identity sun = Identity.of("sun.example.org");
        assertThat(Identity.ANY.matches(sun)).isEqualTo(Identity.MATCH_ANY);
        assertThat(sun.matches(Identity.of("SUN.example.org"))).isEqualTo(Identity.MATCH_PERFECT);
        assertThat(Identity.of("*.example.org").matches(sun)).isEqualTo(Identity.MATCH_WILDCARD);
        assertThat(Identity.of("*.example.com").matches(sun)).isEqualTo(Identity.MATCH_NONE);
        assertThat(Identity.of("10.0.0.1").matches(Identity.of("10.0.0.2"))).isEqualTo(Identity.MATCH_NONE);
    }
}
