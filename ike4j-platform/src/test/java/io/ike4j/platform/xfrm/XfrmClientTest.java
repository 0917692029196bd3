package io.ike4j.platform.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** XfrmClient against a scripted transport: sequence matching, typed errors, bounded waiting. */
class XfrmClientTest {

    static final class Scripted implements NetlinkTransport {
        final List<byte[]> sent = new ArrayList<>();
        final Deque<byte[]> replies = new ArrayDeque<>();
        boolean closed;

        @Override
        public XfrmResult<Void> send(byte[] message) {
            sent.add(message.clone());
            return XfrmResult.ok(null);
        }

        @Override
        public XfrmResult<Optional<byte[]>> receive(Duration timeout) {
            return XfrmResult.ok(Optional.ofNullable(replies.poll()));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void skipsAnswersToOtherRequestsAndReturnsTheAck() {
        Scripted t = new Scripted();
        t.replies.add(XfrmDecoderTest.error(99, XfrmAbi.XFRM_MSG_NEWPOLICY, XfrmError.EEXIST, null)); // someone else's
        t.replies.add(XfrmDecoderTest.error(5, XfrmAbi.XFRM_MSG_NEWPOLICY, 0, null));
        try (XfrmClient c = new XfrmClient(t, Duration.ofSeconds(1), 5)) {
            XfrmResult<Void> r = c.addPolicy(XfrmPolicy.allow(XfrmFixtureTest.OUT, XfrmDirection.OUT, 1, List.of()));
            assertThat(r.isOk()).isTrue();
        }
        assertThat(t.closed).isTrue();
        assertThat(t.sent).hasSize(1);
        assertThat(ByteReader.u32(t.sent.getFirst(), 8)).isEqualTo(5);
    }

    @Test
    void refusedSaIsATypedFailure() {
        Scripted t = new Scripted();
        t.replies.add(XfrmDecoderTest.error(1, XfrmAbi.XFRM_MSG_NEWSA, XfrmError.EPROTONOSUPPORT, "Requested type not found"));
        XfrmClient c = new XfrmClient(t, Duration.ofSeconds(1), 1);
        XfrmResult<Void> r = c.addSa(XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).build());
        assertThat(r).isEqualTo(XfrmResult.failure(new XfrmError("NEWSA", XfrmError.Kind.NO_IPSEC_PROTOCOL,
                XfrmError.EPROTONOSUPPORT, "Requested type not found")));
    }

    @Test
    void allocSpiReturnsTheLarvalSa() {
        Scripted t = new Scripted();
        byte[] answer = XfrmMessages.newSa(XfrmSa.builder(XfrmFixtureTest.A, XfrmFixtureTest.B, 0x1234,
                XfrmFixtureTest.gcm()).reqid(7).build(), 1);
        t.replies.add(answer);
        XfrmClient c = new XfrmClient(t, Duration.ofSeconds(1), 1);
        XfrmResult<XfrmSaInfo> r = c.allocSpi(XfrmSpiRequest.esp(XfrmFixtureTest.A, XfrmFixtureTest.B, 7));
        assertThat(r).isInstanceOf(XfrmResult.Ok.class);
        assertThat(((XfrmResult.Ok<XfrmSaInfo>) r).value().spi()).isEqualTo(0x1234);
    }

    @Test
    void silenceIsATimeoutAndAnAckWithoutSaIsMalformed() {
        Scripted t = new Scripted();
        XfrmClient c = new XfrmClient(t, Duration.ofMillis(10), 1);
        XfrmResult<Void> r = c.deleteSa(XfrmSaId.esp(XfrmFixtureTest.A, XfrmFixtureTest.B, 1));
        assertThat(((XfrmResult.Failure<Void>) r).error().kind()).isEqualTo(XfrmError.Kind.TIMEOUT);

        t.replies.add(XfrmDecoderTest.error(2, XfrmAbi.XFRM_MSG_GETSA, 0, null));
        XfrmResult<XfrmSaInfo> g = c.getSa(XfrmSaId.esp(XfrmFixtureTest.A, XfrmFixtureTest.B, 1));
        assertThat(((XfrmResult.Failure<XfrmSaInfo>) g).error().kind()).isEqualTo(XfrmError.Kind.MALFORMED_REPLY);
    }

    @Test
    void requestBuffersAreWipedAfterSending() {
        List<byte[]> seen = new ArrayList<>();
        NetlinkTransport keep = new NetlinkTransport() {
            @Override
            public XfrmResult<Void> send(byte[] message) {
                seen.add(message); // the very array, not a copy
                return XfrmResult.ok(null);
            }

            @Override
            public XfrmResult<Optional<byte[]>> receive(Duration timeout) {
                return XfrmResult.ok(Optional.empty());
            }

            @Override
            public void close() {
            }
        };
        new XfrmClient(keep, Duration.ofMillis(1), 1).addSa(XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).build());
        assertThat(seen.getFirst()).containsOnly((byte) 0);
    }
}
