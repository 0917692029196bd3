package io.ike4j.platform.xfrm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receives the kernel's ACQUIRE / EXPIRE / POLEXPIRE notifications (multicast groups XFRMNLGRP_ACQUIRE and
 * XFRMNLGRP_EXPIRE). Malformed notifications are counted and dropped. Not thread-safe: one owner polls and closes.
 */
public final class XfrmEventListener implements AutoCloseable {
    private static final int[] GROUPS = {XfrmAbi.XFRMNLGRP_ACQUIRE, XfrmAbi.XFRMNLGRP_EXPIRE};

    private final NetlinkTransport transport;
    private long malformed;

    public XfrmEventListener(NetlinkTransport transport) {
        this.transport = transport;
    }

    public static XfrmResult<XfrmEventListener> open() {
        return NetlinkSocket.open(XfrmAbi.NETLINK_XFRM, GROUPS).map(XfrmEventListener::new);
    }

    public static XfrmResult<XfrmEventListener> openInNamespace(Path netnsFile) {
        return NetlinkSocket.openInNamespace(netnsFile, XfrmAbi.NETLINK_XFRM, GROUPS).map(XfrmEventListener::new);
    }

    /** The events of the next datagram (empty if none arrives within {@code timeout}), or a socket failure. */
    public XfrmResult<List<XfrmEvent>> poll(Duration timeout) {
        return switch (transport.receive(timeout)) {
            case XfrmResult.Failure<Optional<byte[]>>(XfrmError e) -> XfrmResult.failure(e);
            case XfrmResult.Ok<Optional<byte[]>>(Optional<byte[]> d) -> XfrmResult.ok(d.map(this::events).orElse(List.of()));
        };
    }

    private List<XfrmEvent> events(byte[] datagram) {
        List<XfrmEvent> out = new ArrayList<>();
        for (XfrmMessage m : XfrmDecoder.decode(datagram, datagram.length)) {
            if (m instanceof XfrmEvent e) out.add(e);
            else if (m instanceof XfrmMessage.Malformed) malformed++;
        }
        return out;
    }

    /** How many malformed notifications were dropped so far. */
    public long malformedCount() {
        return malformed;
    }

    @Override
    public void close() {
        transport.close();
    }
}
