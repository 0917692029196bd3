package io.ike4j.core.exchange.v1;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;

/**
 * The DoS limits of a responder for a new IKEv1 Phase 1 (Main or Aggressive Mode message 1). ISAKMP has no stateless
 * cookie exchange like IKEv2's (RFC 2408 2.5.3 cookies are echoed, not verified before state is kept), so the hard
 * limits of the IKEv2 responder apply as they are: strongSwan's {@code block_threshold} per peer address and
 * {@code init_limit_half_open} over IKEv1 and IKEv2 half-open SAs together. Without them an MM1 flood from one
 * address kept one half-open ISAKMP SA per message until the half-open timeout (and Aggressive Mode a Diffie-Hellman).
 */
final class V1HalfOpen {
    private V1HalfOpen() {}

    /** Whether a new responder SA may be created for {@code in}; logs why not. */
    static boolean admit(V1Run r, EngineInput.DatagramReceived in, String exchange) {
        EngineSettings dos = r.settings();
        int fromPeer = r.table.halfOpenCount(in.remote().address()) + r.session.registry().halfOpenCount(in.remote().address());
        if (dos.blockThreshold() > 0 && fromPeer >= dos.blockThreshold()) {
            r.log(EngineLog.Subsystem.IKE, null, "ignoring IKEv1 " + exchange + " from " + in.remote() + ": " + fromPeer
                    + " half-open SAs from this address (block threshold " + dos.blockThreshold() + ")");
            return false;
        }
        int load = r.table.halfOpenCount() + r.session.registry().halfOpenCount();
        if (dos.halfOpenLimit() > 0 && load >= dos.halfOpenLimit()) {
            r.log(EngineLog.Subsystem.IKE, null, "ignoring IKEv1 " + exchange + " from " + in.remote() + ": " + load
                    + " half-open SAs (half-open limit " + dos.halfOpenLimit() + ")");
            return false;
        }
        return true;
    }
}
