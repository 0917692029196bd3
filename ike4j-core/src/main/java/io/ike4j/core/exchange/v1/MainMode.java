package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.ConnectionConfig;
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
 * Main Mode (Identity Protection exchange) with pre-shared keys (RFC 2409 5.4) or signatures (5.1, {@link MainModeAuth}), in both roles:
 * <pre>
 *  1 I->R HDR, SA, VID                  2 R->I HDR, SA, VID
 *  3 I->R HDR, KE, Ni, NAT-D, NAT-D      4 R->I HDR, KE, Nr, NAT-D, NAT-D
 *  5 I->R HDR*, IDii, HASH_I | [CERT,] SIG_I [, N(INITIAL-CONTACT)]
 *  6 R->I HDR*, IDir, HASH_R | [CERT,] SIG_R
 * (with signatures, messages 3 and 4 also carry CERTREQs)
 * </pre>
 * The initiator retransmits its last message until the next one arrives; either side answers a copy of a request it
 * has answered with the same answer.
 */
final class MainMode {
    private MainMode() {}

    static void initiate(V1Run r, ConnectionConfig c, String child) {
        initiate(r, c, child, -1);
    }

    /** {@code replaces}: the ISAKMP SA this one reauthenticates (-1: none). */
    static void initiate(V1Run r, ConnectionConfig c, String child, long replaces) {
        Optional<IsakmpSa> made = Phase1.newInitiator(r, c, child);
        if (made.isEmpty()) return;
        IsakmpSa sa = made.get();
        sa.replaces = replaces;
        List<Phase1Suite> suites = MainModeAuth.suites(r, c);
        sa.lock().lock();
        try {
            r.table.addInitiating(sa);
            if (suites.isEmpty()) {
                V1Lifecycle.fail(r, sa, 0, "no usable IKEv1 proposal configured (or no key for auth = pubkey)");
                return;
            }
            sa.lifetimeSeconds = Phase1Proposals.lifetime(c);
            V1Payload.Sa offer = Phase1Proposals.offer(suites, sa.lifetimeSeconds);
            sa.saiBody = V1Transport.CODEC.encodeBody(offer);
            List<V1Payload> ps = new ArrayList<>();
            ps.add(offer);
            ps.addAll(NatTraversal.vendorIds());
            ps.addAll(V1Fragmentation.vendorIds(sa.connection));
            sa.step = IsakmpSa.Step.MM_WAIT_2;
            r.log(EngineLog.Subsystem.IKE, sa, "initiating Main Mode IKE_SA " + c.name() + "[" + sa.id() + "] to " + sa.remote);
            V1Transport.sendRequest(r, sa, 0, V1Transport.plain(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, ps));
        } finally {
            sa.lock().unlock();
        }
    }

