package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.exchange.NonceUnit;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.Phase1Suite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Aggressive Mode with pre-shared keys (RFC 2409 5, 5.4):
 * <pre>
 *  1 I->R HDR, SA, KE, Ni, IDii, VID
 *  2 R->I HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D
 *  3 I->R HDR*, HASH_I, NAT-D, NAT-D      (accepted in the clear too)
 * </pre>
 * All offered suites share the first suite's group (one KE payload). As responder only for connections with
 * {@code aggressive = yes}: HASH_R lets anyone who sees message 2 run an offline dictionary attack on the key.
 */
final class AggressiveMode {
    private AggressiveMode() {}

    static void initiate(V1Run r, ConnectionConfig c, String child) {
        initiate(r, c, child, -1);
    }

    /** {@code replaces}: the ISAKMP SA this one reauthenticates (-1: none). */
    static void initiate(V1Run r, ConnectionConfig c, String child, long replaces) {
        Optional<IsakmpSa> made = Phase1.newInitiator(r, c, child);
        if (made.isEmpty()) return;
        IsakmpSa sa = made.get();
        sa.replaces = replaces;
        sa.aggressive = true;
        List<Phase1Suite> all = Phase1Proposals.configured(c, V1SigAuth.pskMethod(c));
        sa.lock().lock();
        try {
            r.table.addInitiating(sa);
            if (all.isEmpty()) {
                V1Lifecycle.fail(r, sa, 0, "no usable IKEv1 proposal configured");
                return;
            }
            List<Phase1Suite> suites = all.stream().filter(s -> s.group() == all.getFirst().group()).toList();
            try {
                sa.keyExchange = KeyExchanges.initiateLegacy(suites.getFirst().keyExchange(), r.random());
            } catch (KeyExchangeException e) {
                V1Lifecycle.fail(r, sa, 0, "key exchange unavailable");
                return;
            }
            sa.lifetimeSeconds = Phase1Proposals.lifetime(c);
            V1Payload.Sa offer = Phase1Proposals.offer(suites, sa.lifetimeSeconds);
            sa.saiBody = V1Transport.CODEC.encodeBody(offer);
            sa.gxi = sa.keyExchange.publicValue();
            sa.ni = NonceUnit.create(r.random(), r.settings().nonceSize());
            List<V1Payload> ps = new ArrayList<>(List.of(offer, new V1Payload.KeyExchange(Octets.of(sa.gxi)),
                    new V1Payload.Nonce(Octets.of(sa.ni)), V1Ids.phase1(sa.localId)));
            ps.addAll(NatTraversal.vendorIds());
            ps.addAll(V1Fragmentation.vendorIds(sa.connection));
            sa.step = IsakmpSa.Step.AM_WAIT_2;
            r.log(EngineLog.Subsystem.IKE, sa, "initiating Aggressive Mode IKE_SA " + c.name() + "[" + sa.id() + "] to " + sa.remote);
            V1Transport.sendRequest(r, sa, 0, V1Transport.plain(sa, V1ExchangeType.AGGRESSIVE, 0, ps));
        } finally {
            sa.lock().unlock();
        }
    }

