package io.ike4j.platform.xfrm;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A uniquely named network namespace for kernel tests (XFRM here, the data planes in {@code platform.dataplane}),
 * removed on close. Tests call {@link #require()} first: it skips unless root with working namespaces (and
 * /dev/net/tun where asked), and fails instead when -Dike4j.requireInterop=true.
 */
public final class TestNetns implements AutoCloseable {
    public final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    static void require() {
        require("XFRM kernel test", false);
    }

    /** Skips (or fails under ike4j.requireInterop) {@code what} unless root with iproute2, and /dev/net/tun if {@code tun}. */
    public static void require(String what, boolean tun) {
        String missing = null;
        Result id = run("id", "-u");
        if (!id.ok() || !id.out().strip().equals("0")) missing = "not running as root";
        else if (!run("ip", "-V").ok()) missing = "iproute2 (ip) not found";
        else if (tun && !Files.exists(Path.of("/dev/net/tun"))) missing = "no /dev/net/tun";
        if (missing == null) return;
        if (Boolean.getBoolean("ike4j.requireInterop")) fail(what + " needs: " + missing + " (ike4j.requireInterop=true)");
        assumeTrue(false, what + " skipped: " + missing);
    }

    static TestNetns create() {
        return create("i4j-xfrm-");
    }

    /** A new namespace named {@code prefix} + pid + a random part, its loopback up. */
    public static TestNetns create(String prefix) {
        String name = prefix + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Result r = run("ip", "netns", "add", name);
        if (!r.ok()) fail("ip netns add failed: " + r.out());
        TestNetns ns = new TestNetns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public Path file() {
        return Path.of("/run/netns", name);
    }

    /** Runs {@code ip -n NS args...} and returns its output; fails the test if it fails. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        Result r = run(cmd.toArray(String[]::new));
        if (!r.ok()) fail(String.join(" ", cmd) + " failed: " + r.out());
        return r.out();
    }

    public Result exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    @Override
    public void close() {
        run("ip", "netns", "del", name);
    }

    public record Result(int code, String out) {
        public boolean ok() {
            return code == 0;
        }
    }

    public static Result run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "(timeout)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
