package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.exchange.ChildCreateUnit;
import io.ike4j.core.exchange.NonceUnit;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.QuickModeState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The responder's side of Quick Mode message 1 (RFC 2409 5.5): child selection by client IDs and proposal, message 2. */
final class QuickModeResponder {
    private QuickModeResponder() {}

    static void respond(V1Run r, IsakmpSa sa, V1Transport.Opened o, byte[] datagram, byte[] skeyidA) {
        long mid = o.header().messageId();
        List<V1Payload.Identification> ids = o.message().all(V1Payload.Identification.class);
        Optional<V1Payload.Sa> offered = o.message().first(V1Payload.Sa.class);
        Optional<V1Payload.Nonce> ni = o.message().first(V1Payload.Nonce.class);
        Optional<V1Payload.KeyExchange> ke = o.message().first(V1Payload.KeyExchange.class);
        if (offered.isEmpty() || ni.isEmpty() || !MainMode.nonceOk(ni.get()) || (ids.size() != 0 && ids.size() != 2)) {
            reject(r, sa, V1NotifyType.PAYLOAD_MALFORMED, "", "malformed Quick Mode message 1");
            return;
        }
        List<TrafficSelectorSubstructure> remote, local;
        if (ids.isEmpty()) { // RFC 2409 5.5: no IDs means the ISAKMP peers' addresses
            remote = V1Selectors.fromConfig(List.of("dynamic"), ModeConfig.peerHost(sa));
            local = V1Selectors.fromConfig(List.of("dynamic"), sa.local.address());
        } else {
            Optional<TrafficSelectorSubstructure> ci = V1Ids.selector(ids.get(0)), cr = V1Ids.selector(ids.get(1));
            if (ci.isEmpty() || cr.isEmpty()) {
                reject(r, sa, V1NotifyType.INVALID_ID_INFORMATION, "", "client IDs are no addresses");
                return;
            }
            remote = List.of(ci.get());
            local = List.of(cr.get());
        }
        int inboundSpi = ChildCreateUnit.newSpi(r.session);
        ChildConfig child = null;
        Phase2Proposals.Choice choice = null;
        boolean selectorsMatched = false;
        for (ChildConfig c : sa.connection.children()) {
            if (!V1Selectors.within(local, V1Selectors.fromConfig(c.localTs(), sa.local.address()))
                    || !V1Selectors.within(remote, V1Selectors.fromConfig(c.remoteTs(), ModeConfig.peerHost(sa)))) continue;
            selectorsMatched = true;
            Optional<Phase2Proposals.Choice> ch = Phase2Proposals.select(Phase2Proposals.configured(c), offered.get(), inboundSpi);
            if (ch.isPresent()) {
                child = c;
                choice = ch.get();
                break;
            }
        }
        if (child == null) {
            String name = sa.connection.children().isEmpty() ? "" : sa.connection.children().getFirst().name();
            if (!selectorsMatched) reject(r, sa, V1NotifyType.INVALID_ID_INFORMATION, name, "traffic selectors unacceptable");
            else reject(r, sa, V1NotifyType.NO_PROPOSAL_CHOSEN, name, "no acceptable ESP proposal");
            return;
        }
        QuickModeState qm = new QuickModeState(mid, false, child, r.nextId(), inboundSpi);
        qm.ni = ni.get().data().bytes();
        qm.nr = NonceUnit.create(r.random(), r.settings().nonceSize());
        qm.suite = choice.suite();
        qm.outboundSpi = choice.peerSpi();
        qm.transport = choice.transport();
        qm.udpEncapsulation = choice.udpEncapsulated() || NatTraversal.behindNat(sa);
        qm.localTs = local;
        qm.remoteTs = remote;
        qm.commit = o.header().commit();
        V1Lifetimes.Responder life = V1Lifetimes.respond(choice.life(), V1Lifetimes.configured(child));
        qm.lifetimeSeconds = life.used().seconds();
        qm.lifetimeKilobytes = life.used().kilobytes();
        if (choice.life().kilobytes() > 0 || !life.announced().isNone()) {
            r.log(EngineLog.Subsystem.CHILD, sa, "Quick Mode lifetime offered " + describe(choice.life()) + ", using "
                    + describe(life.used()) + (life.announced().isNone() ? "" : " (RESPONDER-LIFETIME sent)"));
        }
        byte[] gxr = null;
        if (qm.suite.pfsGroup() != KeyExchangeMethod.NONE) {
            if (ke.isEmpty()) {
                reject(r, sa, V1NotifyType.INVALID_KEY_INFORMATION, child.name(), "PFS group chosen but no KE payload");
                return;
            }
            try {
                KeyExchangeResponse ker = KeyExchanges.respondLegacy(qm.suite.pfsGroup(), ke.get().data().bytes(), r.random());
                gxr = ker.publicValue();
                qm.sharedSecret = ker.sharedSecret();
                ker.destroy();
            } catch (KeyExchangeException e) {
                reject(r, sa, V1NotifyType.INVALID_KEY_INFORMATION, child.name(), "invalid PFS KE payload");
                return;
            }
        } else if (ke.isPresent()) {
            reject(r, sa, V1NotifyType.NO_PROPOSAL_CHOSEN, child.name(), "KE payload without a PFS group");
            return;
        }
        List<V1Payload> rest = new ArrayList<>();
        rest.add(V1Payload.Sa.ipsec(List.of(choice.answer())));
        rest.add(new V1Payload.Nonce(Octets.of(qm.nr)));
        if (gxr != null) rest.add(new V1Payload.KeyExchange(Octets.of(gxr)));
        rest.addAll(ids);
        if (!life.announced().isNone()) rest.add(lifetimeNotify(life.announced(), choice.peerSpi()));
        List<V1Payload> ps = V1Transport.withHash(rest, after -> V1KeySchedule.quickModeHash2(sa.prf, skeyidA, mid, qm.ni, after));
        byte[] reply = V1Transport.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, false, ps);
        sa.quickModes.put(mid, qm);
        V1Transport.remember(sa, datagram, reply);
        V1Transport.sendRequest(r, sa, mid, reply); // until message 3 arrives
        r.log(EngineLog.Subsystem.CHILD, sa, "responding to Quick Mode for CHILD_SA " + child.name());
        // Installed as message 2 goes out, as strongSwan's responder does: the initiator installs (and sends on) the
        // pair once it has message 2, before our message 3 could arrive. RFC 2409 5.5 leaves the moment open (the
        // commit bit only asks us to report it); if message 3 never arrives we keep the pair like strongSwan does,
        // since the initiator has it in use (see QuickMode.unanswered).
        String name = child.name();
        boolean rekey = sa.children.stream().anyMatch(c -> c.name().equals(name));
        QuickModeInstall.install(r, sa, qm, rekey);
    }

    /** RFC 2407 4.6.3.1: the lifetimes we use where shorter than offered (seconds and/or kilobytes), as data attributes. */
    private static V1Payload lifetimeNotify(V1Lifetimes.Life life, int spi) {
        return new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.IPSEC_ESP.value(),
                V1NotifyType.RESPONDER_LIFETIME.value(), Octets.of(ByteBuffer.allocate(4).putInt(spi).array()),
                Octets.of(V1Lifetimes.notifyData(life)));
    }

    private static String describe(V1Lifetimes.Life l) {
        return (l.seconds() > 0 ? l.seconds() + " s" : "no seconds") + " / "
                + (l.kilobytes() > 0 ? l.kilobytes() + " kilobytes" : "no kilobytes");
    }

    private static void reject(V1Run r, IsakmpSa sa, V1NotifyType type, String child, String reason) {
        r.log(EngineLog.Subsystem.CHILD, sa, "Quick Mode rejected: " + reason + ", sending " + type);
        Informational.sendProtected(r, sa, List.of(Informational.notification(sa, type, new byte[0])));
        r.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), child, type.value(), reason));
    }
}
