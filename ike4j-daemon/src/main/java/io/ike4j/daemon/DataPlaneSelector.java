package io.ike4j.daemon;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.daemon.DaemonOptions.DataPlaneKind;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.dataplane.DataPlaneException;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.dataplane.UserspaceDataPlane;
import io.ike4j.platform.dataplane.XfrmDataPlane;
import io.ike4j.platform.esp.EspEventListener;
import io.ike4j.platform.net.EspSender;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.xfrm.XfrmAlgorithms;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmResult;
import io.ike4j.platform.xfrm.XfrmSa;
import io.ike4j.platform.xfrm.XfrmSaId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds the daemon's data plane from {@code --dataplane}. {@code auto} probes, in this order:
 * <ol>
 *   <li>XFRM, if the kernel can hold an ESP SA: a throwaway SA (AES-CBC/HMAC-SHA-256, which every ESP-capable kernel
 *       has; SPI {@value #PROBE_SPI} from the range
 *       RFC 4303 2.1 reserves, so no peer ever uses it, 127.0.0.1 to itself) is added with XFRM_MSG_NEWSA and deleted
 *       at once. This answers exactly the question (the kernel loads esp4 on demand); merely finding
 *       /proc/net/xfrm_stat would not, since XFRM exists without ESP;</li>
 *   <li>user-space ESP, if a TUN device can be created (needs /dev/net/tun and CAP_NET_ADMIN);</li>
 *   <li>otherwise memory only, with a warning that no traffic will flow.</li>
 * </ol>
 * The choice and the reason are logged.
 */
final class DataPlaneSelector {
    /** RFC 4303 2.1: SPIs 1-255 are reserved by IANA; a peer never assigns one, so the probe cannot collide. */
    static final int PROBE_SPI = 0xfe;

    /** The data plane, the sink that receives ESP-in-UDP for it, and a line saying what it is and why. */
    record Selected(DataPlane plane, EspSink sink, String description) {}

    private DataPlaneSelector() {
    }

    static Selected select(DaemonOptions o, EspSender sender, EspEventListener events) throws Daemon.StartException {
        return switch (o.dataPlane()) {
            case NONE -> memory("in memory (--dataplane none): SAs are negotiated, no traffic flows");
            case XFRM -> {
                try {
                    String probe = probeKernelEsp();
                    yield new Selected(XfrmDataPlane.open(Duration.ofSeconds(2)), EspSink.DROP, "kernel XFRM (--dataplane xfrm)"
                            + (probe == null ? "" : "; WARNING: installing CHILD_SAs will fail: " + probe));
                } catch (DataPlaneException e) {
                    throw new Daemon.StartException("cannot open the XFRM data plane: " + e.getMessage());
                }
            }
            case USERSPACE -> {
                try {
                    yield userspace(o, sender, events, "--dataplane userspace");
                } catch (IOException e) {
                    throw new Daemon.StartException("cannot create TUN device " + o.tunName() + ": " + e.getMessage());
                }
            }
            case AUTO -> auto(o, sender, events);
        };
    }

    private static Selected auto(DaemonOptions o, EspSender sender, EspEventListener events) {
        String noKernel = probeKernelEsp();
        if (noKernel == null) {
            try {
                return new Selected(XfrmDataPlane.open(Duration.ofSeconds(2)), EspSink.DROP,
                        "kernel XFRM (auto: the kernel accepts ESP SAs)");
            } catch (DataPlaneException e) {
                noKernel = e.getMessage();
            }
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return memory("in memory (auto: " + noKernel + "; no /dev/net/tun): SAs are negotiated, NO traffic flows");
        }
        try {
            return userspace(o, sender, events, "auto: " + noKernel);
        } catch (IOException e) {
            return memory("in memory (auto: " + noKernel + "; TUN device " + o.tunName() + ": " + e.getMessage()
                    + "): SAs are negotiated, NO traffic flows");
        }
    }

    private static Selected userspace(DaemonOptions o, EspSender sender, EspEventListener events, String why)
            throws IOException {
        UserspaceDataPlane p = UserspaceDataPlane.open(
                UserspaceDataPlane.Config.defaults().withDevice(o.tunName()).withMtu(o.tunMtu())
                        .withPlainEsp(o.plainEsp()), sender,
                RandomSource.secure(), events);
        String esp = p.plainEspUnavailable().map(r -> "ESP in UDP always: raw ESP sockets refused: " + r)
                .orElse("plain ESP over raw sockets without NAT, ESP in UDP behind NAT");
        return new Selected(p, p, "user-space ESP over TUN " + p.deviceName() + " (MTU " + o.tunMtu()
                + ", " + esp + ") (" + why + ")");
    }

    private static Selected memory(String why) {
        return new Selected(new InMemoryDataPlane(), EspSink.DROP, why);
    }

    /** Null if the kernel accepted (and we deleted) a throwaway ESP SA; otherwise why not. */
    static String probeKernelEsp() {
        XfrmClient client = switch (XfrmClient.open(Duration.ofSeconds(1))) {
            case XfrmResult.Ok<XfrmClient>(XfrmClient c) -> c;
            case XfrmResult.Failure<XfrmClient>(var e) -> null;
        };
        if (client == null) return "no NETLINK_XFRM socket";
        try (client) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            XfrmAlgorithms algs = new XfrmAlgorithms.CipherAuth("cbc(aes)", new byte[16], "hmac(sha256)", new byte[32], 128);
            XfrmResult<Void> r;
            try {
                r = client.addSa(XfrmSa.builder(lo, lo, PROBE_SPI, algs).build());
            } finally {
                algs.wipe();
            }
            if (r instanceof XfrmResult.Failure<Void>(var e)) return e.message();
            client.deleteSa(XfrmSaId.esp(lo, lo, PROBE_SPI));
            return null;
        }
    }

    static DataPlaneKind kind(DataPlane p) {
        if (p instanceof XfrmDataPlane) return DataPlaneKind.XFRM;
        if (p instanceof UserspaceDataPlane) return DataPlaneKind.USERSPACE;
        return DataPlaneKind.NONE;
    }
}