    /** Responder: message 1 of a new exchange (the caller checked it is no retransmission). */
    static void respond(V1Run r, EngineInput.DatagramReceived in, IsakmpMessage m, byte[] datagram) {
        Optional<V1Payload.Sa> offered = m.first(V1Payload.Sa.class);
        if (offered.isEmpty()) {
            r.log(EngineLog.Subsystem.IKE, null, "Main Mode message 1 from " + in.remote() + " without SA payload, sending PAYLOAD_MALFORMED");
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.PAYLOAD_MALFORMED);
            return;
        }
        ConnectionConfig conn = null;
        Phase1Proposals.Choice choice = null;
        for (ConnectionConfig c : Phase1.candidates(r, in.local(), in.remote())) {
            Optional<Phase1Proposals.Choice> ch = Phase1Proposals.select(MainModeAuth.suites(r, c), offered.get());
            if (ch.isPresent()) {
                conn = c;
                choice = ch.get();
                break;
            }
        }
        if (conn == null) {
            r.log(EngineLog.Subsystem.CFG, null, "no acceptable IKEv1 Main Mode proposal from " + in.remote()
                    + ", sending NO_PROPOSAL_CHOSEN");
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.NO_PROPOSAL_CHOSEN);
            return;
        }
        IsakmpSa sa = new IsakmpSa(r.nextId(), false, conn, m.header().initiatorCookie());
        sa.cookieR = r.table.newCookie(r.random());
        sa.local = in.local();
        sa.remote = in.remote();
        sa.suite = choice.suite();
        sa.lifetimeSeconds = choice.lifetimeSeconds() > 0 ? choice.lifetimeSeconds() : Phase1Proposals.lifetime(conn);
        Phase1Proposals.noteKilobytes(r, sa, choice);
        sa.saiBody = V1Transport.CODEC.encodeBody(offered.get());
        sa.localId = conn.localIdentity(in.local().address());
        NatTraversal.peerVendorIds(sa, m.payloads());
        if (!Phase1.algorithms(sa)) {
            Informational.plainAnswer(r, in, m.header(), V1NotifyType.NO_PROPOSAL_CHOSEN);
            return;
        }
        sa.lock().lock();
        try {
            if (r.table.addHalfOpen(sa).isPresent()) return; // a concurrent copy won
            r.table.addEstablishedCookies(sa);
            sa.step = IsakmpSa.Step.MM_WAIT_3;
            List<V1Payload> ps = new ArrayList<>();
            ps.add(choice.answer());
            ps.addAll(NatTraversal.vendorIds());
            ps.addAll(V1Fragmentation.vendorIds(sa.connection));
            byte[] reply = V1Transport.plain(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, ps);
            V1Transport.remember(sa, datagram, reply);
            V1Transport.send(r, sa, reply);
            r.startTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0, r.settings().halfOpenTimeout());
            r.log(EngineLog.Subsystem.IKE, sa, "responding to Main Mode from " + in.remote());
        } finally {
            sa.lock().unlock();
        }
    }

    /** A Main Mode message for an existing SA (lock held, retransmissions already answered). */
    static void process(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, io.ike4j.core.codec.v1.IsakmpDatagram d, byte[] datagram) {
        switch (sa.step) {
            case MM_WAIT_2 -> { if (d instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Plain p) message2(r, sa, p.message(), datagram); }
            case MM_WAIT_3 -> { if (d instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Plain p) message3(r, sa, p.message(), datagram); }
            case MM_WAIT_4 -> { if (d instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Plain p) message4(r, sa, p.message(), datagram); }
            case MM_WAIT_5 -> { if (d instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Encrypted e) message5(r, sa, in, e, datagram); }
            case MM_WAIT_6 -> { if (d instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Encrypted e) message6(r, sa, in, e); }
            default -> { }
        }
    }

    private static void message2(V1Run r, IsakmpSa sa, IsakmpMessage m, byte[] datagram) {
        Optional<V1Payload.Sa> answer = m.first(V1Payload.Sa.class);
        Optional<Phase1Proposals.Choice> c = answer.flatMap(a -> Phase1Proposals.accept(MainModeAuth.suites(r, sa.connection), a));
        V1Transport.answered(r, sa, 0);
        if (c.isEmpty()) {
            V1Lifecycle.fail(r, sa, V1NotifyType.NO_PROPOSAL_CHOSEN.value(), "responder chose no proposal we offered");
            return;
        }
        sa.cookieR = m.header().responderCookie();
        r.table.addEstablishedCookies(sa);
        sa.suite = c.get().suite();
        if (c.get().lifetimeSeconds() > 0) sa.lifetimeSeconds = Math.min(sa.lifetimeSeconds, c.get().lifetimeSeconds());
        NatTraversal.peerVendorIds(sa, m.payloads());
        if (!Phase1.algorithms(sa)) {
            V1Lifecycle.fail(r, sa, V1NotifyType.NO_PROPOSAL_CHOSEN.value(), "chosen algorithms unavailable");
            return;
        }
        try {
            sa.keyExchange = KeyExchanges.initiateLegacy(sa.suite.keyExchange(), r.random());
        } catch (KeyExchangeException e) {
            V1Lifecycle.fail(r, sa, 0, "key exchange " + sa.suite.keyExchange() + " unavailable");
            return;
        }
        sa.gxi = sa.keyExchange.publicValue();
        sa.ni = NonceUnit.create(r.random(), r.settings().nonceSize());
        List<V1Payload> ps = new ArrayList<>();
        ps.add(new V1Payload.KeyExchange(Octets.of(sa.gxi)));
        ps.add(new V1Payload.Nonce(Octets.of(sa.ni)));
        ps.addAll(MainModeAuth.certReqs(r, sa));
        ps.addAll(NatTraversal.payloads(sa, r.random()));
        sa.step = IsakmpSa.Step.MM_WAIT_4;
        byte[] msg = V1Transport.plain(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, ps);
        V1Transport.remember(sa, datagram, msg);
        V1Transport.sendRequest(r, sa, 0, msg);
    }

    private static void message3(V1Run r, IsakmpSa sa, IsakmpMessage m, byte[] datagram) {
        Optional<V1Payload.KeyExchange> ke = m.first(V1Payload.KeyExchange.class);
        Optional<V1Payload.Nonce> n = m.first(V1Payload.Nonce.class);
        if (ke.isEmpty() || n.isEmpty() || !nonceOk(n.get())) {
            Informational.notify(r, sa, V1NotifyType.PAYLOAD_MALFORMED, false);
            V1Lifecycle.fail(r, sa, V1NotifyType.PAYLOAD_MALFORMED.value(), "Main Mode message 3 without KE/Nonce");
            return;
        }
        KeyExchangeResponse ker;
        try {
            ker = KeyExchanges.respondLegacy(sa.suite.keyExchange(), ke.get().data().bytes(), r.random());
        } catch (KeyExchangeException e) {
            Informational.notify(r, sa, V1NotifyType.INVALID_KEY_INFORMATION, false);
            V1Lifecycle.fail(r, sa, V1NotifyType.INVALID_KEY_INFORMATION.value(), "invalid KE payload: " + e.reason());
            return;
        }
        sa.gxi = ke.get().data().bytes();
        sa.gxr = ker.publicValue();
        sa.sharedSecret = ker.sharedSecret();
        ker.destroy();
        sa.ni = n.get().data().bytes();
        sa.nr = NonceUnit.create(r.random(), r.settings().nonceSize());
        NatTraversal.evaluate(sa, m.payloads());
        V1SigAuth.recordCertReqs(sa, m.payloads());
        if (!Phase1.psk(r, sa, sa.localId, sa.connection.remoteIdentity())) {
            Informational.notify(r, sa, V1NotifyType.AUTHENTICATION_FAILED, false);
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "no pre-shared key found for " + sa.localId
                    + " - " + sa.connection.remoteIdentity());
            return;
        }
        Phase1.deriveKeys(sa);
        List<V1Payload> ps = new ArrayList<>();
        ps.add(new V1Payload.KeyExchange(Octets.of(sa.gxr)));
        ps.add(new V1Payload.Nonce(Octets.of(sa.nr)));
        ps.addAll(MainModeAuth.certReqs(r, sa));
        ps.addAll(NatTraversal.payloads(sa, r.random()));
        sa.step = IsakmpSa.Step.MM_WAIT_5;
        byte[] reply = V1Transport.plain(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, ps);
        V1Transport.remember(sa, datagram, reply);
        V1Transport.send(r, sa, reply);
    }

    static boolean nonceOk(V1Payload.Nonce n) {
        return n.data().length() >= 8 && n.data().length() <= 256; // RFC 2409 5
    }

    private static void message4(V1Run r, IsakmpSa sa, IsakmpMessage m, byte[] datagram) {
        Optional<V1Payload.KeyExchange> ke = m.first(V1Payload.KeyExchange.class);
        Optional<V1Payload.Nonce> n = m.first(V1Payload.Nonce.class);
        if (ke.isEmpty() || n.isEmpty() || !nonceOk(n.get())) return; // unauthenticated: wait for a good copy
        try {
            sa.sharedSecret = sa.keyExchange.sharedSecret(ke.get().data().bytes());
        } catch (KeyExchangeException e) {
            return;
        }
        V1Transport.answered(r, sa, 0);
        sa.keyExchange.destroy();
        sa.keyExchange = null;
        sa.gxr = ke.get().data().bytes();
        sa.nr = n.get().data().bytes();
        NatTraversal.evaluate(sa, m.payloads());
        V1SigAuth.recordCertReqs(sa, m.payloads());
        if (!Phase1.psk(r, sa, sa.localId, sa.connection.remoteIdentity())) {
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "no pre-shared key found for " + sa.localId
                    + " - " + sa.connection.remoteIdentity());
            return;
        }
        Phase1.deriveKeys(sa);
        NatTraversal.floatPorts(sa, r.settings());
        Optional<List<V1Payload>> proof = MainModeAuth.proof(r, sa, true);
        if (proof.isEmpty()) {
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "cannot authenticate as " + sa.localId);
            return;
        }
        List<V1Payload> ps = new ArrayList<>(proof.get());
        if (sa.connection.unique() != ConnectionConfig.Unique.NEVER && sa.replaces < 0) ps.add(Phase1.initialContact(sa));
        sa.step = IsakmpSa.Step.MM_WAIT_6;
        byte[] msg = V1Transport.encrypted(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, false, ps);
        V1Transport.remember(sa, datagram, msg);
        V1Transport.sendRequest(r, sa, 0, msg);
    }

    private static void message5(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in,
                                 io.ike4j.core.codec.v1.IsakmpDatagram.Encrypted e, byte[] datagram) {
        Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
        Phase1.follow(sa, in.local(), in.remote()); // answer where the peer floated to (RFC 3947 4), also with an error
        if (o.isEmpty()) {
            r.log(EngineLog.Subsystem.ENC, sa, "Main Mode message 5 does not decrypt to valid payloads: wrong pre-shared key?");
            Informational.notify(r, sa, V1NotifyType.AUTHENTICATION_FAILED, false);
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "message 5 undecryptable (pre-shared key mismatch)");
            return;
        }
        IsakmpMessage m = o.get().message();
        MainModeAuth.Checked checked = MainModeAuth.check(r, sa, true, m);
        if (checked instanceof MainModeAuth.Checked.Refused(MainModeAuth.Refusal why)) {
            Informational.notify(r, sa, why.error(), true);
            V1Lifecycle.fail(r, sa, why.error().value(), "message 5: " + why.reason());
            return;
        }
        V1Transport.commitIv(sa, o.get());
        sa.remoteId = ((MainModeAuth.Checked.Accepted) checked).peer();
        Phase1.follow(sa, in.local(), in.remote());
        Optional<List<V1Payload>> ps = MainModeAuth.proof(r, sa, false);
        if (ps.isEmpty()) {
            Informational.notify(r, sa, V1NotifyType.AUTHENTICATION_FAILED, true);
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), "cannot authenticate as " + sa.localId);
            return;
        }
        byte[] reply = V1Transport.encrypted(sa, V1ExchangeType.IDENTITY_PROTECTION, 0, false, ps.get());
        sa.phase1LastBlock = sa.ivs.get(0L).clone();
        V1Transport.remember(sa, datagram, reply);
        V1Transport.send(r, sa, reply);
        Phase1.established(r, sa, Phase1.hasInitialContact(m.payloads()));
    }

    private static void message6(V1Run r, IsakmpSa sa, EngineInput.DatagramReceived in, io.ike4j.core.codec.v1.IsakmpDatagram.Encrypted e) {
        Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
        if (o.isEmpty()) {
            r.log(EngineLog.Subsystem.ENC, sa, "Main Mode message 6 does not decrypt to valid payloads, dropped");
            return;
        }
        IsakmpMessage m = o.get().message();
        MainModeAuth.Checked checked = MainModeAuth.check(r, sa, false, m);
        if (checked instanceof MainModeAuth.Checked.Refused(MainModeAuth.Refusal why)) {
            if (why.malformed()) return; // wait for a good copy
            V1Transport.answered(r, sa, 0);
            Informational.notify(r, sa, why.error(), true);
            V1Lifecycle.fail(r, sa, why.error().value(), "message 6: " + why.reason());
            return;
        }
        V1Transport.answered(r, sa, 0);
        V1Transport.commitIv(sa, o.get());
        sa.phase1LastBlock = o.get().nextIv().clone();
        sa.remoteId = ((MainModeAuth.Checked.Accepted) checked).peer();
        Phase1.follow(sa, in.local(), in.remote());
        Phase1.established(r, sa, false);
    }
}
