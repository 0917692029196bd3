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

    private static volatile boolean fresh;

    /**
     * Makes sure {@code bin/ike4j} will not rebuild its jar while a test waits for the daemon inside a namespace:
     * the script rebuilds when the jar is missing or a main source or pom is newer than it, which happens after
     * {@code mvn test} (no package phase) on changed sources. Then the jar is built here, once per JVM, with
     * {@code mvn -DskipTests package -pl ike4j-daemon -am} (this module's classes are left alone).
     */
    static synchronized void ensureFreshJar() {
        if (fresh) {
            return;
        }
        Path root = get();
        // the interop JVMs run side by side (forkCount 2): one builds while the other waits on this lock
        Path lock = root.resolve("ike4j-daemon/target/.ike4j-jar.lock");
        try {
            Files.createDirectories(lock.getParent());
        } catch (java.io.IOException e) {
            throw new LabException("cannot create " + lock.getParent() + ": " + e.getMessage());
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = ch.lock()) {
            buildIfStale(root);
        } catch (java.io.IOException e) {
            throw new LabException("cannot lock " + lock + ": " + e.getMessage());
        }
        fresh = true;
    }

    private static void buildIfStale(Path root) {
        if (stale(root, daemonJar())) {
            System.err.println("ike4j-interop: " + daemonJar() + " is missing or older than the sources; building it");
            ExecResult r = Commands.run(java.time.Duration.ofMinutes(10), java.util.List.of("bash", "-c",
                    "cd \"$1\" && source scripts/jdk.sh && mvn -q -B -DskipTests package -pl ike4j-daemon -am", "build", root.toString()));
            if (!r.ok() || stale(root, daemonJar())) {
                throw new LabException("cannot build " + daemonJar() + ": " + r.describe());
            }
        }
    }

    /** bin/ike4j's rule: the jar is missing, or a {@code src/main} file or a pom.xml outside ike4j-interop is newer. */
    static boolean stale(Path root, Path jar) {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
            return files.filter(p -> !p.startsWith(root.resolve("ike4j-interop")) && !p.toString().contains("/target/")
                            && !p.toString().contains("/.git/"))
                    .filter(p -> p.getFileName().toString().equals("pom.xml") || p.toString().contains("/src/main/"))
                    .filter(Files::isRegularFile)
                    .anyMatch(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(built) > 0;
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }
}
