package io.ike4j.daemon.config;

import io.ike4j.core.policy.TrafficSelectorParseException;
import io.ike4j.core.policy.TrafficSelectorParser;
import io.ike4j.core.proposal.ProposalParseException;
import io.ike4j.core.proposal.ProposalParser;
import io.ike4j.core.proposal.ProtocolId;

/**
 * Checks the values swanctl.conf keeps as strings with the core's own parsers, so that a proposal or selector
 * the engine would refuse is an error with file:line when the configuration is loaded, not a failure at initiate.
 */
public final class CoreConfigValidator implements ConfigValidator {

    @Override
    public void validate(ValueKind kind, String value, SourceLocation where, DiagnosticSink sink) {
        switch (kind) {
            case IKE_PROPOSAL -> proposal(ProtocolId.IKE, value, where, sink, "aes256gcm16-prfsha384-x25519 or aes128-sha256-modp2048");
            case ESP_PROPOSAL -> proposal(ProtocolId.ESP, value, where, sink, "aes256gcm16 or aes128-sha256-modp2048 (PFS)");
            case AH_PROPOSAL -> proposal(ProtocolId.AH, value, where, sink, "sha256");
            case LOCAL_TS, REMOTE_TS -> selector(value, where, sink);
            case ADDRESS -> address(value, where, sink);
            case POOL_ADDRS -> { } // the loader checks the syntax; SwanctlToEngineConfig reports what it cannot serve
        }
    }

    private static void proposal(ProtocolId protocol, String value, SourceLocation where, DiagnosticSink sink, String example) {
        try {
            ProposalParser.parse(protocol, value);
        } catch (ProposalParseException e) {
            sink.error(where, e.getMessage(), "expected e.g. " + example);
        }
    }

    private static void selector(String value, SourceLocation where, DiagnosticSink sink) {
        try {
            TrafficSelectorParser.parse(value);
        } catch (TrafficSelectorParseException e) {
            sink.error(where, e.getMessage(), "expected e.g. 10.1.0.0/16, 10.1.0.0/16[tcp/80], 192.0.2.1-192.0.2.9 or dynamic");
        }
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "%any[46]?|[0-9a-fA-F:.]+(/[0-9]{1,3})?|[0-9a-fA-F:.]+-[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    private static void address(String value, SourceLocation where, DiagnosticSink sink) {
        if (!ADDRESS.matcher(value).matches()) {
            sink.error(where, "invalid address '" + value + "'", "expected an IP address, a CIDR subnet, a range, a host name or %any");
        }
    }
}