    static void respond(V1Run r, EngineInput.DatagramReceived in, IsakmpMessage m, byte[] datagram) {
        Optional<V1Payload.Sa> offered = m.first(V1Payload.Sa.class);
        Optional<V1Payload.KeyExchange> ke = m.first(V1Payload.KeyExchange.class);
        Optional<V1Payload.Nonce> ni = m.first(V1Payload.Nonce.class);
        Optional<V1Payload.Identification> idi = m.first(V1Payload.Identification.class);
        if (offered.isEmpty() || ke.isEmpty() || ni.isEmpty() || idi.isEmpty() || !MainMode.nonceOk(ni.get())) {
            r.log(EngineLog.Subsystem.IKE, null, "Aggressive Mode message 1 from " + in.remote()
                    + " without SA, KE, nonce or ID payload (or a bad nonce), sending PAYLOAD_MALFORMED");
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.PAYLOAD_MALFORMED);
            return;
        }
        Optional<Identity> peer = V1Ids.identity(idi.get());
        ConnectionConfig conn = null;
        Phase1Proposals.Choice choice = null;
        for (ConnectionConfig c : Phase1.candidates(r, in.local(), in.remote())) {
            if (!c.aggressive() || peer.isEmpty() || c.remoteIdentity().matches(peer.get()) == Identity.MATCH_NONE) continue;
            Optional<Phase1Proposals.Choice> ch = Phase1Proposals.select(Phase1Proposals.configured(c, V1SigAuth.pskMethod(c)), offered.get());
            if (ch.isPresent()) {
                conn = c;
                choice = ch.get();
                break;
            }
        }
        if (conn == null) {
            r.log(EngineLog.Subsystem.CFG, null, "no connection accepting Aggressive Mode from " + in.remote()
                    + " (aggressive = yes needed), sending NO_PROPOSAL_CHOSEN");
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.NO_PROPOSAL_CHOSEN);
            return;
        }
        r.log(EngineLog.Subsystem.CFG, null, "WARNING: accepting Aggressive Mode with a pre-shared key for " + conn.name()
                + ": its HASH_R allows offline dictionary attacks on the key");
        IsakmpSa sa = new IsakmpSa(r.nextId(), false, conn, m.header().initiatorCookie());
        sa.aggressive = true;
        sa.cookieR = r.table.newCookie(r.random());
        sa.local = in.local();
        sa.remote = in.remote();
        sa.suite = choice.suite();
        sa.lifetimeSeconds = choice.lifetimeSeconds() > 0 ? choice.lifetimeSeconds() : Phase1Proposals.lifetime(conn);
        Phase1Proposals.noteKilobytes(r, sa, choice);
        sa.saiBody = V1Transport.CODEC.encodeBody(offered.get());
        sa.localId = conn.localIdentity(in.local().address());
        sa.remoteId = peer.get();
        sa.peerIdPayload = idi.get();
        NatTraversal.peerVendorIds(sa, m.payloads());
        KeyExchangeResponse ker;
        try {
            if (!Phase1.algorithms(sa)) throw new KeyExchangeException(KeyExchangeException.Reason.UNSUPPORTED_METHOD, "suite");
            ker = KeyExchanges.respondLegacy(sa.suite.keyExchange(), ke.get().data().bytes(), r.random());
        } catch (KeyExchangeException e) {
            r.log(EngineLog.Subsystem.IKE, null, "Aggressive Mode message 1 from " + in.remote() + " with an unusable key exchange ("
                    + e.getMessage() + "), sending INVALID_KEY_INFORMATION");
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.INVALID_KEY_INFORMATION);
            return;
        }
        if (!Phase1.psk(r, sa, sa.localId, sa.remoteId)) {
            ker.destroy();
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.AUTHENTICATION_FAILED);
            return;
        }
        sa.gxi = ke.get().data().bytes();
        sa.gxr = ker.publicValue();
        sa.sharedSecret = ker.sharedSecret();
        ker.destroy();
        sa.ni = ni.get().data().bytes();
        sa.nr = NonceUnit.create(r.random(), r.settings().nonceSize());
        sa.lock().lock();
        try {
            if (r.table.addHalfOpen(sa).isPresent()) {
                sa.wipe();
                return;
            }
            r.table.addEstablishedCookies(sa);
            Phase1.deriveKeys(sa);
            V1Payload.Identification mine = V1Ids.phase1(sa.localId);
            List<V1Payload> ps = new ArrayList<>(List.of(choice.answer(), new V1Payload.KeyExchange(Octets.of(sa.gxr)),
                    new V1Payload.Nonce(Octets.of(sa.nr)), mine, new V1Payload.Hash(Octets.of(Phase1.hash(sa, false, mine)))));
            ps.addAll(NatTraversal.vendorIds());
            ps.addAll(V1Fragmentation.vendorIds(sa.connection));
            ps.addAll(NatTraversal.payloads(sa, r.random()));
            sa.step = IsakmpSa.Step.AM_WAIT_3;
            byte[] reply = V1Transport.plain(sa, V1ExchangeType.AGGRESSIVE, 0, ps);
            V1Transport.remember(sa, datagram, reply);
            V1Transport.sendRequest(r, sa, 0, reply); // until message 3 arrives
            r.startTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0, r.settings().halfOpenTimeout());
        } finally {
            sa.lock().unlock();
        }
    }

    static void process(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, IsakmpDatagram d, byte[] datagram) {
        if (sa.step == IsakmpSa.Step.AM_WAIT_2 && d instanceof IsakmpDatagram.Plain p) message2(r, sa, in, p.message(), datagram);
        else if (sa.step == IsakmpSa.Step.AM_WAIT_3) message3(r, sa, in, d);
    }

    private static void message2(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, IsakmpMessage m, byte[] datagram) {
        Optional<Phase1Proposals.Choice> c = m.first(V1Payload.Sa.class).flatMap(a -> Phase1Proposals.accept(
                Phase1Proposals.configured(sa.connection, V1SigAuth.pskMethod(sa.connection)), a));
        Optional<V1Payload.KeyExchange> ke = m.first(V1Payload.KeyExchange.class);
        Optional<V1Payload.Nonce> nr = m.first(V1Payload.Nonce.class);
        Optional<V1Payload.Identification> idr = m.first(V1Payload.Identification.class);
        Optional<V1Payload.Hash> h = m.first(V1Payload.Hash.class);
        if (c.isEmpty()) {
            V1Transport.answered(r, sa, 0);
            V1Lifecycle.fail(r, sa, V1NotifyType.NO_PROPOSAL_CHOSEN.value(), "responder chose no proposal we offered");
            return;
        }
        if (ke.isEmpty() || nr.isEmpty() || idr.isEmpty() || h.isEmpty() || !MainMode.nonceOk(nr.get())) return;
        sa.cookieR = m.header().responderCookie();
        sa.suite = c.get().suite();
        if (!Phase1.algorithms(sa)) return;
        byte[] shared;
        try {
            shared = sa.keyExchange.sharedSecret(ke.get().data().bytes());
        } catch (KeyExchangeException e) {
            return;
        }
        V1Transport.answered(r, sa, 0);
        r.table.addEstablishedCookies(sa);
        sa.sharedSecret = shared;
        sa.gxr = ke.get().data().bytes();
        sa.nr = nr.get().data().bytes();
        NatTraversal.peerVendorIds(sa, m.payloads());
        if (!Phase1.psk(r, sa, sa.localId, sa.connection.remoteIdentity())) {
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "no pre-shared key found");
            return;
        }
        Phase1.deriveKeys(sa);
        Optional<Identity> peer = Phase1.peerIdentity(sa, idr.get());
        if (!Phase1.verify(sa, false, idr.get(), h.get()) || peer.isEmpty()) {
            Informational.notify(r, sa, V1NotifyType.INVALID_HASH_INFORMATION, false);
            V1Lifecycle.fail(r, sa, V1NotifyType.INVALID_HASH_INFORMATION.value(),
                    peer.isEmpty() ? "responder identity not acceptable" : "HASH_R mismatch (pre-shared key mismatch)");
            return;
        }
        sa.remoteId = peer.get();
        NatTraversal.evaluate(sa, m.payloads());
        NatTraversal.floatPorts(sa, r.settings());
        List<V1Payload> ps = new ArrayList<>();
        ps.add(new V1Payload.Hash(Octets.of(Phase1.hash(sa, true, V1Ids.phase1(sa.localId)))));
        ps.addAll(NatTraversal.payloads(sa, r.random()));
        if (sa.connection.unique() != ConnectionConfig.Unique.NEVER && sa.replaces < 0) ps.add(Phase1.initialContact(sa));
        byte[] msg = V1Transport.encrypted(sa, V1ExchangeType.AGGRESSIVE, 0, false, ps);
        sa.phase1LastBlock = sa.ivs.get(0L).clone();
        V1Transport.remember(sa, datagram, msg);
        V1Transport.send(r, sa, msg);
        Phase1.established(r, sa, false);
    }

    private static void message3(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, IsakmpDatagram d) {
        List<V1Payload> ps;
        V1Transport.Opened opened = null;
        if (d instanceof IsakmpDatagram.Encrypted e) {
            Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
            if (o.isEmpty()) {
                Informational.notify(r, sa, V1NotifyType.AUTHENTICATION_FAILED, false);
                V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "message 3 undecryptable (pre-shared key mismatch)");
                return;
            }
            opened = o.get();
            ps = opened.payloads();
        } else {
            ps = ((IsakmpDatagram.Plain) d).message().payloads();
        }
        Optional<V1Payload.Hash> h = ps.stream().filter(p -> p instanceof V1Payload.Hash).map(p -> (V1Payload.Hash) p).findFirst();
        V1Payload.Identification theirs = sa.peerIdPayload;
        if (h.isEmpty() || !Phase1.verify(sa, true, theirs, h.get())) {
            Informational.notify(r, sa, V1NotifyType.INVALID_HASH_INFORMATION, opened != null);
            V1Lifecycle.fail(r, sa, V1NotifyType.INVALID_HASH_INFORMATION.value(), "HASH_I mismatch (pre-shared key mismatch)");
            return;
        }
        V1Transport.answered(r, sa, 0);
        if (opened != null) {
            V1Transport.commitIv(sa, opened);
            sa.phase1LastBlock = opened.nextIv().clone();
        }
        NatTraversal.evaluate(sa, ps);
        Phase1.follow(sa, in.local(), in.remote());
        Phase1.established(r, sa, Phase1.hasInitialContact(ps));
    }
}
