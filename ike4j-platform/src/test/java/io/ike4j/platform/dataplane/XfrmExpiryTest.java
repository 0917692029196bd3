package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.xfrm.NetlinkTransport;
import io.ike4j.platform.xfrm.XfrmAbi;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmEventListener;
import io.ike4j.platform.xfrm.XfrmResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** XFRM_MSG_EXPIRE notifications of installed SAs reach the expiry listener once per CHILD_SA and kind. */
class XfrmExpiryTest {
    private static final int USERSA_INFO = 224; // sizeof(struct xfrm_usersa_info)

    /** The multicast socket: hands out whatever the test queued, like the kernel's notifications. */
    static final class FakeEvents implements NetlinkTransport {
        final BlockingQueue<byte[]> datagrams = new LinkedBlockingQueue<>();

        @Override
        public XfrmResult<Void> send(byte[] message) {
            return XfrmResult.ok(null);
        }

        @Override
        public XfrmResult<Optional<byte[]>> receive(Duration timeout) {
            try {
                return XfrmResult.ok(Optional.ofNullable(datagrams.poll(timeout.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return XfrmResult.ok(Optional.empty());
            }
        }

        @Override
        public void close() {
        }
    }

    record Expiry(long ikeSaId, long childSaId, boolean hard) {}

    final XfrmDataPlaneTest.FakeKernel kernel = new XfrmDataPlaneTest.FakeKernel();
    final FakeEvents events = new FakeEvents();
    final XfrmDataPlane plane = new XfrmDataPlane(new XfrmClient(kernel, Duration.ofSeconds(1), 1),
            () -> XfrmResult.ok(new XfrmEventListener(events)));
    final BlockingQueue<Expiry> seen = new LinkedBlockingQueue<>();

    /**
     * struct xfrm_user_expire as the kernel sends it: the SA's xfrm_usersa_info (taken from the NEWSA the plane sent
     * for it, so addresses and SPI are the installed ones) and the hard flag, padded to 8 bytes.
     */
    static byte[] expire(byte[] newSa, boolean hard) {
        int len = 16 + USERSA_INFO + 8;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) XfrmAbi.XFRM_MSG_EXPIRE).putShort((short) 0).putInt(0).putInt(0);
        b.put(newSa, 16, USERSA_INFO).put((byte) (hard ? 1 : 0));
        return b.array();
    }

    @Test
    void expiresOfBothSasAreReportedOncePerKindAndForeignOnesIgnored() throws Exception {
        plane.expiryListener((ike, child, hard) -> seen.add(new Expiry(ike, child, hard)));
        plane.install(UserspaceDataPlaneTest.spec(true, 7, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true));
        List<byte[]> newSas = kernel.sent.stream().filter(m -> (ByteBuffer.wrap(m).order(ByteOrder.nativeOrder())
                .getShort(4) & 0xffff) == XfrmAbi.XFRM_MSG_NEWSA).toList();
        assertThat(newSas).hasSize(2); // inbound, outbound

        // the kernel expires the inbound and the outbound SA separately: one soft report for the CHILD_SA
        events.datagrams.add(expire(newSas.get(0), false));
        events.datagrams.add(expire(newSas.get(1), false));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(1, 7, false));
        events.datagrams.add(expire(newSas.get(1), true));
        events.datagrams.add(expire(newSas.get(0), true));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(1, 7, true));

        // an SA we did not install (other SPI) is ignored
        byte[] foreign = expire(newSas.get(0), true);
        ByteBuffer.wrap(foreign).putInt(16 + 56 + 16, 0x0badf00d); // xfrm_usersa_info.id.spi (after the selector and daddr)
        events.datagrams.add(foreign);
        // drain: a later marker event proves the earlier ones were processed
        plane.install(UserspaceDataPlaneTest.spec(true, 8, 0xa2, 0xb2, ChildSaSpec.Lifetimes.NONE, true));
        byte[] marker = kernel.sent.stream().filter(m -> (ByteBuffer.wrap(m).order(ByteOrder.nativeOrder())
                .getShort(4) & 0xffff) == XfrmAbi.XFRM_MSG_NEWSA).toList().get(2);
        events.datagrams.add(expire(marker, false));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(1, 8, false));
        assertThat(seen).isEmpty();

        // once removed, the CHILD_SA's late expires are not ours any more
        assertThat(plane.remove(1, 8, 0xa2, 0xb2)).isTrue();
        events.datagrams.add(expire(marker, true));
        events.datagrams.add(expire(newSas.get(0), true)); // CHILD_SA 7 already reported hard: not again
        plane.install(UserspaceDataPlaneTest.spec(true, 9, 0xa3, 0xb3, ChildSaSpec.Lifetimes.NONE, true));
        byte[] marker2 = kernel.sent.stream().filter(m -> (ByteBuffer.wrap(m).order(ByteOrder.nativeOrder())
                .getShort(4) & 0xffff) == XfrmAbi.XFRM_MSG_NEWSA).toList().get(4);
        events.datagrams.add(expire(marker2, true));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(1, 9, true));
        assertThat(seen).isEmpty();
        plane.close();
    }

    @Test
    void aReassignedChildSaExpiresUnderItsNewIkeSaOnce() throws Exception {
        plane.expiryListener((ike, child, hard) -> seen.add(new Expiry(ike, child, hard)));
        plane.install(UserspaceDataPlaneTest.spec(true, 7, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true));
        List<byte[]> newSas = kernel.sent.stream().filter(m -> (ByteBuffer.wrap(m).order(ByteOrder.nativeOrder())
                .getShort(4) & 0xffff) == XfrmAbi.XFRM_MSG_NEWSA).toList();
        events.datagrams.add(expire(newSas.get(0), false));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(1, 7, false));

        int sentBefore = kernel.sent.size();
        assertThat(plane.reassign(1, 4, 7, 0xa1, 0xb1)).isTrue();
        assertThat(kernel.sent).as("the kernel's SAs and policies stay as they are").hasSize(sentBefore);
        events.datagrams.add(expire(newSas.get(1), false)); // soft already reported for this CHILD_SA
        events.datagrams.add(expire(newSas.get(1), true));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Expiry(4, 7, true));
        assertThat(plane.remove(1, 7, 0xa1, 0xb1)).isFalse();
        assertThat(plane.remove(4, 7, 0xa1, 0xb1)).isTrue();
        assertThat(seen).isEmpty();
        plane.close();
    }
}
