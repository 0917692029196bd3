package io.ike4j.daemon.config;

/**
 * Hook for checking values the config model keeps as strings (proposals, traffic selectors, addresses).
 * Called once per list item with the location of the setting; report problems through the sink, e.g.
 * {@code sink.error(where, "invalid proposal '" + value + "'", "expected e.g. aes256-sha256-modp2048")}.
 * Must not throw.
 */
@FunctionalInterface
public interface ConfigValidator {
    /** What a string value is, so one validator can route it to the right parser. */
    enum ValueKind {
        /** {@code connections.<conn>.proposals} item (IKE proposal string). */
        IKE_PROPOSAL,
        /** {@code children.<child>.esp_proposals} item. */
        ESP_PROPOSAL,
        /** {@code children.<child>.ah_proposals} item. */
        AH_PROPOSAL,
        /** {@code children.<child>.local_ts} item. */
        LOCAL_TS,
        /** {@code children.<child>.remote_ts} item. */
        REMOTE_TS,
        /** {@code connections.<conn>.local_addrs} / {@code remote_addrs} item (address, hostname, CIDR, range, %any). */
        ADDRESS,
        /** {@code pools.<name>.addrs} (CIDR or range). */
        POOL_ADDRS
    }

    void validate(ValueKind kind, String value, SourceLocation where, DiagnosticSink sink);

    /** Accepts everything. */
    static ConfigValidator none() {
        return (kind, value, where, sink) -> { };
    }
}
