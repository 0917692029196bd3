package io.ike4j.core.exchange;

import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Trap policies from configuration (start_action = trap and the trap close/dpd actions): the CHILD's selectors with
 * {@code dynamic} resolved to the outer addresses the IKE SA would use (RFC 4301 4.4.1: an SPD entry whose SA is
 * negotiated on demand).
 */
public final class TrapPolicies {
    private TrapPolicies() {}

    /** The trap for {@code child} of {@code c}; empty (logged) when the connection names no concrete peer address. */
    public static Optional<TrapPolicy> of(Session s, ConnectionConfig c, ChildConfig child) {
        Optional<InetAddress> remote = AddressMatch.firstConcrete(c.remoteAddrs());
        if (remote.isEmpty()) {
            s.context().log().log(EngineLog.Subsystem.CFG, c.name(), 0,
                    "cannot trap CHILD_SA " + child.name() + ": remote_addrs names no concrete address");
            return Optional.empty();
        }
        InetAddress r = remote.get();
        InetAddress local = AddressMatch.firstConcrete(c.localAddrs())
                .or(() -> s.context().sourceAddresses().sourceFor(r)
                        .filter(a -> a.getAddress().length == r.getAddress().length && !a.isAnyLocalAddress()))
                .orElseGet(() -> wildcard(r));
        ChildSaSpec.Mode mode = child.mode() == ChildConfig.Mode.TRANSPORT ? ChildSaSpec.Mode.TRANSPORT : ChildSaSpec.Mode.TUNNEL;
        return Optional.of(new TrapPolicy(c.name(), child.name(), mode, local, r,
                SelectorUnit.offer(child.localTs(), local), SelectorUnit.offer(child.remoteTs(), r)));
    }

    private static InetAddress wildcard(InetAddress like) {
        try {
            return InetAddress.getByAddress(new byte[like.getAddress().length]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
