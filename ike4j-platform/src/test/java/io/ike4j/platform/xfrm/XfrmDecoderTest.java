package io.ike4j.platform.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XfrmDecoderTest {

    /** An NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK + NETLINK_EXT_ACK. */
    static byte[] error(int seq, int requestType, int errno, String text) {
        NetlinkBuffer b = new NetlinkBuffer().header(XfrmAbi.NLMSG_ERROR,
                XfrmAbi.NLM_F_CAPPED | (text == null ? 0 : XfrmAbi.NLM_F_ACK_TLVS), seq, 0);
        b.u32(-errno);
        b.u32(16).u16(requestType).u16(5).u32(seq).u32(1234); // echoed request header only (capped)
        if (text != null) {
            int at = b.beginAttribute(XfrmAbi.NLMSGERR_ATTR_MSG);
            b.bytes(text.getBytes(StandardCharsets.US_ASCII)).u8(0);
            b.endAttribute(at);
        }
        return b.finish();
    }

    @Test
    void ackAndTypedErrorWithKernelText() {
        List<XfrmMessage> acks = XfrmDecoder.decode(error(9, XfrmAbi.XFRM_MSG_NEWPOLICY, 0, null), 36);
        assertThat(acks).containsExactly(new XfrmMessage.Ack(9));

        byte[] refused = error(10, XfrmAbi.XFRM_MSG_NEWSA, XfrmError.EPROTONOSUPPORT, "Requested type not found");
        XfrmMessage m = XfrmDecoder.decode(refused, refused.length).getFirst();
        assertThat(m).isEqualTo(new XfrmMessage.Error(10, XfrmAbi.XFRM_MSG_NEWSA, XfrmError.EPROTONOSUPPORT, "Requested type not found"));
        XfrmError e = ((XfrmMessage.Error) m).toError();
        assertThat(e.kind()).isEqualTo(XfrmError.Kind.NO_IPSEC_PROTOCOL);
        assertThat(e.message()).isEqualTo("NEWSA failed: the kernel has no ESP support (CONFIG_INET_ESP) (EPROTONOSUPPORT): "
                + "Requested type not found");
    }

    @Test
    void errnoClassification() {
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_NEWSA, XfrmError.ENOSYS, null).kind()).isEqualTo(XfrmError.Kind.ALGORITHM_UNAVAILABLE);
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_DELSA, XfrmError.ESRCH, null).kind()).isEqualTo(XfrmError.Kind.NOT_FOUND);
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_DELPOLICY, XfrmError.ENOENT, null).kind()).isEqualTo(XfrmError.Kind.NOT_FOUND);
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_NEWPOLICY, XfrmError.EEXIST, null).kind()).isEqualTo(XfrmError.Kind.EXISTS);
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_NEWPOLICY, XfrmError.EPERM, null).kind()).isEqualTo(XfrmError.Kind.PERMISSION);
        assertThat(XfrmError.fromKernel(XfrmAbi.XFRM_MSG_NEWPOLICY, XfrmError.EPROTONOSUPPORT, null).kind()).isEqualTo(XfrmError.Kind.INVALID);
    }

    @Test
    void decodesAnSaAnswerWithoutKeepingKeys() {
        // the NEWSA request has the same layout as the kernel's NEWSA answer to GETSA
        XfrmSa sa = XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).replayWindow(32).encap(XfrmEncap.espInUdp(4500, 4501))
                .mark(new XfrmMark(0x10, 0xff)).ifId(5).build();
        byte[] msg = XfrmMessages.newSa(sa, 77);
        XfrmMessage.SaReply r = (XfrmMessage.SaReply) XfrmDecoder.decode(msg, msg.length).getFirst();
        XfrmSaInfo info = r.sa();
        assertThat(r.seq()).isEqualTo(77);
        assertThat(info.spi()).isEqualTo(XfrmFixtureTest.SPI);
        assertThat(info.source()).isEqualTo(XfrmFixtureTest.A);
        assertThat(info.destination()).isEqualTo(XfrmFixtureTest.B);
        assertThat(info.reqid()).isEqualTo(7);
        assertThat(info.mode()).isEqualTo(XfrmMode.TUNNEL);
        assertThat(info.replayWindow()).isEqualTo(32);
        assertThat(info.algorithmNames()).containsExactly("rfc4106(gcm(aes))");
        assertThat(info.encap()).isEqualTo(XfrmEncap.espInUdp(4500, 4501));
        assertThat(info.mark()).isEqualTo(new XfrmMark(0x10, 0xff));
        assertThat(info.ifId()).isEqualTo(5);
        assertThat(info.lifetime()).isEqualTo(XfrmLifetime.UNLIMITED);
        assertThat(info.toString()).doesNotContain("000102030405");
    }

    @Test
    void decodesExpireAndPolicyExpire() {
        NetlinkBuffer b = new NetlinkBuffer().header(XfrmAbi.XFRM_MSG_EXPIRE, 0, 0, 0);
        byte[] sa = XfrmMessages.newSa(XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).build(), 0);
        b.bytes(java.util.Arrays.copyOfRange(sa, 16, 16 + 224)).u8(1).align(8);
        byte[] expire = b.finish();
        XfrmEvent.Expire e = (XfrmEvent.Expire) XfrmDecoder.decode(expire, expire.length).getFirst();
        assertThat(e.hard()).isTrue();
        assertThat(e.sa().spi()).isEqualTo(XfrmFixtureTest.SPI);

        byte[] pol = XfrmMessages.newPolicy(XfrmPolicy.allow(XfrmFixtureTest.OUT, XfrmDirection.OUT, 1000, List.of()), 0);
        NetlinkBuffer p = new NetlinkBuffer().header(XfrmAbi.XFRM_MSG_POLEXPIRE, 0, 0, 0);
        p.bytes(java.util.Arrays.copyOfRange(pol, 16, 16 + 168)).u8(0).align(8);
        byte[] polexpire = p.finish();
        XfrmEvent.PolicyExpire pe = (XfrmEvent.PolicyExpire) XfrmDecoder.decode(polexpire, polexpire.length).getFirst();
        assertThat(pe.hard()).isFalse();
        assertThat(pe.policy().selector()).isEqualTo(XfrmFixtureTest.OUT);
        assertThat(pe.policy().priority()).isEqualTo(1000);
        assertThat(pe.policy().direction()).isEqualTo(1);
    }

    @Test
    void malformedInputBecomesMalformedNeverAnException() {
        byte[] sa = XfrmMessages.newSa(XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).build(), 3);
        // a header claiming more than was received
        assertThat(XfrmDecoder.decode(sa, 100).getFirst()).isInstanceOf(XfrmMessage.Malformed.class);
        // a body shorter than xfrm_usersa_info
        byte[] shortSa = java.util.Arrays.copyOf(sa, 100);
        shortSa[0] = 100;
        shortSa[1] = 0;
        assertThat(XfrmDecoder.decode(shortSa, 100).getFirst()).isInstanceOf(XfrmMessage.Malformed.class);
        // an attribute length running past the message
        byte[] badAttr = sa.clone();
        badAttr[240] = (byte) 0xff;
        assertThat(XfrmDecoder.decode(badAttr, badAttr.length).getFirst()).isInstanceOf(XfrmMessage.Malformed.class);
        // a selector prefix length no address family allows
        byte[] badPrefix = sa.clone();
        badPrefix[16 + 42] = (byte) 200;
        assertThat(XfrmDecoder.decode(badPrefix, badPrefix.length).getFirst()).isInstanceOf(XfrmMessage.Malformed.class);
        // trailing junk after a valid message
        assertThat(XfrmDecoder.decode(java.util.Arrays.copyOf(sa, sa.length + 5), sa.length + 5))
                .hasSize(2).last().isInstanceOf(XfrmMessage.Malformed.class);
        assertThat(XfrmDecoder.decode(new byte[0], 0)).isEmpty();
    }

    @Test
    void randomMutationsNeverThrow() {
        Random random = new Random(42);
        List<byte[]> seeds = List.of(
                XfrmMessages.newSa(XfrmFixtureTest.sa(XfrmFixtureTest.gcm()).esn(true).replayWindow(128).build(), 1),
                Fixtures.load("policy-out"), error(1, XfrmAbi.XFRM_MSG_NEWSA, 93, "Requested type not found"));
        for (int round = 0; round < 20_000; round++) {
            byte[] m = seeds.get(round % seeds.size()).clone();
            for (int k = 0; k < 1 + random.nextInt(6); k++) m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            int[] types = {XfrmAbi.NLMSG_ERROR, XfrmAbi.XFRM_MSG_NEWSA, XfrmAbi.XFRM_MSG_ACQUIRE, XfrmAbi.XFRM_MSG_EXPIRE,
                    XfrmAbi.XFRM_MSG_POLEXPIRE};
            if (random.nextBoolean()) m[4] = (byte) types[random.nextInt(types.length)];
            assertThat(XfrmDecoder.decode(m, random.nextInt(m.length + 1))).isNotNull();
        }
    }
}
