package io.ike4j.daemon.cli;

import io.ike4j.daemon.Daemon;
import io.ike4j.daemon.DaemonOptions;
import io.ike4j.daemon.DosThresholds;
import io.ike4j.daemon.Retransmission;
import io.ike4j.daemon.control.ControlUri;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.LogLevels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ike4j daemon --conf FILE [--uri unix:///PATH] [--port 500] [--natt-port 4500] [--keylog FILE] [--log LEVEL]
 * [--dataplane auto|userspace|xfrm|none] [--tun NAME] [--tun-mtu N] [--plain-esp yes|no]}: runs in the foreground until SIGTERM/SIGINT,
 * then deletes its SAs with the peers (JVM shutdown hook) and exits. {@code --help} prints the options.
 */
final class DaemonCommand implements Command {
    @Override
    public String summary() {
        return "daemon --conf FILE [--uri unix:///PATH] [--port 500] [--natt-port 4500] [--keylog FILE] [--log ike=2,net=1|LEVEL]"
                + " [--dataplane auto|userspace|xfrm|none] [--tun ike4j0] [--tun-mtu 1400] [--plain-esp yes|no]"
                + " [--retransmit timeout=4s,base=1.8,tries=5] [--dos cookie-threshold=30,cookie-threshold-ip=3,block-threshold=5,half-open-limit=10000,half-open-timeout=30s,crl-timeout=5s]"
                + " [--crypto-provider jdk|default|PRIMITIVE=jdk|bc,...]";
    }

    static final String HELP = """
            usage: ike4j daemon --conf FILE [OPTIONS]
              --conf FILE        swanctl.conf to load (connections, secrets)
              --uri unix:///PATH control socket (default unix:///run/ike4j/ike4j.sock)
              --port N           IKE port (default 500; 0 = ephemeral)
              --natt-port N      NAT-T port, also ESP-in-UDP (default 4500; 0 = ephemeral)
              --keylog FILE      append IKE and ESP keys in Wireshark's format (debugging only: keys are secrets)
              --log LEVELS       log levels, e.g. 1 or any=1,ike=2,cfg=2
              --dataplane KIND   where CHILD_SAs go:
                                   auto       (default) the kernel if it accepts ESP SAs (probed with a throwaway
                                              SA), else user-space ESP if a TUN device can be created, else none;
                                              the choice and the reason are logged
                                   userspace  ESP in this process over a TUN device: in UDP (RFC 3948) behind a
                                              NAT, else plain ESP (IP protocol 50) over raw sockets; routes for
                                              remote traffic selectors point into the device
                                   xfrm       the Linux kernel's IPsec (NETLINK_XFRM: SAs and policies)
                                   none       in memory only: SAs are negotiated and listed, no traffic flows
              --tun NAME         TUN device of the user-space data plane (default ike4j0)
              --tun-mtu N        its MTU (default 1400, leaving room for ESP-in-UDP on a 1500-byte path)
              --plain-esp yes|no userspace: plain ESP where no NAT was detected (default yes; needs CAP_NET_RAW,
                                 falls back to ESP in UDP with a log line); no: always ESP in UDP
              --retransmit SPEC  timeout=4s,base=1.8,tries=5 (strongSwan's defaults; also the dead-peer timeout)
              --dos SPEC         any of cookie-threshold=30,cookie-threshold-ip=3,block-threshold=5,
                                 half-open-limit=10000,half-open-timeout=30s,crl-timeout=5s (the defaults; why: docs/DOS.md):
                                   COOKIEs demanded from all peers at that many half-open IKE_SAs (0 = always),
                                   COOKIEs demanded from an address holding that many (0 = off), IKE_SA_INIT ignored
                                   from an address holding that many (0 = off), every new IKE_SA_INIT ignored at
                                   that many half-open IKE_SAs in all (the memory bound; 0 = off), how long a
                                   half-open IKE_SA is kept, and how long a handshake waits for a CRL download
              --crypto-provider SPEC
                                 the JCA provider per primitive: jdk (all JDK), default (%s), or
                                 PRIMITIVE=jdk|bc,... over the defaults; primitives x25519 x448 ecdh modp mlkem
                                 ecdsa eddsa rsa aead cbc mac, or all (bc = BouncyCastle)
            """.formatted(io.ike4j.daemon.CryptoProviderOption.DEFAULT_SPEC);

