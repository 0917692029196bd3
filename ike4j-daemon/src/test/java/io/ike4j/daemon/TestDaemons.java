package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.daemon.cli.Main;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.LogLevels;
import io.ike4j.daemon.pki.PkiCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon tests share: a CA -> intermediate -> host certificate chain made with {@code ike4j pki} in
 * swanctl credential directories below one folder, daemons started on that folder's files, and the CLI run in-process.
 */
final class TestDaemons {
    private final Path dir;
    private final PkiCommand pki = new PkiCommand(InstantSource.system(), new SecureRandom());

    TestDaemons(Path dir) {
        this.dir = dir;
    }

    Path p(String name) {
        return dir.resolve(name);
    }

    /** {@code ike4j pki args}, its output written to {@code out}. */
    void pki(Path out, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int rc = pki.run(args, new PrintStream(o, true), new PrintStream(e, true));
        assertThat(rc).as("pki %s: %s", List.of(args), e.toString(StandardCharsets.UTF_8)).isZero();
        Files.createDirectories(out.getParent());
        Files.write(out, o.toByteArray());
    }

    /**
     * ca/ca.{key,pem} (Root CA) and ca/inter.{key,pem} (Intermediate CA), both ECDSA P-256; for each of {@code hosts}
     * an ECDSA key of {@code hostBits} in H/private/H.key and H/x509/H.pem for CN and SAN H.example.org, issued by the
     * intermediate with {@code issueArgs} added; both CA certificates in H/x509ca/ of the hosts and of {@code trusting}.
     */
    void chain(int hostBits, List<String> hosts, List<String> trusting, String... issueArgs) throws Exception {
        pki(p("ca/ca.key"), "--gen", "--type", "ecdsa", "--size", "256", "--outform", "pem");
        pki(p("ca/ca.pem"), "--self", "--ca", "--in", p("ca/ca.key").toString(), "--dn", "C=CH, O=ike4j, CN=Root CA", "--outform", "pem");
        pki(p("ca/inter.key"), "--gen", "--type", "ecdsa", "--size", "256", "--outform", "pem");
        pki(p("ca/inter.pem"), "--issue", "--cacert", p("ca/ca.pem").toString(), "--cakey", p("ca/ca.key").toString(),
                "--in", p("ca/inter.key").toString(), "--ca", "--dn", "C=CH, O=ike4j, CN=Intermediate CA", "--outform", "pem");
        for (String host : hosts) {
            pki(p(host + "/private/" + host + ".key"), "--gen", "--type", "ecdsa", "--size", String.valueOf(hostBits), "--outform", "pem");
            List<String> issue = new ArrayList<>(List.of("--issue", "--cacert", p("ca/inter.pem").toString(), "--cakey",
                    p("ca/inter.key").toString(), "--in", p(host + "/private/" + host + ".key").toString(), "--dn",
                    "C=CH, O=ike4j, CN=" + host + ".example.org", "--san", host + ".example.org"));
            issue.addAll(List.of(issueArgs));
            issue.addAll(List.of("--outform", "pem"));
            pki(p(host + "/x509/" + host + ".pem"), issue.toArray(String[]::new));
        }
        List<String> all = new ArrayList<>(hosts);
        all.addAll(trusting);
        for (String host : all) {
            Files.createDirectories(p(host + "/x509ca"));
            Files.copy(p("ca/ca.pem"), p(host + "/x509ca/ca.pem"));
            Files.copy(p("ca/inter.pem"), p(host + "/x509ca/inter.pem"));
        }
    }

    /** A daemon on {@code conf} written to {@code confFile}, its control socket {@code socket}, logging at level 2 into {@code log}. */
    static Daemon start(Path confFile, String conf, Path socket, List<String> log) throws Exception {
        return start(confFile, conf, new DaemonOptions(confFile, socket, 0, 0, Optional.empty()), "2", log);
    }

    /** A daemon with {@code options} (whose config file is {@code confFile}), logging at {@code level} into {@code log}. */
    static Daemon start(Path confFile, String conf, DaemonOptions options, String level, List<String> log) throws Exception {
        Files.createDirectories(confFile.getParent());
        Files.writeString(confFile, conf);
        DaemonLog dl = new DaemonLog(LogLevels.parse(level), InstantSource.system(), log::add);
        return Daemon.start(options, dl, InstantSource.system());
    }

    /**
     * A swanctl.conf with one PSK connection {@code name} (aes256gcm16-prfsha384-x25519, from 127.0.0.1) and one CHILD_SA
     * {@code net} (aes128gcm16, {@code childExtra} lines added), and the secret {@code psk} (as written, quotes included).
     */
    static String pskConf(String name, String remote, String remotePort, String localTs, String remoteTs, String localId,
                          String remoteId, String childExtra, String psk) {
        return """
                connections {
                  %s {
                    local_addrs = 127.0.0.1
                    remote_addrs = %s
                    remote_port = %s
                    proposals = aes256gcm16-prfsha384-x25519
                    local {
                      auth = psk
                      id = %s
                    }
                    remote {
                      auth = psk
                      id = %s
                    }
                    children {
                      net {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = aes128gcm16
                        %s
                      }
                    }
                  }
                }
                secrets {
                  ike-1 {
                    id-a = %s
                    id-b = %s
                    secret = %s
                  }
                }
                """.formatted(name, remote, remotePort, localId, remoteId, localTs, remoteTs, childExtra, localId, remoteId, psk);
    }

    record Cli(int exit, String output) {}

    /** {@code ike4j args} in-process: exit code and everything it printed. */
    static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(args, ps, ps);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8));
    }
}
