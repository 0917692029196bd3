package io.ike4j.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * strongSwan 6.1 (IKE_INTERMEDIATE, RFC 9370, ML-KEM) from Debian's testing suite, unpacked into a folder with
 * debootstrap by {@code ike4j-interop/scripts/strongswan61.sh} (CI's {@code .ci/run} calls it; it builds the folder
 * once). Debian 12 itself only has strongSwan 5.9.8. Its charon and swanctl run chrooted into that folder, in a lab
 * namespace, with the peer's directory bind-mounted at {@link #LAB_DIR} (see {@link StrongSwanPeer}).
 *
 * <p>The folder is {@code -Dike4j.strongswan61=DIR}, else {@code $IKE4J_STRONGSWAN61}, else
 * {@code /var/cache/ike4j/strongswan61}. {@link #assumeAvailable()} skips a test without it, or fails it under
 * {@code -Dike4j.requireInterop=true}.
 */
public final class StrongSwan61 {

    /** Where a peer's directory appears inside the chroot. */
    public static final String LAB_DIR = "/lab";
    /** The marker the script writes when the folder is complete (holds charon-systemd's Debian version). */
    static final String MARKER = ".ike4j-strongswan61";
    /** Plugins as for 5.9.8 (ML-KEM comes with the openssl plugin: OpenSSL 3.6). */
    public static final String PLUGINS = StrongSwanPeer.PLUGINS;

    private StrongSwan61() {
    }

    /** The configured folder (it may not exist). */
    public static Path root() {
        String p = System.getProperty("ike4j.strongswan61");
        if (p == null || p.isBlank()) {
            p = System.getenv("IKE4J_STRONGSWAN61");
        }
        return Path.of(p == null || p.isBlank() ? "/var/cache/ike4j/strongswan61" : p);
    }

    /** The folder, after checking the lab and strongSwan 6.1 are usable; skips or fails the test otherwise. */
    public static Path assumeAvailable() {
        Requirements.assumeInteropAvailable();
        Path root = root();
        if (!Files.isRegularFile(root.resolve(MARKER)) || !Files.isExecutable(root.resolve("usr/sbin/charon-systemd"))) {
            Requirements.failOrSkip("strongSwan 6.1 not found in " + root
                    + " (run ike4j-interop/scripts/strongswan61.sh as root; .ci/run does)");
        }
        return root;
    }

    /** The Debian version of the folder's charon-systemd, as the script recorded it. */
    public static String version(Path root) {
        try {
            return Files.readString(root.resolve(MARKER)).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * The command that runs {@code cmd} chrooted into {@code root} with /dev, /proc and {@code peerDir} (at
     * {@link #LAB_DIR}) mounted; meant to run under {@code ip netns exec}, whose private mount namespace takes the
     * mounts away with the process.
     */
    static List<String> inChroot(Path root, Path peerDir, String... cmd) {
        List<String> out = new ArrayList<>(List.of("sh", "-c",
                "r=$1; d=$2; shift 2; mkdir -p \"$r" + LAB_DIR + "\" && mount --bind /dev \"$r/dev\" "
                        + "&& mount -t proc proc \"$r/proc\" && mount --bind \"$d\" \"$r" + LAB_DIR + "\" "
                        + "&& exec chroot \"$r\" \"$@\"",
                "sh", root.toString(), peerDir.toString()));
        out.addAll(List.of(cmd));
        return out;
    }
}
