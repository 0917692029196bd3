package io.ike4j.interop;

import io.ike4j.interop.NetnsLab.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A FreeRADIUS 3 server for eap-radius tests, in one side's namespace on 127.0.0.1:1812 (client {@code localhost},
 * secret {@code testing123}, from Debian's default configuration copied into the lab's work directory). Users are
 * prepended to {@code mods-config/files/authorize}; it runs in the foreground ({@code -X}) as root and is stopped
 * with the lab at the latest.
 */
final class FreeRadius implements AutoCloseable {
    static final Path CONFIG = Path.of("/etc/freeradius/3.0");
    static final Path BINARY = Path.of("/usr/sbin/freeradius");
    static final String SECRET = "testing123";

    private final Path dir;
    private final Path log;
    private final Process process;

    /** {@code users}: lines of the users file, e.g. {@code carol Cleartext-Password := "secret"}. */
    FreeRadius(NetnsLab lab, Side side, String users) {
        dir = lab.dir("freeradius");
        log = dir.resolve("radiusd.out");
        Path raddb = dir.resolve("raddb");
        Commands.run(Duration.ofSeconds(30), java.util.List.of("rm", "-rf", raddb.toString()));
        Commands.run(Duration.ofSeconds(30), java.util.List.of("cp", "-a", CONFIG.toString(), raddb.toString())).orThrow();
        try {
            Path conf = raddb.resolve("radiusd.conf");
            Files.writeString(conf, Files.readString(conf).replaceAll("(?m)^(\\s*)(user|group) = freerad", "$1#$2 = freerad"));
            Path authorize = raddb.resolve("mods-config/files/authorize");
            Files.writeString(authorize, users + "\n" + Files.readString(authorize));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = lab.spawn(lab.namespace(side), Map.of(), log, BINARY.toString(), "-X", "-d", raddb.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!output().contains("Ready to process requests")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new LabException("FreeRADIUS did not start:\n" + output());
            }
            IkePeer.sleep(100);
        }
    }

    static boolean available() {
        return Files.isExecutable(BINARY) && Files.isDirectory(CONFIG);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        NetnsLab.stop(process, Duration.ofSeconds(5));
    }
}
