package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.dataplane.XfrmDataPlaneTest.FakeKernel;
import io.ike4j.platform.xfrm.XfrmAbi;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmDecoder;
import io.ike4j.platform.xfrm.XfrmMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 1.3.3 on the XFRM data plane: the responder of a CHILD_SA rekey installs the new inbound SA at once but
 * its outbound SA only once the replaced CHILD_SA is removed (the kernel would otherwise pick the newest outbound SA of
 * the same reqid at once). Checked against a netlink transport that acks like the kernel, reading what was sent.
 */
class XfrmDeferredOutboundTest {
    static final int NEWSA = XfrmAbi.XFRM_MSG_NEWSA;
    static final int DELSA = XfrmAbi.XFRM_MSG_DELSA;
    static final int UPDPOLICY = XfrmAbi.XFRM_MSG_UPDPOLICY;
    static final int DELPOLICY = XfrmAbi.XFRM_MSG_DELPOLICY;
    /** struct xfrm_userpolicy_info's dir byte, after the netlink header (selector 56, lft 64, curlft 32, priority, index). */
    static final int POLICY_DIR_OFFSET = 16 + 56 + 64 + 32 + 8;
    static final int DIR_OUT = 1;

    final FakeKernel kernel = new FakeKernel();
    final XfrmDataPlane plane = new XfrmDataPlane(new XfrmClient(kernel, Duration.ofSeconds(1), 1));

    private static int typeOf(byte[] m) {
        return java.nio.ByteBuffer.wrap(m).order(java.nio.ByteOrder.nativeOrder()).getShort(4) & 0xffff;
    }

    private static ChildSaSpec spec(long child, int in, int out) throws Exception {
        return UserspaceDataPlaneTest.spec(true, child, in, out, ChildSaSpec.Lifetimes.NONE, true);
    }

    private List<Integer> typesSince(int from) {
        return kernel.types().subList(from, kernel.types().size());
    }

    /** The SPIs of the SAs added (NEWSA) since request {@code from}. */
    private List<Integer> addedSpis(int from) {
        return kernel.sent.subList(from, kernel.sent.size()).stream()
                .filter(m -> typeOf(m) == NEWSA)
                .map(m -> ((XfrmMessage.SaReply) XfrmDecoder.decode(m, m.length).getFirst()).sa().spi()).toList();
    }

    private List<Integer> policyDirections(int from) {
        return kernel.sent.subList(from, kernel.sent.size()).stream().filter(m -> typeOf(m) == UPDPOLICY)
                .map(m -> (int) m[POLICY_DIR_OFFSET]).toList();
    }

