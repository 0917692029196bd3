package io.ike4j.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of lab namespaces and work directories, and removal of what a crashed earlier run left behind.
 *
 * <p>A lab's name is {@code i4j-<pid>-<counter>}: the JVM's pid keeps parallel runs on one machine apart, the
 * counter keeps labs within one JVM apart. Namespaces are {@code <lab>-l}, {@code <lab>-r} and {@code <lab>-x}
 * (router). Interfaces are created directly inside their namespaces, so their names ({@code eth0},
 * {@code inside}, {@code outside}) never meet another run's and stay well under the kernel's 15-character limit.
 */
final class LabNames {

    static final String PREFIX = "i4j-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-(\\d+)(-[a-z]+)?$");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();
    private static volatile boolean swept;

    private LabNames() {
    }

    /** A fresh lab name, unique on this machine while this JVM lives. */
    static String next() {
        sweepOnce();
        return PREFIX + PID + "-" + COUNTER.incrementAndGet();
    }

    /** The parent of all lab work directories. */
    static Path workRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ike4j-interop");
    }

    /**
     * Once per JVM, before the first lab: removes namespaces (killing what runs in them) and work directories
     * whose owning JVM is dead, or that carry this JVM's pid (a crashed run whose pid was reused).
     */
    private static synchronized void sweepOnce() {
        if (swept) {
            return;
        }
        swept = true;
        ExecResult list = Commands.run("ip", "netns", "list");
        if (list.ok()) {
            for (String line : list.stdout().split("\n")) {
                String ns = line.strip().split("\\s+")[0];
                if (stale(ns)) {
                    killAllIn(ns);
                    Commands.run("ip", "netns", "del", ns);
                }
            }
        }
        Path root = workRoot();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> stale(PREFIX + d.getFileName())).forEach(LabNames::deleteTree);
            } catch (IOException e) {
                // best effort: a leftover directory does not disturb a new lab
            }
        }
    }

    private static boolean stale(String name) {
        Matcher m = OURS.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return pid == PID || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** SIGTERM, then SIGKILL, every process in {@code ns}. */
    static void killAllIn(String ns) {
        for (String signal : new String[] {"-TERM", "-KILL"}) {
            ExecResult pids = Commands.run("ip", "netns", "pids", ns);
            String[] list = pids.stdout().strip().split("\\s+");
            if (!pids.ok() || list[0].isEmpty()) {
                return;
            }
            for (String pid : list) {
                Commands.run("kill", signal, pid);
            }
            waitGone(list);
        }
    }

    private static void waitGone(String[] pids) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (String pid : pids) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    try {
                        h.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                    } catch (Exception e) {
                        // still alive: the SIGKILL round follows
                    }
                }
            });
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
