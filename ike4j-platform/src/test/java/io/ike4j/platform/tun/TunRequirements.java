package io.ike4j.platform.tun;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Skips a test that needs root, /dev/net/tun and iproute2, unless {@code -Dike4j.requireInterop=true}, which turns
 * the skip into a failure (CI).
 */
final class TunRequirements {
    private TunRequirements() {
    }

    static void requireRootAndTun() {
        String missing = null;
        if (!"root".equals(System.getProperty("user.name"))) missing = "not running as root";
        else if (!Files.exists(Path.of("/dev/net/tun"))) missing = "no /dev/net/tun";
        else if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) missing = "not Linux";
        else if (!onPath("ip")) missing = "iproute2 (ip) not installed";
        if (missing == null) return;
        if (Boolean.getBoolean("ike4j.requireInterop")) fail("ike4j.requireInterop=true but " + missing);
        assumeTrue(false, missing);
    }

    private static boolean onPath(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, cmd))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", cmd)) || Files.isExecutable(Path.of("/sbin", cmd));
    }
}
