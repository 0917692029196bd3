package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.xfrm.NetlinkTransport;
import io.ike4j.platform.xfrm.XfrmAbi;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmDirection;
import io.ike4j.platform.xfrm.XfrmError;
import io.ike4j.platform.xfrm.XfrmPolicyId;
import io.ike4j.platform.xfrm.XfrmResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** XfrmDataPlane against a netlink transport that answers like the kernel: what it sends, rollback, sharing. */
class XfrmDataPlaneTest {

    /** Acks every request (or refuses it with the errno {@code refuse} gives for the request's index). */
    static final class FakeKernel implements NetlinkTransport {
        final List<byte[]> sent = new ArrayList<>();
        final Deque<byte[]> replies = new ArrayDeque<>();
        IntUnaryOperator refuse = i -> 0;

        @Override
        public XfrmResult<Void> send(byte[] m) {
            ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
            int type = b.getShort(4) & 0xffff;
            int seq = b.getInt(8);
            int errno = refuse.applyAsInt(sent.size());
            sent.add(m.clone());
            ByteBuffer r = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
            r.putInt(36).putShort((short) XfrmAbi.NLMSG_ERROR).putShort((short) XfrmAbi.NLM_F_CAPPED).putInt(seq).putInt(0);
            r.putInt(-errno).putInt(16).putShort((short) type).putShort((short) 5).putInt(seq).putInt(0);
            replies.add(r.array());
            return XfrmResult.ok(null);
        }

        @Override
        public XfrmResult<Optional<byte[]>> receive(Duration timeout) {
            return XfrmResult.ok(Optional.ofNullable(replies.poll()));
        }

        @Override
        public void close() {
        }

        List<Integer> types() {
            return sent.stream().map(m -> ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getShort(4) & 0xffff).toList();
        }
    }

    static final int NEWSA = XfrmAbi.XFRM_MSG_NEWSA;
    static final int DELSA = XfrmAbi.XFRM_MSG_DELSA;
    static final int UPDPOLICY = XfrmAbi.XFRM_MSG_UPDPOLICY;
    static final int DELPOLICY = XfrmAbi.XFRM_MSG_DELPOLICY;

    final FakeKernel kernel = new FakeKernel();
    final XfrmDataPlane plane = new XfrmDataPlane(new XfrmClient(kernel, Duration.ofSeconds(1), 1));

