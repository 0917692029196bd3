package io.ike4j.platform.xfrm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Request/answer access to the kernel's SA and policy databases over NETLINK_XFRM. Each call sends one
 * request with a fresh sequence number and waits (bounded by the timeout and a datagram budget) for the
 * answer carrying that number; unrelated messages are skipped. Not thread-safe: one owner per client.
 */
public final class XfrmClient implements AutoCloseable {
    /** At most this many datagrams are read while waiting for one answer. */
    static final int MAX_DATAGRAMS_PER_REQUEST = 64;

    private final NetlinkTransport transport;
    private final Duration timeout;
    private int seq;

    public XfrmClient(NetlinkTransport transport, Duration timeout, int firstSeq) {
        this.transport = transport;
        this.timeout = timeout;
        this.seq = firstSeq;
    }

    /** A client on a new NETLINK_XFRM socket in the caller's network namespace. */
    public static XfrmResult<XfrmClient> open(Duration timeout) {
        return NetlinkSocket.open(XfrmAbi.NETLINK_XFRM).map(s -> new XfrmClient(s, timeout, 1));
    }

    /** A client whose socket lives in the network namespace {@code netnsFile} (e.g. /run/netns/NAME). */
    public static XfrmResult<XfrmClient> openInNamespace(Path netnsFile, Duration timeout) {
        return NetlinkSocket.openInNamespace(netnsFile, XfrmAbi.NETLINK_XFRM).map(s -> new XfrmClient(s, timeout, 1));
    }

    /** XFRM_MSG_NEWSA. Keys are wiped from the request buffer once it is sent. */
    public XfrmResult<Void> addSa(XfrmSa sa) {
        int s = nextSeq();
        return acked(XfrmMessages.newSa(sa, s), s, XfrmAbi.XFRM_MSG_NEWSA);
    }

    /** XFRM_MSG_UPDSA (e.g. to fill in the larval SA that ALLOCSPI reserved). */
    public XfrmResult<Void> updateSa(XfrmSa sa) {
        int s = nextSeq();
        return acked(XfrmMessages.updateSa(sa, s), s, XfrmAbi.XFRM_MSG_UPDSA);
    }

    public XfrmResult<Void> deleteSa(XfrmSaId id) {
        int s = nextSeq();
        return acked(XfrmMessages.deleteSa(id, s), s, XfrmAbi.XFRM_MSG_DELSA);
    }

    public XfrmResult<XfrmSaInfo> getSa(XfrmSaId id) {
        int s = nextSeq();
        return saAnswer(XfrmMessages.getSa(id, s), s, XfrmAbi.XFRM_MSG_GETSA);
    }

    /** XFRM_MSG_ALLOCSPI: the kernel picks an unused SPI in the range and keeps a larval SA for it. */
    public XfrmResult<XfrmSaInfo> allocSpi(XfrmSpiRequest request) {
        int s = nextSeq();
        return saAnswer(XfrmMessages.allocSpi(request, s), s, XfrmAbi.XFRM_MSG_ALLOCSPI);
    }

    public XfrmResult<Void> addPolicy(XfrmPolicy policy) {
        int s = nextSeq();
        return acked(XfrmMessages.newPolicy(policy, s), s, XfrmAbi.XFRM_MSG_NEWPOLICY);
    }

    public XfrmResult<Void> updatePolicy(XfrmPolicy policy) {
        int s = nextSeq();
        return acked(XfrmMessages.updatePolicy(policy, s), s, XfrmAbi.XFRM_MSG_UPDPOLICY);
    }

    public XfrmResult<Void> deletePolicy(XfrmPolicyId id) {
        int s = nextSeq();
        return acked(XfrmMessages.deletePolicy(id, s), s, XfrmAbi.XFRM_MSG_DELPOLICY);
    }

    private int nextSeq() {
        int s = seq++;
        if (seq == 0) seq = 1;
        return s;
    }

    private XfrmResult<Void> acked(byte[] request, int s, int type) {
        return exchange(request, s, type).map(sa -> null);
    }

    private XfrmResult<XfrmSaInfo> saAnswer(byte[] request, int s, int type) {
        return switch (exchange(request, s, type)) {
            case XfrmResult.Ok<Optional<XfrmSaInfo>>(Optional<XfrmSaInfo> sa) when sa.isPresent() -> XfrmResult.ok(sa.get());
            case XfrmResult.Ok<Optional<XfrmSaInfo>> ack -> XfrmResult.failure(XfrmError.local(XfrmError.operationName(type),
                    XfrmError.Kind.MALFORMED_REPLY, XfrmError.EBADMSG, "acknowledged without the SA"));
            case XfrmResult.Failure<Optional<XfrmSaInfo>>(XfrmError e) -> XfrmResult.failure(e);
        };
    }

    /** Sends and waits for the answer: an ack (empty) or an SA (present), or a typed failure. */
    private XfrmResult<Optional<XfrmSaInfo>> exchange(byte[] request, int s, int type) {
        String op = XfrmError.operationName(type);
        XfrmResult<Void> sent;
        try {
            sent = transport.send(request);
        } finally {
            Arrays.fill(request, (byte) 0);
        }
        if (sent instanceof XfrmResult.Failure<Void> f) return XfrmResult.failure(f.error());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < MAX_DATAGRAMS_PER_REQUEST; i++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            XfrmResult<Optional<byte[]>> got = transport.receive(left);
            if (got instanceof XfrmResult.Failure<Optional<byte[]>> f) return XfrmResult.failure(f.error());
            Optional<byte[]> datagram = ((XfrmResult.Ok<Optional<byte[]>>) got).value();
            if (datagram.isEmpty()) break;
            byte[] d = datagram.get();
            try {
                for (XfrmMessage m : XfrmDecoder.decode(d, d.length)) {
                    if (m.seq() != s) continue;
                    switch (m) {
                        case XfrmMessage.Ack a -> { return XfrmResult.ok(Optional.empty()); }
                        case XfrmMessage.Error e -> { return XfrmResult.failure(XfrmError.fromKernel(type, e.errno(), e.kernelMessage())); }
                        case XfrmMessage.SaReply r -> { return XfrmResult.ok(Optional.of(r.sa())); }
                        case XfrmMessage.Malformed bad -> {
                            return XfrmResult.failure(XfrmError.local(op, XfrmError.Kind.MALFORMED_REPLY, XfrmError.EBADMSG, bad.reason()));
                        }
                        default -> { }
                    }
                }
            } finally {
                Arrays.fill(d, (byte) 0); // GETSA answers carry keys
            }
        }
        return XfrmResult.failure(XfrmError.local(op, XfrmError.Kind.TIMEOUT, XfrmError.ETIMEDOUT,
                "no answer to seq " + Integer.toUnsignedString(s)));
    }

    @Override
    public void close() {
        transport.close();
    }
}
