package io.ike4j.daemon.cli;

import io.ike4j.daemon.Daemon;
import io.ike4j.daemon.DaemonOptions;
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
 * {@code ike4j daemon --conf FILE [--uri unix:///PATH] [--port 500] [--natt-port 4500] [--keylog FILE] [--log LEVEL]}:
 * runs in the foreground until SIGTERM/SIGINT, then deletes its SAs with the peers (JVM shutdown hook) and exits.
 */
final class DaemonCommand implements Command {
    @Override
    public String summary() {
        return "daemon --conf FILE [--uri unix:///PATH] [--port 500] [--natt-port 4500] [--keylog FILE] [--log ike=2,net=1|LEVEL]";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) {
        DaemonOptions options;
        LogLevels levels;
        try {
            CliArgs a = CliArgs.parse(argv, Set.of("conf", "uri", "port", "natt-port", "keylog", "log"), Set.of());
            Path conf = Path.of(a.value("conf").orElseThrow(() -> new CliArgs.UsageException("daemon needs --conf FILE")));
            ControlUri uri = a.value("uri").isEmpty() ? ControlUri.DEFAULT
                    : ControlUri.parse(a.value("uri").get()).orElseThrow(() -> new CliArgs.UsageException("--uri must look like unix:///path"));
            levels = LogLevels.parse(a.value("log").orElse(""));
            options = new DaemonOptions(conf, uri.path(), a.port("port", 500), a.port("natt-port", 4500), a.value("keylog").map(Path::of));
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