    @Test
    void installsBothSasAndOutInFwdPoliciesAndRemovesThem() throws Exception {
        plane.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true));
        assertThat(kernel.types()).containsExactly(NEWSA, NEWSA, UPDPOLICY, UPDPOLICY, UPDPOLICY);
        assertThat(plane.policies().keySet()).extracting(XfrmPolicyId::direction)
                .containsExactlyInAnyOrder(XfrmDirection.OUT, XfrmDirection.IN, XfrmDirection.FWD);
        XfrmPolicyId out = plane.policies().keySet().stream().filter(p -> p.direction() == XfrmDirection.OUT).findFirst().orElseThrow();
        assertThat(out.selector().source().getHostAddress()).isEqualTo("10.1.0.0");
        assertThat(out.selector().sourcePrefixLength()).isEqualTo(16);
        assertThat(out.selector().destination().getHostAddress()).isEqualTo("10.2.0.0");
        assertThat(kernel.sent.getFirst()).as("NEWSA carries the key, which the spec does not keep in the clear afterwards")
                .hasSizeGreaterThan(200);
        // a mere ack is no SA: the counters stay unknown (zero) rather than failing
        assertThat(plane.counters(1, 1)).contains(SaCounters.ZERO);
        assertThat(plane.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(kernel.types().subList(5, kernel.types().size()))
                .containsExactly(XfrmAbi.XFRM_MSG_GETSA, DELPOLICY, DELPOLICY, DELPOLICY, DELSA, DELSA);
        assertThat(plane.policies()).isEmpty();
        assertThat(plane.remove(1, 1, 0xa1, 0xb1)).isFalse();
    }

    @Test
    void rekeyedChildSaSharesThePoliciesUntilTheLastOneGoes() throws Exception {
        plane.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        plane.install(UserspaceDataPlaneTest.spec(true, 2, 0xa2, 0xb2, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(plane.policies().values()).containsOnly(2);
        int before = kernel.sent.size();
        plane.remove(1, 1, 0xa1, 0xb1);
        assertThat(kernel.types().subList(before, kernel.types().size())).containsExactly(DELSA, DELSA);
        plane.close();
        assertThat(kernel.types()).endsWith(DELPOLICY, DELPOLICY, DELPOLICY, DELSA, DELSA);
    }

    @Test
    void aRefusalRollsBackAndCarriesTheKernelsReason() throws Exception {
        kernel.refuse = i -> i == 3 ? XfrmError.EINVAL : 0; // the second policy
        assertThatThrownBy(() -> plane.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false)))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("UPDPOLICY failed").hasMessageContaining("EINVAL");
        assertThat(kernel.types()).containsExactly(NEWSA, NEWSA, UPDPOLICY, UPDPOLICY, DELPOLICY, DELSA, DELSA);
        assertThat(plane.policies()).isEmpty();
        assertThat(plane.counters(1, 1)).isEmpty();
    }

    @Test
    void noEspInTheKernelIsATypedRefusal() {
        kernel.refuse = i -> i == 0 ? XfrmError.EPROTONOSUPPORT : 0;
        assertThatThrownBy(() -> plane.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false)))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("no ESP support");
        assertThat(kernel.types()).containsExactly(NEWSA);
    }

    @Test
    void selectorsSplitIntoPrefixesAndPortsBecomeMasks() throws Exception {
        ChildSaSpec base = UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false);
        var local = new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 6, 0, 65535,
                new byte[] {10, 1, 0, 1}, new byte[] {10, 1, 0, 1});
        var remote = new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 6, 443, 443,
                new byte[] {10, 2, 0, 0}, new byte[] {10, 2, 0, 2}); // 10.2.0.0/31 + 10.2.0.2/32
        ChildSaSpec s = new ChildSaSpec(1, 1, "c", "c", 7, ProtocolId.ESP, ChildSaSpec.Mode.TRANSPORT, base.local(),
                base.remote(), false, false, 32, base.inbound(), base.outbound(), List.of(local), List.of(remote),
                ChildSaSpec.Lifetimes.NONE);
        plane.install(s);
        List<XfrmPolicyId> ids = List.copyOf(plane.policies().keySet());
        assertThat(ids).hasSize(4); // two prefixes × (out, in); no fwd in transport mode
        XfrmPolicyId out = ids.stream().filter(p -> p.direction() == XfrmDirection.OUT
                && p.selector().destinationPrefixLength() == 32).findFirst().orElseThrow();
        assertThat(out.selector().protocol()).isEqualTo(6);
        assertThat(out.selector().destinationPort()).isEqualTo(443);
        assertThat(out.selector().destinationPortMask()).isEqualTo(0xffff);
        assertThat(out.selector().sourcePortMask()).isZero();

        var odd = new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 6, 1000, 1002,
                new byte[] {10, 2, 0, 0}, new byte[] {10, 2, 0, 2});
        ChildSaSpec bad = new ChildSaSpec(1, 2, "c", "c", 7, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, base.local(),
                base.remote(), false, false, 32, UserspaceDataPlaneTest.keys(0xa5, 1), UserspaceDataPlaneTest.keys(0xb5, 2),
                List.of(local), List.of(odd), ChildSaSpec.Lifetimes.NONE);
        assertThatThrownBy(() -> plane.install(bad)).hasMessageContaining("port range 1000-1002");
    }

    @Test
    void algorithmsWithoutAKernelNameAreRefusedBeforeAnythingIsSent() throws Exception {
        ChildSaSpec base = UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false);
        var keys = new ChildSaSpec.DirectionKeys(0xa1, EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.NONE,
                new byte[16], new byte[0]);
        var unknown = new ChildSaSpec.DirectionKeys(0xa1, EncryptionAlgorithm.IDEA, 128, IntegrityAlgorithm.NONE,
                new byte[16], new byte[0]);
        ChildSaSpec s = new ChildSaSpec(1, 1, "c", "c", 7, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL, base.local(),
                base.remote(), false, false, 32, unknown, keys, base.localSelectors(), base.remoteSelectors(),
                ChildSaSpec.Lifetimes.NONE);
        assertThatThrownBy(() -> plane.install(s)).isInstanceOf(DataPlaneException.class).hasMessageContaining("no name for IDEA");
        assertThat(kernel.sent).isEmpty();
    }
}
