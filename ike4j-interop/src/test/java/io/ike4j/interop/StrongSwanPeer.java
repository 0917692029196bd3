package io.ike4j.interop;

import io.ike4j.interop.NetnsLab.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * strongSwan's {@code charon-systemd} in one lab namespace, with its own strongswan.conf, VICI socket and log
 * (all in a directory of the lab), userspace ESP over TUN ({@code kernel-libipsec}) and driven with {@code swanctl}.
 * See /work/shared/interop/STRONGSWAN.md for why it is set up this way.
 */
public final class StrongSwanPeer implements IkePeer {

    /** Plugins for PSK/certificate IKEv2 with userspace ESP; the Debian defaults load plugins that get in the way. */
    public static final String PLUGINS = "kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints "
            + "pubkey curve25519 kernel-netlink socket-default vici updown hmac gcm aes sha2 sha1 kdf md5 "
            + "eap-identity eap-md5 eap-mschapv2 eap-tls xauth-generic";
    private static final int LOG_KEEP = 256 * 1024;

    /**
     * Tunables: IKE retransmission (strongSwan's {@code retransmit_timeout} s, {@code retransmit_base},
     * {@code retransmit_tries}) and how long {@code swanctl --initiate} may take.
     */
    public record Options(double retransmitTimeout, double retransmitBase, int retransmitTries, Duration initiateTimeout,
                          String charonSettings) {
        public Options(double retransmitTimeout, double retransmitBase, int retransmitTries, Duration initiateTimeout) {
            this(retransmitTimeout, retransmitBase, retransmitTries, initiateTimeout, "");
        }

        /** More settings of the {@code charon-systemd} section of strongswan.conf, one per line (e.g. {@code make_before_break = yes}). */
        public Options withCharonSettings(String lines) {
            return new Options(retransmitTimeout, retransmitBase, retransmitTries, initiateTimeout, lines);
        }

        /** strongSwan's defaults, but quicker to retransmit (fine on a lab link). */
        public static Options defaults() {
            return new Options(1.0, 1.4, 5, Duration.ofSeconds(30));
        }

        /** For a lossy link: many quick retransmissions. */
        public static Options lossy() {
            return new Options(0.5, 1.3, 10, Duration.ofSeconds(60));
        }
    }

    private final NetnsLab lab;
    private final Side side;
    private SwanctlConf conf;
    private final Options options;
    private final Path dir;
    private final Path vici;
    private final Path logFile;
    /** A strongSwan installed in a chroot folder ({@link StrongSwan61}), or null for the system's charon. */
    private final Path root;
    private Process charon;
    private String logSnapshot = "";
    private boolean closed;

    public StrongSwanPeer(NetnsLab lab, Side side, SwanctlConf conf, Options options) {
        this(lab, side, conf, options, null);
    }

    /**
     * A charon from the chroot folder {@code root} (e.g. {@link StrongSwan61#root()}), or the system's when
     * {@code root} is null. In the chroot, this peer's directory is bind-mounted at {@link StrongSwan61#LAB_DIR},
     * /dev and /proc are mounted inside; all these mounts live in the mount namespace of {@code ip netns exec}
     * and vanish with the process.
     */
    public StrongSwanPeer(NetnsLab lab, Side side, SwanctlConf conf, Options options, Path root) {
        this.root = root;
        this.lab = lab;
        this.side = side;
        this.conf = conf;
        this.options = options;
        this.dir = lab.dir("strongswan-" + side.name().toLowerCase(Locale.ROOT));
        this.vici = dir.resolve("charon.vici");
        this.logFile = dir.resolve("charon.log");
    }

    public StrongSwanPeer(NetnsLab lab, Side side, SwanctlConf conf) {
        this(lab, side, conf, Options.defaults());
    }

    @Override
    public String name() {
        return "strongswan-" + side;
    }

    /** The VICI socket URI, for {@code swanctl --uri} (as the daemon sees it: inside the chroot, if any). */
    public String uri() {
        return "unix://" + inside(vici);
    }

