package io.ike4j.platform.tun;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Configures a TUN device by running iproute2's {@code ip} (MTU, link up, addresses, routes for the remote traffic
 * selectors). A stop-gap: a later version should speak rtnetlink directly. Optionally acts inside a named network
 * namespace ({@code ip -n NAME}). Arguments are passed as an argument vector, never through a shell.
 */
public final class IpRoute2 {
    private static final long TIMEOUT_SECONDS = 10;

    private final String ip;
    private final String namespace; // null: the current one

    private IpRoute2(String ip, String namespace) {
        this.ip = ip;
        this.namespace = namespace;
    }

    /** Runs {@code ip} from PATH in the current network namespace. */
    public static IpRoute2 system() {
        return new IpRoute2("ip", null);
    }

    /** The same, inside the named network namespace ({@code ip -n NAME ...}). */
    public IpRoute2 inNamespace(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) throw new IllegalArgumentException("invalid namespace name: " + name);
        return new IpRoute2(ip, name);
    }

    public void setMtu(String device, int mtu) throws IOException {
        run("link", "set", "dev", device, "mtu", Integer.toString(mtu));
    }

    public void up(String device) throws IOException {
        run("link", "set", "dev", device, "up");
    }

    /** Adds an address like {@code 10.99.0.1/24} or {@code fd00::1/64}. */
    public void addAddress(String device, String cidr) throws IOException {
        run(family(cidr), "addr", "add", cidr, "dev", device);
    }

    public void deleteAddress(String device, String cidr) throws IOException {
        run(family(cidr), "addr", "del", cidr, "dev", device);
    }

    /** Adds (or replaces) a route to {@code cidr} through the device, with a preferred source address if given. */
    public void addRoute(String cidr, String device, Optional<String> source) throws IOException {
        List<String> args = new ArrayList<>(List.of(family(cidr), "route", "replace", cidr, "dev", device));
        source.ifPresent(s -> {
            args.add("src");
            args.add(s);
        });
        run(args.toArray(String[]::new));
    }

    public void deleteRoute(String cidr, String device) throws IOException {
        run(family(cidr), "route", "del", cidr, "dev", device);
    }

    /**
     * Pins traffic to {@code host} (an address literal) to the path it takes now: {@code ip route get HOST} names the
     * gateway and device, and a host route ({@code /32} or {@code /128}) over them is added, so that routes added
     * later (e.g. a full tunnel into a TUN device) never capture it.
     *
     * @return false if nothing was added: the host is a local address, or a host route to it exists already
     * @throws IOException if {@code ip} fails, or the host is routed into {@code avoidDevice} already (pinning it
     *                     there would keep the traffic in the tunnel)
     */
    public boolean pinHost(String host, String avoidDevice) throws IOException {
        String[] f = run(family(host), "route", "get", host).strip().split("\\s+");
        if (f.length == 0 || List.of("local", "broadcast", "multicast", "unreachable", "blackhole").contains(f[0])) {
            return false;
        }
        String via = after(f, "via");
        String dev = after(f, "dev");
        if (dev == null) return false;
        if (dev.equals(avoidDevice)) {
            throw new IOException("the peer " + host + " is routed into " + avoidDevice + " already; cannot keep its "
                    + "IKE and ESP traffic out of the tunnel");
        }
        List<String> args = new ArrayList<>(List.of(family(host), "route", "add", hostPrefix(host)));
        if (via != null) {
            args.add("via");
            args.add(via);
        }
        args.add("dev");
        args.add(dev);
        try {
            run(args.toArray(String[]::new));
            return true;
        } catch (IOException e) {
            if (e.getMessage().contains("File exists")) return false; // someone's host route: leave it alone
            throw e;
        }
    }

    /** Deletes a host route {@link #pinHost} added. */
    public void unpinHost(String host) throws IOException {
        run(family(host), "route", "del", hostPrefix(host));
    }

    private static String hostPrefix(String host) {
        return host + (host.contains(":") ? "/128" : "/32");
    }

    private static String after(String[] f, String key) {
        for (int i = 0; i + 1 < f.length; i++) if (f[i].equals(key)) return f[i + 1];
        return null;
    }

    /** Routes every remote selector's addresses into the device; returns the prefixes routed. */
    public List<String> routeSelectors(List<TrafficSelectorSubstructure> remote, String device, Optional<String> source4,
                                       Optional<String> source6) throws IOException {
        List<String> cidrs = Cidrs.of(remote);
        for (String c : cidrs) addRoute(c, device, c.contains(":") ? source6 : source4);
        return cidrs;
    }

    private static String family(String cidr) {
        return cidr.contains(":") ? "-6" : "-4";
    }

    /** Runs {@code ip [-n NS] args...}; returns its output (stdout and stderr), or throws with it if it fails. */
    public String run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ip);
        if (namespace != null) {
            cmd.add("-n");
            cmd.add(namespace);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(new java.io.File("/dev/null")).redirectErrorStream(true).start();
        String out;
        try {
            // ip's output is small; reading to EOF first cannot dead-lock on a full pipe
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
