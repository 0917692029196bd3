package io.ike4j.platform.xfrm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.platform.xfrm.XfrmDecoder;
import io.ike4j.platform.xfrm.XfrmMessage;
import java.util.List;

/**
 * What the kernel sends on NETLINK_XFRM: any bytes (and any claimed length) decode to a list of
 * {@link XfrmMessage} (malformed parts as {@link XfrmMessage.Malformed}), never an exception.
 */
class XfrmDecoderFuzz {

    @FuzzTest
    void decode(byte[] data) {
        List<XfrmMessage> all = XfrmDecoder.decode(data, data.length);
        assertThat(all).doesNotContainNull();
        all.forEach(Object::toString);
        // a shorter claimed length (a truncated read) and a longer one are handled the same way
        XfrmDecoder.decode(data, data.length / 2);
        assertThat(XfrmDecoder.decode(data, data.length + 100)).isEqualTo(all);
    }
}
