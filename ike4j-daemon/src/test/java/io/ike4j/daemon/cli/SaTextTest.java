package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.daemon.control.SaJson;
import io.ike4j.daemon.control.SaJsonTest;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code list-sas} as text: virtual IPs follow their endpoint in brackets, as swanctl prints them. */
class SaTextTest {
    @Test
    void virtualIpsFollowTheirEndpoint() throws Exception {
        IkeSaInfo f = SaJsonTest.fixture();
        IkeSaInfo withVip = new IkeSaInfo(f.ikeSaId(), f.connection(), f.state(), 1, f.local(), f.remote(), f.localId(),
                f.remoteId(), f.initiatorSpi(), f.responderSpi(), f.initiator(), f.encryption(), f.encryptionKeyBits(),
                f.integrity(), f.prf(), f.keyExchange(), f.natLocal(), f.natRemote(), f.establishedAtEpochSecond(), f.children(),
                List.of(InetAddress.getByName("10.3.0.1")), List.of());
        String text = SaText.render(SaJson.ikeSa(withVip, 1_000, (ike, child) -> SaJson.Counters.ZERO));
        assertThat(text).contains("local  'moon.example' @ 192.0.2.1[500] [10.3.0.1]\n")
                .contains("remote 'sun.example' @ 2001:db8:0:0:0:0:0:2[4500] (behind NAT)\n");
        assertThat(SaText.render(SaJson.ikeSa(f, 1_000, (ike, child) -> SaJson.Counters.ZERO))).doesNotContain("[10.3.0.1]");
    }
}
