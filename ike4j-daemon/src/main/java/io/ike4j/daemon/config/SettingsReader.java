package io.ike4j.daemon.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a strongSwan settings file and everything it includes into one merged {@link SettingsSection} tree.
 *
 * <p>{@code include PATTERN} is resolved like strongSwan: relative patterns are relative to the directory of the
 * including file, wildcards are expanded in sorted order, a wildcard that matches nothing is not an error but a
 * missing plain file is. Included content lands in the section holding the include statement. Include nesting
 * is bounded and cycles are reported. Never throws: problems are diagnostics.
 */
public final class SettingsReader {
    private final SettingsLimits limits;

    public SettingsReader(SettingsLimits limits) {
        this.limits = limits;
    }

    public SettingsReader() {
        this(SettingsLimits.defaults());
    }

    /** Reads {@code file} and its includes. */
    public SettingsSection read(Path file, DiagnosticSink sink) {
        Load load = new Load(sink);
        MutableSection root = new MutableSection("", new SourceLocation(file.toString(), 0));
        load.readFile(file, root, 0, null);
        return root.freeze(root, sink);
    }

    /** Parses text; relative includes are resolved against {@code baseDir} (may be null: includes are errors). */
    public SettingsSection parse(String text, String fileName, Path baseDir, DiagnosticSink sink) {
        Load load = new Load(sink);
        MutableSection root = new MutableSection("", new SourceLocation(fileName, 0));
        load.parseText(text, fileName, baseDir, root, 0);
        return root.freeze(root, sink);
    }

    private final class Load {
        final DiagnosticSink sink;
        final SettingsParser.Budget budget = new SettingsParser.Budget();
        final Deque<Path> includeStack = new ArrayDeque<>();
        long totalBytes;
        int files;

        Load(DiagnosticSink sink) {
            this.sink = sink;
        }

        void parseText(String text, String fileName, Path baseDir, MutableSection into, int sectionDepth) {
            SettingsParser.IncludeHandler handler = (pattern, where, target, depth) ->
                    include(pattern, where, baseDir, target, depth);
            new SettingsParser(text, fileName, sink, limits, handler, budget).parseInto(into, sectionDepth);
        }

        void readFile(Path file, MutableSection into, int sectionDepth, SourceLocation includedFrom) {
            SourceLocation where = includedFrom != null ? includedFrom : new SourceLocation(file.toString(), 0);
            try {
                Path real = file.toRealPath();
                if (includeStack.contains(real)) {
                    String chain = includeStack.stream().map(Path::toString).collect(Collectors.joining(" -> "));
                    sink.error(where, "include cycle: " + chain + " -> " + real, "remove the include that loops back");
                    return;
                }
                if (!Files.isRegularFile(real)) {
                    sink.error(where, "'" + file + "' is not a regular file", "");
                    return;
                }
                long size = Files.size(real);
                if (size > limits.maxFileBytes() || totalBytes + size > limits.maxTotalBytes()
                        || ++files > limits.maxFiles()) {
                    sink.error(where, "'" + file + "' exceeds the configuration size limits", "split or trim the configuration");
                    return;
                }
                totalBytes += size;
                String text = decode(Files.readAllBytes(real), where, file);
                includeStack.push(real);
                try {
                    Path dir = real.getParent() != null ? file.toAbsolutePath().getParent() : null;
                    parseText(text, file.toString(), dir, into, sectionDepth);
                } finally {
                    includeStack.pop();
                }
            } catch (IOException | RuntimeException e) {
                sink.error(where, "cannot read '" + file + "': " + e.getClass().getSimpleName(),
                        "check that the file exists and is readable");
            }
        }

        private String decode(byte[] bytes, SourceLocation where, Path file) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                sink.warning(where, "'" + file + "' is not valid UTF-8", "invalid bytes were replaced");
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        void include(String pattern, SourceLocation where, Path baseDir, MutableSection target, int depth) {
            if (includeStack.size() >= limits.maxIncludeDepth()) {
                sink.error(where, "includes nested deeper than " + limits.maxIncludeDepth(),
                        "check for an include cycle or flatten the includes");
                return;
            }
            List<Path> matches;
            try {
                Path p = Path.of(pattern);
                if (!p.isAbsolute()) {
                    if (baseDir == null) {
                        sink.error(where, "cannot resolve relative include '" + pattern + "'", "use an absolute path");
                        return;
                    }
                    p = baseDir.resolve(p);
                }
                if (!Glob.hasWildcard(pattern)) {
                    if (!Files.exists(p)) {
                        sink.error(where, "included file '" + p + "' not found", "fix the path or use a wildcard");
                        return;
                    }
                    matches = List.of(p);
                } else {
                    matches = Glob.expand(p);
                }
            } catch (RuntimeException e) {
                sink.error(where, "invalid include pattern '" + pattern + "'", "use a path with * ? [] wildcards");
                return;
            }
            for (Path m : matches) {
                readFile(m, target, depth, where);
            }
        }
    }

    /** POSIX-glob-like expansion, one path component at a time, sorted like glob(3). */
    static final class Glob {
        private Glob() {}

        static boolean hasWildcard(String s) {
            return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
        }

        static List<Path> expand(Path absolutePattern) {
            Path root = absolutePattern.getRoot();
            List<Path> current = new ArrayList<>();
            current.add(root != null ? root : Path.of(""));
            for (Path part : absolutePattern) {
                String comp = part.toString();
                List<Path> next = new ArrayList<>();
                for (Path dir : current) {
                    if (!hasWildcard(comp)) {
                        Path p = dir.resolve(comp);
                        if (Files.exists(p)) {
                            next.add(p);
                        }
                        continue;
                    }
                    var matcher = dir.getFileSystem().getPathMatcher("glob:" + comp.replace("{", "\\{").replace("}", "\\}"));
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (var entries = Files.list(dir)) {
                        entries.filter(e -> e.getFileName() != null)
                                .filter(e -> comp.startsWith(".") || !e.getFileName().toString().startsWith("."))
                                .filter(e -> matcher.matches(e.getFileName()))
                                .sorted()
                                .forEach(next::add);
                    } catch (IOException e) {
                        // unreadable directory: matches nothing, like glob(3) without GLOB_ERR
                    }
                }
                current = next;
            }
            return current.stream().filter(Files::isRegularFile).toList();
        }
    }
}
