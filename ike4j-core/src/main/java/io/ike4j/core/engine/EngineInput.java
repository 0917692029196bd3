package io.ike4j.core.engine;

import java.util.Arrays;

/** Everything that can happen to the engine: a datagram, a timer, or a command from the control side. */
public sealed interface EngineInput {

    /** An IKE datagram (non-ESP marker already removed) received on {@code local} from {@code remote}. */
    record DatagramReceived(Endpoint local, Endpoint remote, byte[] data) implements EngineInput {
        public DatagramReceived {
            data = data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DatagramReceived d && d.local.equals(local) && d.remote.equals(remote) && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return (local.hashCode() * 31 + remote.hashCode()) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "DatagramReceived[" + remote + " -> " + local + ", " + data.length + " bytes]";
        }
    }

    /** A timer armed by {@link EngineOutput.StartTimer} has expired. */
    record TimerFired(TimerId timer) implements EngineInput {}

    /**
     * Control: establish the named connection's IKE SA and (if given) the named CHILD_SA. An established IKE SA of
     * the connection is reused for the CHILD_SA (as swanctl --initiate does) unless {@code newIkeSa} asks for a
     * fresh one (load generation).
     */
    record Initiate(String connection, String child, boolean newIkeSa) implements EngineInput {
        public Initiate(String connection, String child) {
            this(connection, child, false);
        }
    }

    /** Control: delete an IKE SA (with all its CHILD_SAs) by the engine's unique id. */
    record TerminateIke(long ikeSaId) implements EngineInput {}

    /** Control: delete one CHILD_SA by its unique id. */
    record TerminateChild(long ikeSaId, long childSaId) implements EngineInput {}

    /** Control: rekey an IKE SA now (RFC 7296 1.3.2), like {@code swanctl --rekey --ike-id}; {@code reauth}: reauthenticate. */
    record RekeyIke(long ikeSaId, boolean reauth) implements EngineInput {}

    /** Control: rekey one CHILD_SA now (RFC 7296 1.3.3), like {@code swanctl --rekey --child-id}. */
    record RekeyChild(long ikeSaId, long childSaId) implements EngineInput {}

    /**
     * The data plane: a CHILD_SA crossed a byte or packet limit (rekey_bytes/rekey_packets when {@code hard} is false,
     * life_bytes/life_packets when true).
     */
    record ChildSaExpired(long ikeSaId, long childSaId, boolean hard) implements EngineInput {}

    /** Control: delete every SA (daemon shutdown), informing the peers. */
    record Shutdown() implements EngineInput {}

    /**
     * Platform: the host's usable local addresses changed (an address was added or removed). With MOBIKE (RFC 4555
     * 3.5, 3.6) initiators whose SA address is gone move to another one and send UPDATE_SA_ADDRESSES; either role
     * announces its new additional addresses. The list is the complete current set.
     */
    record LocalAddressesChanged(java.util.List<java.net.InetAddress> addresses) implements EngineInput {
        public LocalAddressesChanged {
            addresses = java.util.List.copyOf(addresses);
        }
    }

    /** Control: redirect the peer of an established IKE SA to {@code gateway} (RFC 5685 5; swanctl --redirect). */
    record Redirect(long ikeSaId, String gateway) implements EngineInput {}

    /**
     * The data plane saw a packet match the trap policy of {@code connection}/{@code child} and no SA carries it
     * (an ACQUIRE): establish that CHILD_SA, with CREATE_CHILD_SA on an IKE SA of the connection if one is up,
     * else with a new IKE SA. Repeated acquires while it is being set up are ignored.
     */
    record Acquire(String connection, String child) implements EngineInput {}

    /**
     * The configuration was loaded or reloaded: carry out each CHILD's {@code start_action} (trap: install its
     * trap policy; start: initiate it unless it is up) and remove the traps of children that are gone.
     */
    record ApplyStartActions() implements EngineInput {}
}
