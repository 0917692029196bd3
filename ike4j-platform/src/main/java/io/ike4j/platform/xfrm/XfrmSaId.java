package io.ike4j.platform.xfrm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Names one SA for XFRM_MSG_DELSA / GETSA ({@code struct xfrm_usersa_id} + XFRMA_SRCADDR + optional XFRMA_MARK).
 * {@code source} and {@code mark} may be null.
 */
public record XfrmSaId(InetAddress destination, int spi, int protocol, InetAddress source, XfrmMark mark) {
    public XfrmSaId {
        Objects.requireNonNull(destination, "destination");
    }

    public static XfrmSaId esp(InetAddress source, InetAddress destination, int spi) {
        return new XfrmSaId(destination, spi, XfrmAbi.IPPROTO_ESP, source, null);
    }
}