    @Test
    void theRekeyResponderSendsOnTheOldSaUntilItIsRemoved() throws Exception {
        plane.install(spec(1, 0xa1, 0xb1));
        int mark = kernel.sent.size();
        plane.install(spec(2, 0xa2, 0xb2), true);
        assertThat(typesSince(mark)).as("only the new inbound SA and its in/fwd policies").containsExactly(NEWSA, UPDPOLICY, UPDPOLICY);
        assertThat(addedSpis(mark)).containsExactly(0xa2);
        assertThat(policyDirections(mark)).doesNotContain(DIR_OUT);
        assertThat(plane.outboundActive(1, 2)).contains(false);
        assertThat(plane.outboundActive(1, 1)).contains(true);
        assertThat(plane.policies().values()).as("the new CHILD_SA holds every policy").containsOnly(2);

        mark = kernel.sent.size();
        assertThat(plane.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(typesSince(mark)).as("the new outbound SA and the out policy's new template, then the old SAs deleted")
                .containsExactly(NEWSA, UPDPOLICY, DELSA, DELSA);
        assertThat(addedSpis(mark)).containsExactly(0xb2);
        assertThat(policyDirections(mark)).containsExactly(DIR_OUT);
        assertThat(plane.outboundActive(1, 2)).contains(true);
        assertThat(plane.policies().values()).containsOnly(1);

        mark = kernel.sent.size();
        assertThat(plane.remove(1, 2, 0xa2, 0xb2)).isTrue();
        assertThat(typesSince(mark)).containsExactly(DELPOLICY, DELPOLICY, DELPOLICY, DELSA, DELSA);
        assertThat(plane.policies()).isEmpty();
    }

    @Test
    void withNothingToReplaceTheOutboundSaIsInstalledAtOnce() throws Exception {
        plane.install(spec(1, 0xa1, 0xb1), true);
        assertThat(kernel.types()).containsExactly(NEWSA, NEWSA, UPDPOLICY, UPDPOLICY, UPDPOLICY);
        assertThat(plane.outboundActive(1, 1)).contains(true);
    }

    @Test
    void aTrapOnTheSameSelectorsIsNoCarrierToWaitFor() throws Exception {
        ChildSaSpec s = spec(1, 0xa1, 0xb1);
        try (XfrmDataPlane withTraps = new XfrmDataPlane(new XfrmClient(kernel, Duration.ofSeconds(1), 1),
                () -> io.ike4j.platform.xfrm.XfrmResult.ok(new io.ike4j.platform.xfrm.XfrmEventListener(new Silent())))) {
            withTraps.installTrap(new io.ike4j.core.engine.TrapPolicy("conn", "child", s.mode(), s.local().address(),
                    s.remote().address(), s.localSelectors(), s.remoteSelectors()));
            withTraps.install(s, true);
            assertThat(withTraps.outboundActive(1, 1)).as("only a trap holds the out policy").contains(true);
        }
    }

    /** An event socket on which nothing happens. */
    private static final class Silent implements io.ike4j.platform.xfrm.NetlinkTransport {
        @Override
        public io.ike4j.platform.xfrm.XfrmResult<Void> send(byte[] message) {
            return io.ike4j.platform.xfrm.XfrmResult.ok(null);
        }

        @Override
        public io.ike4j.platform.xfrm.XfrmResult<java.util.Optional<byte[]>> receive(Duration timeout) {
            try {
                Thread.sleep(Math.min(timeout.toMillis(), 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return io.ike4j.platform.xfrm.XfrmResult.ok(java.util.Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDeferredSaRemovedBeforeItsTurnNeverSendsAndTheOldOneKeepsGoing() throws Exception {
        plane.install(spec(1, 0xa1, 0xb1));
        plane.install(spec(2, 0xa2, 0xb2), true);
        int mark = kernel.sent.size();
        assertThat(plane.remove(1, 2, 0xa2, 0xb2)).isTrue();
        assertThat(typesSince(mark)).as("only its inbound SA existed").containsExactly(DELSA);
        assertThat(plane.outboundActive(1, 1)).contains(true);
        assertThat(plane.policies().values()).containsOnly(1);
        assertThat(plane.counters(1, 2)).isEmpty();
    }

    @Test
    void aRefusedDeferredOutboundSaLeavesTheNewChildSaInboundOnly() throws Exception {
        plane.install(spec(1, 0xa1, 0xb1));
        plane.install(spec(2, 0xa2, 0xb2), true);
        int refuseAt = kernel.sent.size(); // the deferred NEWSA, sent before the old CHILD_SA's SAs are deleted
        kernel.refuse = i -> i == refuseAt ? io.ike4j.platform.xfrm.XfrmError.EEXIST : 0;
        assertThat(plane.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(plane.outboundActive(1, 2)).contains(false);
        int mark = kernel.sent.size();
        assertThat(plane.remove(1, 2, 0xa2, 0xb2)).isTrue();
        assertThat(typesSince(mark)).containsExactly(DELPOLICY, DELPOLICY, DELPOLICY, DELSA);
    }

    @Test
    void closingWipesAndRemovesAWaitingSaWithoutInstallingIt() throws Exception {
        plane.install(spec(1, 0xa1, 0xb1));
        plane.install(spec(2, 0xa2, 0xb2), true);
        int mark = kernel.sent.size();
        plane.close();
        assertThat(typesSince(mark)).doesNotContain(NEWSA);
        assertThat(typesSince(mark).stream().filter(t -> t == DELSA)).hasSize(3);
    }
}
