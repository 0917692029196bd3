package io.ike4j.platform.xfrm;

import java.time.Duration;
import java.util.Optional;

/** Sends and receives whole netlink datagrams; {@link NetlinkSocket} is the kernel one. */
public interface NetlinkTransport extends AutoCloseable {

    XfrmResult<Void> send(byte[] message);

    /** The next datagram, or empty when none arrives within {@code timeout}. */
    XfrmResult<Optional<byte[]>> receive(Duration timeout);

    @Override
    void close();
}
