package io.ike4j.platform.tun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrsSplitTest {
    @Test
    void defaultPrefixesBecomeTwoHalvesAndOthersStay() {
        assertThat(Cidrs.splitDefault(List.of("0.0.0.0/0", "10.2.0.0/16", "::/0")))
                .containsExactly("0.0.0.0/1", "128.0.0.0/1", "10.2.0.0/16", "::/1", "8000::/1");
    }

    @Test
    void containmentFollowsThePrefixLength() throws Exception {
        InetAddress peer = InetAddress.getByName("192.0.2.2");
        assertThat(Cidrs.contains("128.0.0.0/1", peer)).isTrue();
        assertThat(Cidrs.contains("0.0.0.0/1", peer)).isFalse();
        assertThat(Cidrs.contains("192.0.2.0/31", peer)).isFalse();
        assertThat(Cidrs.contains("192.0.2.2/32", peer)).isTrue();
        assertThat(Cidrs.contains("192.0.2.0/23", peer)).isTrue();
        assertThat(Cidrs.contains("::/1", peer)).as("other family").isFalse();
        assertThat(Cidrs.contains("2001:db8::/32", InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(Cidrs.contains("8000::/1", InetAddress.getByName("2001:db8::1"))).isFalse();
    }
}
