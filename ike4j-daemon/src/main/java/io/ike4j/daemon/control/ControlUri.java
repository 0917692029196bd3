package io.ike4j.daemon.control;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** The control socket location, written like swanctl's {@code --uri}: {@code unix:///run/ike4j/ike4j.sock}. */
public record ControlUri(Path path) {
    public static final Path DEFAULT_PATH = Path.of("/run/ike4j/ike4j.sock");
    public static final ControlUri DEFAULT = new ControlUri(DEFAULT_PATH);

    /** Parses {@code unix:///abs/path} or {@code unix://rel/path} (swanctl accepts both); empty if not a unix URI. */
    public static Optional<ControlUri> parse(String uri) {
        if (uri == null || !uri.startsWith("unix://")) return Optional.empty();
        String p = uri.substring("unix://".length());
        if (p.isEmpty() || p.indexOf('\0') >= 0) return Optional.empty();
        try {
            return Optional.of(new ControlUri(Path.of(p)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "unix://" + path;
    }
}
