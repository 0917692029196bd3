package io.ike4j.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the ike4j checkout the tests run in: the {@code ike4j.projectRoot} system property (the pom passes Maven's
 * multi-module directory), else the nearest ancestor of the working directory holding {@code bin/ike4j} and
 * {@code ike4j-daemon/}. The tests run the checkout's own {@code bin/ike4j} and daemon jar, never an installed one.
 */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path get() {
        String prop = System.getProperty("ike4j.projectRoot");
        if (prop != null && !prop.isBlank() && isRoot(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        throw new LabException("cannot find the ike4j checkout (bin/ike4j) from " + Path.of("").toAbsolutePath()
                + " or -Dike4j.projectRoot=" + prop);
    }

    private static boolean isRoot(Path p) {
        return Files.isExecutable(p.resolve("bin/ike4j")) && Files.isDirectory(p.resolve("ike4j-daemon"));
    }

    /** {@code bin/ike4j}. */
    static Path cli() {
        return get().resolve("bin/ike4j");
    }

    /** The daemon's shaded jar that {@code bin/ike4j} runs. */
    static Path daemonJar() {
        return get().resolve("ike4j-daemon/target/ike4j.jar");
    }
}
