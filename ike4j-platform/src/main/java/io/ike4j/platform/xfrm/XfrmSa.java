package io.ike4j.platform.xfrm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One SA to install (XFRM_MSG_NEWSA / UPDSA): {@code struct xfrm_usersa_info} and its attributes.
 * {@code encap}, {@code mark} may be null (absent); {@code ifId} 0 means no XFRMA_IF_ID.
 * With {@code esn}, or a replay window above 255, the window travels in XFRMA_REPLAY_ESN_VAL.
 */
public record XfrmSa(InetAddress source, InetAddress destination, int spi, int protocol, XfrmMode mode, int reqid,
                     int replayWindow, boolean esn, int extraFlags, XfrmSelector selector, XfrmAlgorithms algorithms,
                     XfrmEncap encap, XfrmMark mark, int ifId, XfrmLifetime lifetime) {

    public XfrmSa {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(lifetime, "lifetime");
        if (source.getClass() != destination.getClass()) throw new IllegalArgumentException("mixed address families");
        if (replayWindow < 0) throw new IllegalArgumentException("negative replay window");
    }

    public static Builder builder(InetAddress source, InetAddress destination, int spi, XfrmAlgorithms algorithms) {
        return new Builder(source, destination, spi, algorithms);
    }

    public int family() {
        return XfrmAddresses.family(destination);
    }

    /** True when the replay window is carried in XFRMA_REPLAY_ESN_VAL rather than the u8 field. */
    boolean usesEsnReplayState() {
        return esn || replayWindow > 255;
    }

    /** Defaults: ESP, tunnel mode, reqid 0, no replay window, no selector, no encapsulation, unlimited lifetime. */
    public static final class Builder {
        private final InetAddress source;
        private final InetAddress destination;
        private final int spi;
        private final XfrmAlgorithms algorithms;
        private int protocol = XfrmAbi.IPPROTO_ESP;
        private XfrmMode mode = XfrmMode.TUNNEL;
        private int reqid;
        private int replayWindow;
        private boolean esn;
        private int extraFlags;
        private XfrmSelector selector = XfrmSelector.NONE;
        private XfrmEncap encap;
        private XfrmMark mark;
        private int ifId;
        private XfrmLifetime lifetime = XfrmLifetime.UNLIMITED;

        private Builder(InetAddress source, InetAddress destination, int spi, XfrmAlgorithms algorithms) {
            this.source = source;
            this.destination = destination;
            this.spi = spi;
            this.algorithms = algorithms;
        }

        public Builder protocol(int v) { protocol = v; return this; }

        public Builder mode(XfrmMode v) { mode = v; return this; }

        public Builder reqid(int v) { reqid = v; return this; }

        public Builder replayWindow(int v) { replayWindow = v; return this; }

        public Builder esn(boolean v) { esn = v; return this; }

        public Builder flags(int v) { extraFlags = v; return this; }

        public Builder selector(XfrmSelector v) { selector = v; return this; }

        public Builder encap(XfrmEncap v) { encap = v; return this; }

        public Builder mark(XfrmMark v) { mark = v; return this; }

        public Builder ifId(int v) { ifId = v; return this; }

        public Builder lifetime(XfrmLifetime v) { lifetime = v; return this; }

        public XfrmSa build() {
            return new XfrmSa(source, destination, spi, protocol, mode, reqid, replayWindow, esn, extraFlags, selector,
                    algorithms, encap, mark, ifId, lifetime);
        }
    }
}
