package io.ike4j.platform.radius.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.platform.radius.RadiusDecodeResult;
import io.ike4j.platform.radius.RadiusPacket;
import java.util.Arrays;

/**
 * RADIUS datagrams from the AAA server (RFC 2865 3): decode returns {@link RadiusDecodeResult}, never throws; a
 * decoded packet re-encodes to the datagram up to its Length and re-decodes equal; EAP-Message reassembly
 * (RFC 3579 3.1) never throws.
 */
class RadiusPacketFuzz {

    @FuzzTest
    void decode(byte[] datagram) {
        RadiusDecodeResult r = RadiusPacket.decode(datagram);
        assertThat(r).isNotNull();
        if (!(r instanceof RadiusDecodeResult.Decoded(RadiusPacket p))) return;
        p.eapMessage();
        p.toString();
        byte[] again = p.encode();
        assertThat(again).isEqualTo(Arrays.copyOf(datagram, again.length));
        assertThat(RadiusPacket.decode(again)).isEqualTo(r);
        p.eapMessage().ifPresent(eap -> RadiusPacket.eapAttributes(eap));
    }
}
