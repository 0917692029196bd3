package io.ike4j.daemon;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code ike4j daemon} was started with. Ports 0 mean ephemeral (tests). {@code dataPlane} picks where
 * CHILD_SAs go ({@link DataPlaneKind}); {@code tunName}/{@code tunMtu} configure the user-space data plane's device,
 * {@code plainEsp} whether it sends unencapsulated CHILD_SAs as plain ESP over raw sockets (else always in UDP),
 * {@code crypto} the JCA provider per primitive ({@code --crypto-provider}, {@link CryptoProviderOption}).
 */
public record DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog,
                            DataPlaneKind dataPlane, String tunName, int tunMtu, Retransmission retransmit,
                            boolean plainEsp, DosThresholds dos, io.ike4j.core.crypto.CryptoProviders crypto) {

    public static final String DEFAULT_TUN = "ike4j0";
    public static final int DEFAULT_TUN_MTU = 1400;

    /** Where CHILD_SAs are installed. */
    public enum DataPlaneKind {
        /** Probe: the kernel (XFRM) if it has ESP, else user-space ESP if a TUN device can be created, else memory. */
        AUTO,
        /** User-space ESP over a TUN device: ESP in UDP behind a NAT, else plain ESP over raw sockets. */
        USERSPACE,
        /** The Linux kernel's IPsec over NETLINK_XFRM. */
        XFRM,
        /** In memory only: SAs are negotiated and listed, no traffic flows (tests, IKE-only use). */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<DataPlaneKind> parse(String s) {
            for (DataPlaneKind k : values()) {
                if (k.label().equals(s.trim().toLowerCase(Locale.ROOT))) return Optional.of(k);
            }
            return Optional.empty();
        }
    }

    public DaemonOptions {
        if (retransmit == null) retransmit = Retransmission.DEFAULTS;
        if (dos == null) dos = DosThresholds.DEFAULTS;
        if (crypto == null) crypto = CryptoProviderOption.defaults();
        if (tunMtu < 576 || tunMtu > 65535) throw new IllegalArgumentException("TUN MTU out of range: " + tunMtu);
    }

    /** With the default crypto providers ({@link CryptoProviderOption#defaults()}). */
    public DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog,
                         DataPlaneKind dataPlane, String tunName, int tunMtu, Retransmission retransmit, boolean plainEsp,
                         DosThresholds dos) {
        this(configFile, socket, ikePort, natTraversalPort, keylog, dataPlane, tunName, tunMtu, retransmit, plainEsp, dos, null);
    }

    public DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog,
                         DataPlaneKind dataPlane, String tunName, int tunMtu, Retransmission retransmit, boolean plainEsp) {
        this(configFile, socket, ikePort, natTraversalPort, keylog, dataPlane, tunName, tunMtu, retransmit, plainEsp,
                DosThresholds.DEFAULTS);
    }

    public DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog,
                         DataPlaneKind dataPlane, String tunName, int tunMtu) {
        this(configFile, socket, ikePort, natTraversalPort, keylog, dataPlane, tunName, tunMtu, Retransmission.DEFAULTS, true);
    }

    /** The options of an embedded daemon (tests): in-memory data plane, so nothing touches the host's network. */
    public DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog) {
        this(configFile, socket, ikePort, natTraversalPort, keylog, DataPlaneKind.NONE, DEFAULT_TUN, DEFAULT_TUN_MTU,
                Retransmission.DEFAULTS, true, DosThresholds.DEFAULTS);
    }
}