    /** {@code --crypto-provider SPEC} ({@link io.ike4j.daemon.CryptoProviderOption}); the defaults without it. */
    static io.ike4j.core.crypto.CryptoProviders cryptoProviders(CliArgs a) throws CliArgs.UsageException {
        try {
            return io.ike4j.daemon.CryptoProviderOption.parse(a.value("crypto-provider").orElse("default"));
        } catch (io.ike4j.daemon.CryptoProviderOption.SpecException e) {
            throw new CliArgs.UsageException("--crypto-provider: " + e.getMessage());
        }
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) {
        DaemonOptions options;
        LogLevels levels;
        try {
            if (argv.contains("--help") || argv.contains("-h")) {
                out.print(HELP);
                return OK;
            }
            CliArgs a = CliArgs.parse(argv, Set.of("conf", "uri", "port", "natt-port", "keylog", "log", "dataplane", "tun",
                    "tun-mtu", "plain-esp", "retransmit", "dos", "crypto-provider"), Set.of());
            Path conf = Path.of(a.value("conf").orElseThrow(() -> new CliArgs.UsageException("daemon needs --conf FILE")));
            ControlUri uri = a.value("uri").isEmpty() ? ControlUri.DEFAULT
                    : ControlUri.parse(a.value("uri").get()).orElseThrow(() -> new CliArgs.UsageException("--uri must look like unix:///path"));
            levels = LogLevels.parse(a.value("log").orElse(""));
            String dp = a.value("dataplane").orElse("auto");
            DaemonOptions.DataPlaneKind kind = DaemonOptions.DataPlaneKind.parse(dp).orElseThrow(() ->
                    new CliArgs.UsageException("--dataplane must be auto, userspace, xfrm or none, not " + dp));
            String tun = a.value("tun").orElse(DaemonOptions.DEFAULT_TUN);
            if (tun.isEmpty() || tun.length() > 15 || !tun.matches("[A-Za-z0-9_.%-]+")) {
                throw new CliArgs.UsageException("--tun must be an interface name of at most 15 characters");
            }
            int mtu = a.port("tun-mtu", DaemonOptions.DEFAULT_TUN_MTU);
            if (mtu < 576) throw new CliArgs.UsageException("--tun-mtu must be between 576 and 65535");
            String plain = a.value("plain-esp").orElse("yes");
            if (!plain.equals("yes") && !plain.equals("no")) {
                throw new CliArgs.UsageException("--plain-esp must be yes or no, not " + plain);
            }
            String rt = a.value("retransmit").orElse(null);
            Retransmission retransmit = rt == null ? Retransmission.DEFAULTS : Retransmission.parse(rt).orElseThrow(() ->
                    new CliArgs.UsageException("--retransmit wants timeout=SECONDS,base=X,tries=N, not " + rt));
            String ds = a.value("dos").orElse(null);
            DosThresholds dos = ds == null ? DosThresholds.DEFAULTS : DosThresholds.parse(ds).orElseThrow(() -> new CliArgs.UsageException(
                    "--dos wants cookie-threshold=N,cookie-threshold-ip=N,block-threshold=N,half-open-limit=N,half-open-timeout=SECONDS,crl-timeout=SECONDS, not " + ds));
            options = new DaemonOptions(conf, uri.path(), a.port("port", 500), a.port("natt-port", 4500),
                    a.value("keylog").map(Path::of), kind, tun, mtu, retransmit, plain.equals("yes"), dos,
                    cryptoProviders(a));
        } catch (CliArgs.UsageException | LogLevels.LogLevelException e) {
            err.println("ike4j: " + e.getMessage());
            return USAGE;
        }
        DaemonLog log = new DaemonLog(levels, InstantSource.system(), out::println);
        Daemon daemon;
        try {
            daemon = Daemon.start(options, log, InstantSource.system());
        } catch (Daemon.StartException | IOException e) {
            err.println("ike4j: cannot start daemon: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "ike4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await(); // SIGTERM/SIGINT run the hook, which closes the daemon
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.close();
        }
        return OK;
    }
}
