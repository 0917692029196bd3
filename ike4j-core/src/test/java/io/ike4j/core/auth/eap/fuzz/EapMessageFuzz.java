package io.ike4j.core.auth.eap.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.auth.eap.EapDecodeResult;
import io.ike4j.core.auth.eap.EapMessage;

/**
 * EAP packets arrive from the peer (IKE_AUTH EAP payloads, RFC 3748 4): decode returns {@link EapDecodeResult}, never
 * throws; a decoded packet re-encodes to the octets it was read from (up to its Length) and re-decodes equal.
 */
class EapMessageFuzz {

    @FuzzTest
    void decode(byte[] packet) {
        EapDecodeResult r = EapMessage.decode(packet);
        assertThat(r).isNotNull();
        if (!(r instanceof EapDecodeResult.Decoded(EapMessage m))) return;
        m.toString();
        m.hasType();
        if (m.hasType() && m.type() == 3) m.nakDesiredTypes();
        byte[] again = m.encode();
        assertThat(again).hasSize(m.length());
        assertThat(EapMessage.decode(again)).isEqualTo(new EapDecodeResult.Decoded(m));
        // RFC 3748 4: octets beyond Length are padding; the encoding is the packet up to Length
        assertThat(again).isEqualTo(java.util.Arrays.copyOf(packet, again.length));
    }
}
