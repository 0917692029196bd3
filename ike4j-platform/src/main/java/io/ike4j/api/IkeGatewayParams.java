package io.ike4j.api;

import io.ike4j.core.config.SharedSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an {@link IkeGateway} answers: where it listens (address, or all interface addresses; ports, 0 = ephemeral),
 * its identity, the pre-shared keys of the peers it accepts, the IKE proposals it accepts and the CHILD_SA it
 * offers (its traffic selectors and ESP proposals). Keys are never printed.
 */
public final class IkeGatewayParams {
    private final String connectionName;
    private final Optional<InetAddress> localAddress;
    private final int localPort;
    private final int localNatTraversalPort;
    private final Optional<String> localIdentity;
    private final List<Peer> peers;
    private final List<String> ikeProposals;
    private final ChildSessionParams child;
    private final Retransmission retransmission;
    private final Duration dpdDelay;

    /** A peer we accept: its identity ({@code %any} for everyone) and its pre-shared key. */
    private record Peer(String identity, byte[] psk) {}

    private IkeGatewayParams(Builder b) {
        this.connectionName = b.connectionName;
        this.localAddress = Optional.ofNullable(b.localAddress);
        this.localPort = b.localPort;
        this.localNatTraversalPort = b.localNatTraversalPort;
        this.localIdentity = Optional.ofNullable(b.localIdentity);
        this.peers = b.peers.stream().map(p -> new Peer(p.identity, p.psk.clone())).toList();
        this.ikeProposals = List.copyOf(b.proposals);
        this.child = b.child;
        this.retransmission = b.retransmission;
        this.dpdDelay = b.dpdDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String connectionName() { return connectionName; }

    /** Empty: listen on every interface address. */
    public Optional<InetAddress> localAddress() { return localAddress; }

    public int localPort() { return localPort; }

    public int localNatTraversalPort() { return localNatTraversalPort; }

    public Optional<String> localIdentity() { return localIdentity; }

    /** The identities of the accepted peers ({@code %any} for a catch-all key). */
    public List<String> peerIdentities() { return peers.stream().map(Peer::identity).toList(); }

    public List<String> ikeProposals() { return ikeProposals; }

    public ChildSessionParams child() { return child; }

    public Retransmission retransmission() { return retransmission; }

    public Duration dpdDelay() { return dpdDelay; }

    /** The engine's secrets: each peer's PSK bound to its identity and ours. */
    List<SharedSecret> secrets() {
        List<SharedSecret> out = new ArrayList<>();
        for (Peer p : peers) {
            List<io.ike4j.core.config.Identity> ids = new ArrayList<>();
            io.ike4j.core.config.Identity peerId = io.ike4j.core.config.Identity.of(p.identity);
            if (!peerId.isAny()) ids.add(peerId);
            out.add(new SharedSecret(p.psk, ids));
        }
        return out;
    }

    @Override
    public String toString() {
        return "IkeGatewayParams[" + connectionName + " on " + localAddress.map(InetAddress::getHostAddress).orElse("%any")
                + ":" + localPort + ", id=" + localIdentity.orElse("(address)") + ", peers=" + peerIdentities() + "]";
    }

    public static final class Builder {
        private String connectionName = "gateway";
        private InetAddress localAddress;
        private int localPort = 500;
        private int localNatTraversalPort = 4500;
        private String localIdentity;
        private final List<Peer> peers = new ArrayList<>();
        private final List<String> proposals = new ArrayList<>();
        private ChildSessionParams child;
        private Retransmission retransmission = Retransmission.DEFAULT;
        private Duration dpdDelay = Duration.ZERO;

        private Builder() {}

        public Builder connectionName(String name) { connectionName = ChildSessionParams.requireText(name, "connection name"); return this; }

        public Builder localAddress(InetAddress address) { localAddress = address; return this; }

        public Builder localPort(int port) { localPort = IkeSessionParams.checkPort(port, true); return this; }

        public Builder localNatTraversalPort(int port) { localNatTraversalPort = IkeSessionParams.checkPort(port, true); return this; }

        public Builder localIdentity(String id) { localIdentity = Identities.check(id); return this; }

        /** Accepts the peer with this identity ({@code %any}: every peer) when it proves knowledge of {@code psk}. */
        public Builder addPeer(String identity, byte[] psk) {
            if (psk == null || psk.length == 0) throw new IllegalArgumentException("PSK must not be empty");
            peers.add(new Peer(Identities.check(ChildSessionParams.requireText(identity, "identity")), psk.clone()));
            return this;
        }

        public Builder addPeer(String identity, String psk) {
            return addPeer(identity, ChildSessionParams.requireText(psk, "PSK").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Builder addIkeProposal(String proposal) { proposals.add(ChildSessionParams.requireText(proposal, "proposal")); return this; }

        /** The CHILD_SA the gateway offers: its selectors are narrowed against the initiator's (RFC 7296 2.9). */
        public Builder child(ChildSessionParams c) { child = java.util.Objects.requireNonNull(c); return this; }

        public Builder retransmission(Retransmission r) { retransmission = java.util.Objects.requireNonNull(r); return this; }

        public Builder dpdDelay(Duration d) { dpdDelay = IkeSessionParams.nonNegative(d); return this; }

        public IkeGatewayParams build() {
            if (peers.isEmpty()) throw new IllegalStateException("at least one peer (identity and PSK) required");
            if (child == null) throw new IllegalStateException("child parameters required");
            IkeGatewayParams p = new IkeGatewayParams(this);
            peers.forEach(x -> Arrays.fill(x.psk, (byte) 0));
            peers.clear();
            return p;
        }
    }
}
