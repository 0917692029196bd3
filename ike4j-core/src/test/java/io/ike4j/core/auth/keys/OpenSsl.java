package io.ike4j.core.auth.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the openssl binary for cross-checks in tests (skipped where it is missing). */
public final class OpenSsl {
    private OpenSsl() {}

    public static boolean available() {
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

    /** Runs openssl with {@code args} in {@code dir}; returns stdout, fails the test on a non-zero exit. */
    public static byte[] run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        if (rc != 0) throw new AssertionError("openssl " + String.join(" ", args) + " exited " + rc + ": " + new String(out));
        return out;
    }
}
