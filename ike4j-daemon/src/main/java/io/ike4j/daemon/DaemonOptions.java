package io.ike4j.daemon;

import java.nio.file.Path;
import java.util.Optional;

/** What {@code ike4j daemon} was started with. Ports 0 mean ephemeral (tests). */
public record DaemonOptions(Path configFile, Path socket, int ikePort, int natTraversalPort, Optional<Path> keylog) {}
