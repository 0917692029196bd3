package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import java.util.function.Function;

/**
 * ike4j and strongSwan in one lab, each in its own namespace and driven with its own tool: configure both from one
 * recipe, let either initiate, and compare the two views of the resulting SA with {@link SaAgreement}.
 *
 * @param lab       the lab
 * @param ike4j     ike4j's daemon
 * @param strongSwan strongSwan's charon
 */
public record PeerPair(NetnsLab lab, Ike4jPeer ike4j, StrongSwanPeer strongSwan) implements AutoCloseable {

    /** Which implementation initiates. */
    public enum Direction {
        IKE4J_INITIATES, STRONGSWAN_INITIATES;

        @Override
        public String toString() {
            return this == IKE4J_INITIATES ? "ike4j->strongSwan" : "strongSwan->ike4j";
        }
    }

    /** Both peers' views of one agreed SA. */
    public record Agreed(SaView initiator, SaView responder) {
    }

    /** How long the responder may take to list the SA after the initiator's tool returned. */
    public static final Duration SETTLE = Duration.ofSeconds(10);

    /** Starts strongSwan on {@code swanSide} and ike4j on the other side of {@code lab}, each with the config {@code conf} gives. */
    public static PeerPair start(NetnsLab lab, Side ike4jSide, Function<Side, SwanctlConf> conf,
                                 Ike4jPeer.Options ike4jOptions, StrongSwanPeer.Options swanOptions, PeerLogsOnFailure logs) {
        return start(lab, ike4jSide, conf, ike4jOptions, swanOptions, logs, null);
    }

    /** As above, with strongSwan from the chroot folder {@code swanRoot} ({@link StrongSwan61}), or the system's when null. */
    public static PeerPair start(NetnsLab lab, Side ike4jSide, Function<Side, SwanctlConf> conf, Ike4jPeer.Options ike4jOptions,
                                 StrongSwanPeer.Options swanOptions, PeerLogsOnFailure logs, java.nio.file.Path swanRoot) {
        Ike4jPeer i = null;
        StrongSwanPeer s = null;
        try {
            s = logs.watch(new StrongSwanPeer(lab, ike4jSide.other(), conf.apply(ike4jSide.other()), swanOptions, swanRoot));
            i = logs.watch(new Ike4jPeer(lab, ike4jSide, conf.apply(ike4jSide), ike4jOptions));
            s.start();
            i.start();
            return new PeerPair(lab, i, s);
        } catch (RuntimeException e) {
            if (i != null) {
                i.close();
            }
            if (s != null) {
                s.close();
            }
            throw e;
        }
    }

    public Side ike4jSide() {
        return ike4j.side();
    }

    public IkePeer initiator(Direction d) {
        return d == Direction.IKE4J_INITIATES ? ike4j : strongSwan;
    }

    public IkePeer responder(Direction d) {
        return d == Direction.IKE4J_INITIATES ? strongSwan : ike4j;
    }

    public Side side(IkePeer peer) {
        return peer == ike4j ? ike4j.side() : ike4j.side().other();
    }

    /** Makes both daemons load the config {@code conf} renders for their side. */
    public void reload(Function<Side, SwanctlConf> conf) {
        strongSwan.reload(conf.apply(side(strongSwan)));
        ike4j.reload(conf.apply(side(ike4j)));
    }

    /** Removes all SAs on both sides (best effort: a failure here shows in the next assertion). */
    public void reset() {
        for (IkePeer p : new IkePeer[] {ike4j, strongSwan}) {
            if (p.alive()) {
                try {
                    p.terminateAll(Duration.ofSeconds(10));
                } catch (LabException e) {
                    System.err.println(p.name() + ": reset: " + e.getMessage());
                }
            }
        }
    }

    /**
     * {@code d}'s initiator initiates CHILD_SA {@code child} of {@code ike}; both sides must list the SA ESTABLISHED
     * with the CHILD_SA INSTALLED and agree on it (SPIs, algorithms, identities, selectors, roles).
     */
    public Agreed establish(Direction d, String ike, String child) {
        IkePeer init = initiator(d);
        IkePeer resp = responder(d);
        init.initiate(child);
        SaView i = init.awaitEstablished(ike, child, SETTLE);
        SaView r = resp.awaitEstablished(ike, child, SETTLE);
        assertThat(SaAgreement.disagreements(i, r)).as(d + ": both views of " + ike + "\n" + i + "\n" + r).isEmpty();
        assertThat(i.initiator()).as("initiator flag of " + init.name()).isTrue();
        assertThat(r.initiator()).as("initiator flag of " + resp.name()).isFalse();
        assertThat(i.initiatorSpi()).matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
        assertThat(i.responderSpi()).matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
        return new Agreed(i, r);
    }

    /** The initiator deletes IKE SA {@code ike}; both sides must then list no SA. */
    public void terminate(Direction d, String ike) {
        initiator(d).terminate(ike);
        initiator(d).awaitNoSas(SETTLE);
        responder(d).awaitNoSas(SETTLE);
    }

    @Override
    public void close() {
        ike4j.close();
        strongSwan.close();
    }
}
