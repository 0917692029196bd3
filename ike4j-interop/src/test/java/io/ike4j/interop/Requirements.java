package io.ike4j.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the interop lab needs from the machine: root, usable {@code ip netns}, strongSwan's
 * {@code charon-systemd} and {@code swanctl}, and {@code nft}.
 *
 * <p>{@link #assumeInteropAvailable()} skips the calling test when something is missing, unless the system
 * property {@code ike4j.requireInterop} is {@code true} (CI): then the test fails and names what is missing.
 */
public final class Requirements {

    /** The system property that turns "skip" into "fail". */
    public static final String REQUIRE_PROPERTY = "ike4j.requireInterop";
    static final Path CHARON = Path.of("/usr/sbin/charon-systemd");

    private static volatile List<String> cached;

    private Requirements() {
    }

    /** Skips (laptop) or fails (CI) the current test unless the lab can run here. */
    public static void assumeInteropAvailable() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        failOrSkip(String.join("; ", missing));
    }

    /** Skips the current test because of {@code missing} (laptop), or fails it under {@code -Dike4j.requireInterop=true} (CI). */
    public static void failOrSkip(String missing) {
        String message = "interop lab unavailable: " + missing;
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            fail(message + " (required because -D" + REQUIRE_PROPERTY + "=true)");
        }
        assumeTrue(false, message);
    }

    /** What is missing on this machine; empty when the lab can run. Checked once per JVM. */
    public static List<String> missing() {
        List<String> m = cached;
        if (m == null) {
            m = List.copyOf(check());
            cached = m;
        }
        return m;
    }

    private static List<String> check() {
        List<String> missing = new ArrayList<>();
        ExecResult id = Commands.run("id", "-u");
        boolean root = id.ok() && id.stdout().strip().equals("0");
        if (!root) {
            missing.add("not running as root");
        }
        if (!Files.isExecutable(CHARON)) {
            missing.add(CHARON + " not found (apt-get install charon-systemd)");
        }
        if (findOnPath("swanctl") == null) {
            missing.add("swanctl not found (apt-get install strongswan-swanctl)");
        }
        if (findOnPath("nft") == null) {
            missing.add("nft not found (apt-get install nftables)");
        }
        if (findOnPath("ip") == null) {
            missing.add("ip not found (apt-get install iproute2)");
        } else if (root && !netnsUsable()) {
            missing.add("'ip netns add' does not work here (no network namespaces?)");
        }
        return missing;
    }

    /** Creates and deletes a throwaway namespace: proves namespaces work, not just that {@code ip} exists. */
    private static boolean netnsUsable() {
        String probe = "i4j-probe-" + ProcessHandle.current().pid();
        boolean ok = Commands.run("ip", "netns", "add", probe).ok();
        Commands.run("ip", "netns", "del", probe);
        return ok;
    }

    static Path findOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
