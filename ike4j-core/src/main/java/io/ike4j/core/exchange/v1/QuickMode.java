package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.exchange.NonceUnit;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.Phase2Suite;
import io.ike4j.core.sa.v1.QuickModeState;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Quick Mode (RFC 2409 5.5) in both roles, with and without PFS:
 * <pre>
 *  1 I->R HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr]
 *  2 R->I HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, N(RESPONDER-LIFETIME)]
 *  3 I->R HDR*, HASH(3)
 * </pre>
 * The client IDs carry the first configured traffic selector of each side. The responder answers with the IDs it
 * received, if they lie within its configuration. SAs are installed by the initiator after message 2 and by the
 * responder when it sends message 2 (a rekey's outbound deferred); message 3, which the responder waits for while
 * retransmitting message 2, then only completes the exchange.
 */
final class QuickMode {
    /** RFC 2407 4.5: without a lifetime attribute an IPsec SA lives 28800 seconds. */
    static final long DEFAULT_LIFETIME = 28800;

    private QuickMode() {}

    static void initiate(V1Run r, IsakmpSa sa, ChildConfig c) {
        initiate(r, sa, c, -1);
    }

    /** Starts Quick Mode for {@code c}; {@code rekeyOf} names the IPsec SA it replaces (-1: none). */
    static void initiate(V1Run r, IsakmpSa sa, ChildConfig c, long rekeyOf) {
        List<List<Phase2Suite>> ours = Phase2Proposals.configured(c);
        if (ours.isEmpty()) {
            r.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), c.name(), 0, "no usable ESP proposal configured"));
            return;
        }
        long mid = Informational.newMessageId(r, sa);
        QuickModeState qm = new QuickModeState(mid, true, c, r.nextId(), io.ike4j.core.exchange.ChildCreateUnit.newSpi(r.session));
        qm.localTs = first(V1Selectors.fromConfig(c.localTs(), ModeConfig.localHost(sa)));
        qm.remoteTs = first(V1Selectors.fromConfig(c.remoteTs(), sa.remote.address()));
        if (qm.localTs.isEmpty() || qm.remoteTs.isEmpty()) {
            r.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), c.name(), 0, "no usable traffic selectors"));
            return;
        }
        qm.transport = c.mode() == ChildConfig.Mode.TRANSPORT;
        qm.rekeyOf = rekeyOf;
        qm.udpEncapsulation = NatTraversal.behindNat(sa);
        qm.ni = NonceUnit.create(r.random(), r.settings().nonceSize());
        qm.offered = Phase2Proposals.offer(ours, qm.inboundSpi, qm.transport, qm.udpEncapsulation, V1Lifetimes.configured(c)).proposals();
        KeyExchangeMethod pfs = ours.getFirst().getFirst().pfsGroup();
        List<V1Payload> rest = new ArrayList<>();
        rest.add(V1Payload.Sa.ipsec(qm.offered));
        rest.add(new V1Payload.Nonce(Octets.of(qm.ni)));
        if (pfs != KeyExchangeMethod.NONE) {
            try {
                qm.keyExchange = KeyExchanges.initiateLegacy(pfs, r.random());
            } catch (KeyExchangeException e) {
                r.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), c.name(), 0, "PFS group " + pfs + " unavailable"));
                return;
            }
            rest.add(new V1Payload.KeyExchange(Octets.of(qm.keyExchange.publicValue())));
        }
        rest.add(V1Ids.selector(qm.localTs.getFirst()));
        rest.add(V1Ids.selector(qm.remoteTs.getFirst()));
        sa.quickModes.put(mid, qm);
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            List<V1Payload> ps = V1Transport.withHash(rest, after -> V1KeySchedule.quickModeHash1(sa.prf, skeyidA, mid, after));
            r.log(EngineLog.Subsystem.CHILD, sa, "initiating Quick Mode for CHILD_SA " + c.name() + "{" + qm.childId + "}");
            V1Transport.sendRequest(r, sa, mid, V1Transport.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, false, ps));
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
    }

    private static List<TrafficSelectorSubstructure> first(List<TrafficSelectorSubstructure> ts) {
        return ts.isEmpty() ? List.of() : List.of(ts.getFirst());
    }

    /** A Quick Mode message (lock held, established SA, retransmissions answered already). */
    static void process(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, IsakmpDatagram.Encrypted e, byte[] datagram) {
        long mid = e.header().messageId();
        if (mid == 0) return;
        Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
        if (o.isEmpty() || V1Transport.afterHash(o.get()).isEmpty()) {
            r.log(EngineLog.Subsystem.ENC, sa, "Quick Mode message without valid HASH dropped");
            return;
        }
        QuickModeState qm = sa.quickModes.get(mid);
        if (qm == null && !sa.cfg.ready) {
            r.log(EngineLog.Subsystem.CHILD, sa, "Quick Mode before XAuth/Mode Config completed, dropped");
            return;
        }
        if (qm == null) request(r, sa, in, o.get(), datagram);
        else if (qm.initiator) answer(r, sa, qm, o.get(), datagram);
        else finish(r, sa, qm, o.get());
    }

    private static byte[] hashData(V1Transport.Opened o) {
        return ((V1Payload.Hash) o.payloads().getFirst()).data().bytes();
    }

    private static void request(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, V1Transport.Opened o, byte[] datagram) {
        long mid = o.header().messageId();
        byte[] after = V1Transport.afterHash(o).orElseThrow();
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            if (!MessageDigest.isEqual(V1KeySchedule.quickModeHash1(sa.prf, skeyidA, mid, after), hashData(o))) {
                r.log(EngineLog.Subsystem.ENC, sa, "Quick Mode message 1 with invalid HASH(1) dropped");
                return;
            }
            // RFC 2409 5.5: each Quick Mode has its own message ID; one seen before is a replay (copies of the last
            // datagram were answered from the cache already), and answering it would install a pair the peer lacks
            if (sa.quickModeIdsSeen.put(mid, Boolean.TRUE) != null) {
                r.log(EngineLog.Subsystem.CHILD, sa, "Quick Mode message 1 with a used message ID " + Long.toHexString(mid) + " dropped");
                return;
            }
            V1Transport.commitIv(sa, o);
            Phase1.follow(sa, in.local(), in.remote());
            QuickModeResponder.respond(r, sa, o, datagram, skeyidA);
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
    }

    private static void answer(V1Run r, IsakmpSa sa, QuickModeState qm, V1Transport.Opened o, byte[] datagram) {
        long mid = qm.messageId;
        byte[] after = V1Transport.afterHash(o).orElseThrow();
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            if (!MessageDigest.isEqual(V1KeySchedule.quickModeHash2(sa.prf, skeyidA, mid, qm.ni, after), hashData(o))) {
                r.log(EngineLog.Subsystem.ENC, sa, "Quick Mode message 2 with invalid HASH(2) dropped");
                return;
            }
            V1Transport.commitIv(sa, o);
            V1Transport.answered(r, sa, mid);
            sa.quickModes.remove(mid);
            Optional<Phase2Proposals.Choice> c = o.message().first(V1Payload.Sa.class)
                    .flatMap(a -> Phase2Proposals.accept(Phase2Proposals.configured(qm.child), a));
            Optional<V1Payload.Nonce> nr = o.message().first(V1Payload.Nonce.class);
            if (c.isEmpty() || nr.isEmpty() || !MainMode.nonceOk(nr.get())) {
                childFailed(r, sa, qm, V1NotifyType.NO_PROPOSAL_CHOSEN.value(), "Quick Mode answer unacceptable");
                return;
            }
            qm.suite = c.get().suite();
            qm.outboundSpi = c.get().peerSpi();
            qm.nr = nr.get().data().bytes();
            V1Lifetimes.Life life = V1Lifetimes.initiator(V1Lifetimes.configured(qm.child), c.get().life(),
                    responderLifetime(o.message().all(V1Payload.Notification.class)));
            qm.lifetimeSeconds = life.seconds();
            qm.lifetimeKilobytes = life.kilobytes();
            if (qm.suite.pfsGroup() != KeyExchangeMethod.NONE) {
                Optional<V1Payload.KeyExchange> ke = o.message().first(V1Payload.KeyExchange.class);
                try {
                    if (ke.isEmpty() || qm.keyExchange == null) throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH, "no KE");
                    qm.sharedSecret = qm.keyExchange.sharedSecret(ke.get().data().bytes());
                } catch (KeyExchangeException ex) {
                    childFailed(r, sa, qm, V1NotifyType.INVALID_KEY_INFORMATION.value(), "Quick Mode PFS key exchange failed");
                    return;
                }
            }
            if (o.header().commit()) r.log(EngineLog.Subsystem.CHILD, sa, "responder set the commit bit; SA installed right away");
            byte[] h3 = V1KeySchedule.quickModeHash3(sa.prf, skeyidA, mid, qm.ni, qm.nr);
            byte[] msg = V1Transport.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, false, List.of(new V1Payload.Hash(Octets.of(h3))));
            V1Transport.remember(sa, datagram, msg);
            V1Transport.send(r, sa, msg);
            sa.ivs.remove(mid);
            QuickModeInstall.install(r, sa, qm);
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
    }

    private static void finish(V1Run r, IsakmpSa sa, QuickModeState qm, V1Transport.Opened o) {
        long mid = qm.messageId;
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            byte[] expected = V1KeySchedule.quickModeHash3(sa.prf, skeyidA, mid, qm.ni, qm.nr);
            if (o.payloads().size() != 1 || !MessageDigest.isEqual(expected, hashData(o))) {
                r.log(EngineLog.Subsystem.ENC, sa, "Quick Mode message 3 with invalid HASH(3) dropped");
                return;
            }
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
        V1Transport.answered(r, sa, mid);
        sa.quickModes.remove(mid);
        sa.ivs.remove(mid);
        qm.wipe(); // installed when message 2 went out (QuickModeResponder)
        if (qm.outboundDeferred && sa.children.stream().anyMatch(c -> c.id() == qm.childId)) {
            // RFC 2409 5.5: the initiator sends message 3 once it has installed the pair; a peer that deletes the old
            // pair right after (strongSwan's delete_rekeyed) must get nothing more on it
            r.emit(new EngineOutput.ActivateOutbound(sa.dataPlaneId(qm.childId), qm.childId, qm.inboundSpi));
            r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + qm.child.name() + "{" + qm.childId + "} outbound in use (message 3)");
        }
        if (qm.commit) { // RFC 2409 5.5: the initiator asked to be told when the SA is in place
            Informational.sendProtected(r, sa, List.of(new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC,
                    V1ProtocolId.IPSEC_ESP.value(), V1NotifyType.CONNECTED.value(),
                    Octets.of(ByteBuffer.allocate(4).putInt(qm.inboundSpi).array()), Octets.EMPTY)));
        }
    }

    /** RFC 2407 4.6.3.1 RESPONDER-LIFETIME: the responder's shorter lifetimes (seconds, kilobytes), if present. */
    static V1Lifetimes.Life responderLifetime(List<V1Payload.Notification> ns) {
        V1Lifetimes.Life out = V1Lifetimes.Life.NONE;
        for (V1Payload.Notification n : ns) {
            if (n.notifyType() != V1NotifyType.RESPONDER_LIFETIME.value()) continue;
            V1Lifetimes.Life l = V1Lifetimes.parseNotify(n.data().bytes()).orElse(V1Lifetimes.Life.NONE);
            out = new V1Lifetimes.Life(V1Lifetimes.shorter(out.seconds(), l.seconds()),
                    V1Lifetimes.shorter(out.kilobytes(), l.kilobytes()));
        }
        return out;
    }

    static void childFailed(V1Run r, IsakmpSa sa, QuickModeState qm, int notify, String reason) {
        sa.quickModes.remove(qm.messageId);
        sa.ivs.remove(qm.messageId);
        V1Transport.answered(r, sa, qm.messageId);
        qm.wipe();
        r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + qm.child.name() + " failed: " + reason);
        r.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), qm.child.name(), notify, reason));
    }

    /**
     * Our retransmissions of {@code qm}'s message went unanswered. An initiator's Quick Mode failed. A responder has
     * installed the pair with message 2 already; RFC 2409 5.5 has no way to learn whether the initiator got it, and
     * strongSwan keeps such an SA, so we keep it too (its lifetime or a Delete ends it) and only drop the exchange.
     */
    static void unanswered(V1Run r, IsakmpSa sa, QuickModeState qm) {
        if (qm.initiator) {
            childFailed(r, sa, qm, 0, "peer did not answer Quick Mode");
            return;
        }
        sa.quickModes.remove(qm.messageId);
        sa.ivs.remove(qm.messageId);
        V1Transport.answered(r, sa, qm.messageId);
        qm.wipe();
        r.log(EngineLog.Subsystem.CHILD, sa, "Quick Mode message 3 for CHILD_SA " + qm.child.name()
                + "{" + qm.childId + "} never arrived, keeping the installed SA");
    }

    /** An authenticated error notify: it answers our pending Quick Modes (RFC 2409 does not say which; all of them). */
    static void failedByPeer(V1Run r, IsakmpSa sa, int notify) {
        for (QuickModeState qm : List.copyOf(sa.quickModes.values())) {
            if (qm.initiator) childFailed(r, sa, qm, notify, "peer sent notify " + notify);
        }
    }
}
