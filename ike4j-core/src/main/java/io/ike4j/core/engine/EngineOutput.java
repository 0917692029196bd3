package io.ike4j.core.engine;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Instant;
import java.util.Arrays;

/** What the engine asks the outside world to do. Adapters carry these out; nothing calls back into the core. */
public sealed interface EngineOutput {

    /** Send an IKE datagram from {@code local} (its port selects the socket; on 4500 the adapter adds the non-ESP marker). */
    record SendDatagram(Endpoint local, Endpoint remote, byte[] data) implements EngineOutput {
        public SendDatagram {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SendDatagram d && d.local.equals(local) && d.remote.equals(remote) && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return (local.hashCode() * 31 + remote.hashCode()) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "SendDatagram[" + local + " -> " + remote + ", " + data.length + " bytes]";
        }
    }

    /** Send a NAT-keepalive (the single byte 0xFF, RFC 3948 2.3) from the NAT-T socket. */
    record SendKeepalive(Endpoint local, Endpoint remote) implements EngineOutput {}

    /** Arm (or re-arm) a timer; deliver {@link EngineInput.TimerFired} at {@code deadline}. */
    record StartTimer(TimerId id, Instant deadline) implements EngineOutput {}

    record CancelTimer(TimerId id) implements EngineOutput {}

    /** Install both directions of a negotiated CHILD_SA (SAs and policies) in the data plane. */
    /**
     * Install both directions of a negotiated CHILD_SA (SAs and policies) in the data plane. {@code outboundDeferred}:
     * the responder of a rekey (RFC 7296 1.3.3, make-before-break): the new inbound SA works at once, but outbound
     * traffic stays on the replaced CHILD_SA until that one is removed (the initiator has the new inbound SA by then).
     */
    record InstallChildSa(ChildSaSpec spec, boolean outboundDeferred) implements EngineOutput {
        public InstallChildSa(ChildSaSpec spec) {
            this(spec, false);
        }
    }

    /**
     * Use an installed CHILD_SA's outbound SA now, though it was installed deferred: the peer has shown it has the
     * new inbound SA (an IKEv1 Quick Mode responder got message 3, RFC 2409 5.5, which the initiator sends once it has
     * installed both directions). Data planes that cannot switch early keep the deferral until the old SA is removed.
     */
    record ActivateOutbound(long ikeSaId, long childSaId, int inboundSpi) implements EngineOutput {}

    /** Remove a CHILD_SA's SAs and policies from the data plane (and wipe its keys there). */
    record RemoveChildSa(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi) implements EngineOutput {}

    /**
     * Move an installed CHILD_SA to new outer endpoints (RFC 4555 3.5 UPDATE_SA_ADDRESSES, RFC 7296 2.23 a changed NAT
     * mapping): its SAs keep their SPIs, keys and counters; only where ESP goes (and whether it is UDP-encapsulated) changes.
     */
    record UpdateChildSa(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi, Endpoint local, Endpoint remote,
                         boolean udpEncapsulation) implements EngineOutput {}

    /**
     * A virtual IP assigned to us by the peer (RFC 7296 3.15) is to be installed ({@code add}) on the interface our
     * tunnelled traffic leaves from (the TUN device in user space), or removed when its IKE SA is gone. Comes before
     * the CHILD_SAs that use it as their local traffic selector. {@code peer}: the IKE peer it came from (kernel data
     * planes put the address on the interface towards it, as strongSwan does).
     */
    record VirtualIp(long ikeSaId, java.net.InetAddress address, boolean add, java.net.InetAddress peer) implements EngineOutput {}

    /** A lifecycle event for the embedding application, control clients and the log. */
    record Notify(SaEvent event) implements EngineOutput {}

    /**
     * Install a trap policy (start_action/close_action/dpd_action = trap): packets matching it while no CHILD_SA
     * carries them are held back and reported as {@link EngineInput.Acquire}. Replaces a trap with the same key.
     */
    record InstallTrap(TrapPolicy trap) implements EngineOutput {}

    /** Remove a trap policy installed with {@link InstallTrap}. */
    record RemoveTrap(TrapPolicy trap) implements EngineOutput {}
}
