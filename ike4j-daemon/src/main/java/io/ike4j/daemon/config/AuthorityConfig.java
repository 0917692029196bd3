package io.ike4j.daemon.config;

import java.util.List;
import java.util.Optional;

/** {@code authorities.<name>}: a CA with its revocation information sources. */
public record AuthorityConfig(String name, SourceLocation location, Optional<String> cacert, Optional<String> file,
                              Optional<String> handle, Optional<String> slot, Optional<String> module,
                              List<String> crlUris, List<String> ocspUris, Optional<String> certUriBase) {
    public AuthorityConfig {
        crlUris = List.copyOf(crlUris);
        ocspUris = List.copyOf(ocspUris);
    }
}