    /** {@code file} of this peer's directory as charon and swanctl see it. */
    private String inside(Path file) {
        return root == null ? file.toString() : StrongSwan61.LAB_DIR + "/" + dir.relativize(file);
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * The directory holding this peer's swanctl.conf: swanctl (5.7.2+) reads x509/, x509ca/, x509crl/, private/...
     * relative to the file given with {@code --file}, so credentials placed here are loaded with the config.
     */
    public Path dir() {
        return dir;
    }

    @Override
    public void start() {
        try {
            Files.writeString(dir.resolve("strongswan.conf"), strongswanConf());
            Files.writeString(dir.resolve("swanctl.conf"), conf.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.of("STRONGSWAN_CONF", inside(dir.resolve("strongswan.conf")));
        if (root == null) {
            charon = lab.spawn(lab.namespace(side), env, dir.resolve("charon.out"), Requirements.CHARON.toString());
        } else {
            charon = lab.spawn(lab.namespace(side), env, dir.resolve("charon.out"),
                    StrongSwan61.inChroot(root, dir, "/usr/sbin/charon-systemd").toArray(String[]::new));
        }
        awaitVici(Duration.ofSeconds(15));
        swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--file", inside(dir.resolve("swanctl.conf"))).orThrow();
    }

    String strongswanConf() {
        return String.format(Locale.ROOT, """
                charon-systemd {
                  install_routes = yes
                  retransmit_timeout = %s
                  retransmit_base = %s
                  retransmit_tries = %d
                %s
                  load = %s
                  filelog {
                    peer {
                      path = %s
                      default = 1
                      ike = 2
                      cfg = 2
                      flush_line = yes
                      time_format = %%H:%%M:%%S
                    }
                  }
                  journal {
                    default = -1
                  }
                  plugins {
                    vici {
                      socket = %s
                    }
                  }
                }
                libtls {
                  version_max = 1.3
                  version {
                    max = 1.3
                  }
                }
                """, options.retransmitTimeout(), options.retransmitBase(), options.retransmitTries(),
                options.charonSettings().lines().map(l -> "  " + l.strip()).collect(java.util.stream.Collectors.joining("\n")),
                root == null ? PLUGINS : StrongSwan61.PLUGINS, inside(logFile), uri());
    }

    private void awaitVici(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!charon.isAlive()) {
                throw new LabException(name() + ": charon exited with " + charon.exitValue() + "\n" + log());
            }
            if (Files.exists(vici) && swanctl(Duration.ofSeconds(5), "--stats").ok()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted", e);
            }
        }
        throw new LabException(name() + ": VICI socket " + vici + " did not answer within " + timeout + "\n" + log());
    }

    /**
     * Runs {@code swanctl ARGS --uri <this peer's socket>} (from the root namespace: the socket is a file; with a
     * chroot, the chroot's swanctl in this peer's namespace with the same mounts as charon). File arguments must be
     * given as charon sees them: {@link #insidePath}.
     */
    public ExecResult swanctl(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("swanctl"));
        cmd.addAll(List.of(args));
        cmd.add("--uri");
        cmd.add(uri());
        if (root != null) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(side)));
            full.addAll(StrongSwan61.inChroot(root, dir, cmd.toArray(String[]::new)));
            return Commands.run(timeout, full);
        }
        return Commands.run(timeout, cmd);
    }

    /** A file of this peer's directory as swanctl and charon see it (inside the chroot, if any). */
    public String insidePath(Path file) {
        return inside(file);
    }

    @Override
    public ExecResult tryInitiate(String child) {
        long seconds = options.initiateTimeout().toSeconds();
        return swanctl(options.initiateTimeout().plusSeconds(5), "--initiate", "--child", child,
                "--timeout", Long.toString(seconds));
    }

    @Override
    public void reload(SwanctlConf newConf) {
        this.conf = newConf;
        try {
            Files.writeString(dir.resolve("swanctl.conf"), conf.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--clear", "--file", inside(dir.resolve("swanctl.conf"))).orThrow();
    }

    /**
     * Kills charon with SIGKILL (no DELETE sent, its TUN device and routes go with it) and waits until it is gone;
     * {@link #start()} starts it again with the current configuration (its log is appended to).
     */
    public void kill() {
        if (charon != null && charon.isAlive()) {
            Commands.run("kill", "-KILL", "--", "-" + charon.pid());
            try {
                charon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted", e);
            }
        }
    }

    @Override
    public boolean alive() {
        return charon != null && charon.isAlive();
    }

    @Override
    public void terminate(String ike) {
        swanctl(Commands.DEFAULT_TIMEOUT, "--terminate", "--ike", ike, "--timeout", "10").orThrow();
    }

    @Override
    public List<SaView> listSas() {
        return SaView.fromSwanctlPretty(swanctl(Commands.DEFAULT_TIMEOUT, "--list-sas", "--pretty").orThrow().stdout());
    }

    @Override
    public synchronized String log() {
        if (closed || !Files.exists(logFile)) {
            return logSnapshot;
        }
        return readLog();
    }

    private String readLog() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = Math.max(0, all.length - LOG_KEEP);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (charon != null) {
            NetnsLab.stop(charon, Duration.ofSeconds(5));
        }
        logSnapshot = Files.exists(logFile) ? readLog() : "";
        closed = true;
    }
}
