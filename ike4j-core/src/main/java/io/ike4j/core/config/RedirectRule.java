package io.ike4j.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A gateway-side redirect (RFC 5685): initiators matching {@code remoteAddrs} (strongSwan address entries) and, at
 * {@link Stage#AUTH}, the authenticated identity {@code remoteId} (absent: any) are sent to {@code gateway}
 * (an IP address literal or an FQDN); {@code connection}, if given, limits an IKE_AUTH rule to peers matched to that
 * connection (swanctl {@code redirect_auth}) during IKE_SA_INIT or in the IKE_AUTH response. Only initiators that announced
 * REDIRECT_SUPPORTED are redirected (RFC 5685 4.1).
 */
public record RedirectRule(Stage stage, List<String> remoteAddrs, Optional<Identity> remoteId, String gateway,
                           Optional<String> connection) {
    /** When the gateway redirects: before any state (IKE_SA_INIT, RFC 5685 4.2) or after authentication (IKE_AUTH, 4.3... 6). */
    public enum Stage { INIT, AUTH }

    public RedirectRule {
        if (stage == null) throw new IllegalArgumentException("redirect stage required");
        if (gateway == null || gateway.isBlank() || gateway.length() > 255) throw new IllegalArgumentException("redirect gateway required");
        remoteAddrs = List.copyOf(remoteAddrs == null || remoteAddrs.isEmpty() ? List.of("%any") : remoteAddrs);
        remoteId = remoteId == null ? Optional.empty() : remoteId;
        connection = connection == null ? Optional.empty() : connection;
    }

    /** A rule for any connection. */
    public RedirectRule(Stage stage, List<String> remoteAddrs, Optional<Identity> remoteId, String gateway) {
        this(stage, remoteAddrs, remoteId, gateway, Optional.empty());
    }

    /** Whether this rule applies to a peer at {@code remote}, identified as {@code id}, matched to connection {@code conn} (null: none yet). */
    public boolean matches(java.net.InetAddress remote, Identity id, String conn) {
        if (connection.isPresent() && !connection.get().equals(conn)) return false;
        return matches(remote, id);
    }

    /** Whether this rule applies to a peer at {@code remote} (and, at IKE_AUTH, identified as {@code id}), any connection. */
    public boolean matches(java.net.InetAddress remote, Identity id) {
        if (AddressMatch.best(remoteAddrs, remote) == AddressMatch.NONE) return false;
        return remoteId.isEmpty() || id != null && remoteId.get().equals(id);
    }
}
