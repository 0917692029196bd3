package io.ike4j.platform.dataplane;

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
 * A uniquely named network namespace for the data plane's kernel tests, deleted on close. {@link #require()} skips
 * unless root with iproute2 and /dev/net/tun, and fails instead under {@code -Dike4j.requireInterop=true} (CI).
 */
final class KernelNetns implements AutoCloseable {
    final String name;

    private KernelNetns(String name) {
        this.name = name;
    }

    static void require() {
        String missing = null;
        if (!run("id", "-u").out().strip().equals("0")) missing = "not running as root";
        else if (!run("ip", "-V").ok()) missing = "iproute2 (ip) not found";
        else if (!Files.exists(Path.of("/dev/net/tun"))) missing = "no /dev/net/tun";
        if (missing == null) return;
        if (Boolean.getBoolean("ike4j.requireInterop")) fail("data plane kernel test needs: " + missing);
        assumeTrue(false, "data plane kernel test skipped: " + missing);
    }

    static KernelNetns create() {
        String name = "i4j-dp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Result r = run("ip", "netns", "add", name);
        if (!r.ok()) fail("ip netns add failed: " + r.out());
        KernelNetns ns = new KernelNetns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    Path file() {
        return Path.of("/run/netns", name);
    }

    String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        Result r = run(cmd.toArray(String[]::new));
        if (!r.ok()) fail(String.join(" ", cmd) + " failed: " + r.out());
        return r.out();
    }

    Result exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    @Override
    public void close() {
        run("ip", "netns", "del", name);
    }

    record Result(int code, String out) {
        boolean ok() {
            return code == 0;
        }
    }

    static Result run(String... cmd) {
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
