package io.ike4j.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an {@link IkeSession} reaches and authenticates to a gateway: the server address and port, our local address
 * and ports (0 = ephemeral), identities in strongSwan syntax ({@code moon.example}, {@code carol@example},
 * {@code 192.0.2.1}, {@code @#0a0b}), the pre-shared key, IKE proposals as strongSwan strings
 * ({@code aes256gcm16-prfsha384-x25519}) and retransmission timing. The PSK is never printed.
 */
public final class IkeSessionParams {
    private final String connectionName;
    private final InetAddress serverAddress;
    private final int serverPort;
    private final Optional<InetAddress> localAddress;
    private final int localPort;
    private final int localNatTraversalPort;
    private final Optional<String> localIdentity;
    private final Optional<String> remoteIdentity;
    private final byte[] psk;
    private final List<String> ikeProposals;
    private final Retransmission retransmission;
    private final Duration dpdDelay;
    private final Duration rekeyTime;
    private final boolean forceEncapsulation;

    private IkeSessionParams(Builder b) {
        this.connectionName = b.connectionName;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.localAddress = Optional.ofNullable(b.localAddress);
        this.localPort = b.localPort;
        this.localNatTraversalPort = b.localNatTraversalPort;
        this.localIdentity = Optional.ofNullable(b.localIdentity);
        this.remoteIdentity = Optional.ofNullable(b.remoteIdentity);
        this.psk = b.psk.clone();
        this.ikeProposals = List.copyOf(b.proposals);
        this.retransmission = b.retransmission;
        this.dpdDelay = b.dpdDelay;
        this.rekeyTime = b.rekeyTime;
        this.forceEncapsulation = b.forceEncapsulation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String connectionName() { return connectionName; }

    public InetAddress serverAddress() { return serverAddress; }

    public int serverPort() { return serverPort; }

    /** Empty: the address the routing table picks towards the server. */
    public Optional<InetAddress> localAddress() { return localAddress; }

    public int localPort() { return localPort; }

    public int localNatTraversalPort() { return localNatTraversalPort; }

    /** Empty: our IP address (RFC 7296 3.5, strongSwan's default). */
    public Optional<String> localIdentity() { return localIdentity; }

    /** Empty: accept any identity the server presents. */
    public Optional<String> remoteIdentity() { return remoteIdentity; }

    /** A copy of the pre-shared key; wipe it when done. */
    public byte[] psk() { return psk.clone(); }

    /** Empty means strongSwan's {@code default} proposals. */
    public List<String> ikeProposals() { return ikeProposals; }

    public Retransmission retransmission() { return retransmission; }

    public Duration dpdDelay() { return dpdDelay; }

    public Duration rekeyTime() { return rekeyTime; }

    public boolean forceEncapsulation() { return forceEncapsulation; }

    @Override
    public String toString() {
        return "IkeSessionParams[" + connectionName + " -> " + serverAddress.getHostAddress() + ":" + serverPort
                + ", local=" + localIdentity.orElse("(address)") + ", remote=" + remoteIdentity.orElse("%any")
                + ", proposals=" + ikeProposals + "]";
    }

    public static final class Builder {
        private String connectionName = "ike4j";
        private InetAddress serverAddress;
        private int serverPort = 500;
        private InetAddress localAddress;
        private int localPort = 500;
        private int localNatTraversalPort = 4500;
        private String localIdentity;
        private String remoteIdentity;
        private byte[] psk;
        private final List<String> proposals = new ArrayList<>();
        private Retransmission retransmission = Retransmission.DEFAULT;
        private Duration dpdDelay = Duration.ZERO;
        private Duration rekeyTime = Duration.ofHours(4);
        private boolean forceEncapsulation;

        private Builder() {}

        public Builder connectionName(String name) { connectionName = ChildSessionParams.requireText(name, "connection name"); return this; }

        public Builder serverAddress(InetAddress address) { serverAddress = java.util.Objects.requireNonNull(address); return this; }

        public Builder serverPort(int port) { serverPort = checkPort(port, false); return this; }

        public Builder localAddress(InetAddress address) { localAddress = address; return this; }

        /** Our IKE port (default 500; 0 = ephemeral). */
        public Builder localPort(int port) { localPort = checkPort(port, true); return this; }

        /** Our NAT-T port (default 4500; 0 = ephemeral). */
        public Builder localNatTraversalPort(int port) { localNatTraversalPort = checkPort(port, true); return this; }

        public Builder localIdentity(String id) { localIdentity = Identities.check(id); return this; }

        public Builder remoteIdentity(String id) { remoteIdentity = Identities.check(id); return this; }

        public Builder psk(byte[] key) {
            if (key == null || key.length == 0) throw new IllegalArgumentException("PSK must not be empty");
            if (psk != null) Arrays.fill(psk, (byte) 0);
            psk = key.clone();
            return this;
        }

        public Builder psk(String key) {
            return psk(ChildSessionParams.requireText(key, "PSK").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Adds IKE proposals in order of preference (strongSwan syntax). */
        public Builder addIkeProposal(String proposal) { proposals.add(ChildSessionParams.requireText(proposal, "proposal")); return this; }

        public Builder retransmission(Retransmission r) { retransmission = java.util.Objects.requireNonNull(r); return this; }

        /** Dead peer detection interval (RFC 7296 2.4); zero disables it. */
        public Builder dpdDelay(Duration d) { dpdDelay = nonNegative(d); return this; }

        public Builder rekeyTime(Duration d) { rekeyTime = nonNegative(d); return this; }

        /** Use UDP encapsulation even without a NAT (strongSwan {@code encap = yes}). */
        public Builder forceEncapsulation(boolean on) { forceEncapsulation = on; return this; }

        public IkeSessionParams build() {
            if (serverAddress == null) throw new IllegalStateException("server address required");
            if (psk == null) throw new IllegalStateException("PSK required (the only authentication so far)");
            if (localPort != 0 && localPort == localNatTraversalPort) throw new IllegalStateException("IKE and NAT-T ports must differ");
            return new IkeSessionParams(this);
        }
    }

    static int checkPort(int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 0xffff) throw new IllegalArgumentException("bad port: " + port);
        return port;
    }

    static Duration nonNegative(Duration d) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException("duration must not be negative");
        return d;
    }
}
