package io.ike4j.daemon.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The openssl binary for interoperability checks; tests skip those checks where it is missing. */
final class OpenSslCli {
    private OpenSslCli() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String run(Path dir, String... args) throws IOException, InterruptedException {
        Result r = exec(dir, args);
        if (r.rc != 0) throw new AssertionError("openssl " + String.join(" ", args) + " exited " + r.rc + ":\n" + r.output);
        return r.output;
    }

    static String runAllowingFailure(Path dir, String... args) throws IOException, InterruptedException {
        return exec(dir, args).output;
    }

    private record Result(int rc, String output) {}

    private static Result exec(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
