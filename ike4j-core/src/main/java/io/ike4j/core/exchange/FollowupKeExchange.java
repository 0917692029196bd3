package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeLengths;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.sa.FollowupKe;
import io.ike4j.core.sa.IkeSa;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IKE_FOLLOWUP_KE (RFC 9370 2.2.4), both roles: after a CREATE_CHILD_SA whose chosen proposal has additional key
 * exchanges, the responder's answer carries N(ADDITIONAL_KEY_EXCHANGE)(link) and the initiator runs one
 * IKE_FOLLOWUP_KE per additional key exchange, in ADDKE order:
 * {@code HDR, SK{KEi(n), N(ADDITIONAL_KEY_EXCHANGE)(link)} -->  <-- HDR, SK{KEr(n) [, N(ADDITIONAL_KEY_EXCHANGE)(link')]}};
 * the responder includes a new link while more are to come. An unknown link is answered with STATE_NOT_FOUND. When
 * all are done the keys are computed from SK(0) | Ni | Nr | SK(1) | ... | SK(n) and the CREATE_CHILD_SA completes
 * ({@link FollowupKe.Target}).
 */
public final class FollowupKeExchange {
    private static final int LINK_LENGTH = 8;

    private FollowupKeExchange() {}

    /** The responder's N(ADDITIONAL_KEY_EXCHANGE) with a fresh link, remembered in {@code f}. */
    static NotifyPayload newLink(Session s, FollowupKe f) {
        byte[] link = s.context().random().bytes(LINK_LENGTH);
        f.link(link);
        return NotifyPayload.of(NotifyType.ADDITIONAL_KEY_EXCHANGE, link);
    }

    /** The ADDITIONAL_KEY_EXCHANGE notify of a message, if any. */
    static Optional<NotifyPayload> link(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == NotifyType.ADDITIONAL_KEY_EXCHANGE.value())
                .findFirst();
    }

    /** Initiator: the next IKE_FOLLOWUP_KE request, or completion when every additional key exchange is done. */
    static void next(Session s, IkeSa sa) {
        FollowupKe f = sa.followup;
        KeyExchangeMethod method = f.next();
        if (method == null) {
            complete(s, sa);
            return;
        }
        try {
            f.pending = KeyExchangeUnit.initiate(method, s);
        } catch (KeyExchangeException e) {
            abort(s, sa, "key exchange " + SaInfos.name(method) + " unavailable");
            return;
        }
        s.log(EngineLog.Subsystem.IKE, sa, "additional key exchange " + (f.done() + 1) + " of " + f.total() + ": "
                + SaInfos.name(method) + " (IKE_FOLLOWUP_KE)");
        Messenger.sendRequest(s, sa, ExchangeType.IKE_FOLLOWUP_KE, List.of(
                KeyExchangeUnit.payload(method, f.pending.publicValue()),
                NotifyPayload.of(NotifyType.ADDITIONAL_KEY_EXCHANGE, f.link())));
    }

    /** Initiator: the IKE_FOLLOWUP_KE response (opened, message ID checked). */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        FollowupKe f = sa.followup;
        if (f == null || !f.initiator()) return;
        KeyExchange ke = f.pending;
        f.pending = null;
        try {
            Optional<NotifyPayload> error = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).findFirst();
            if (error.isPresent()) {
                int t = error.get().notifyType();
                abort(s, sa, "peer answered IKE_FOLLOWUP_KE with " + NotifyType.of(t).map(Enum::name).orElse("notify " + t));
                return;
            }
            KeyExchangeMethod expected = f.next();
            Optional<KeyExchangePayload> ker = m.first(KeyExchangePayload.class);
            if (ke == null || expected == null || ker.isEmpty() || ker.get().group() != expected.value()
                    || ker.get().data().length != KeyExchangeLengths.responderLength(expected)) {
                abort(s, sa, "missing or invalid KEr in IKE_FOLLOWUP_KE");
                return;
            }
            byte[] shared;
            try {
                shared = ke.sharedSecret(ker.get().data());
            } catch (KeyExchangeException e) {
                abort(s, sa, "bad KEr in IKE_FOLLOWUP_KE: " + e.reason());
                return;
            }
            f.completedOne(shared);
            Arrays.fill(shared, (byte) 0);
            if (!f.complete()) {
                Optional<NotifyPayload> link = link(m);
                if (link.isEmpty() || link.get().data().length == 0) {
                    abort(s, sa, "no ADDITIONAL_KEY_EXCHANGE link for the next IKE_FOLLOWUP_KE");
                    return;
                }
                f.link(link.get().data());
            }
            next(s, sa);
        } finally {
            if (ke != null) ke.destroy();
        }
    }

    /** Responder: an IKE_FOLLOWUP_KE request (opened, message ID checked). */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        FollowupKe f = sa.followup;
        Optional<NotifyPayload> link = link(m);
        if (f == null || f.initiator() || link.isEmpty() || !MessageDigest.isEqual(link.get().data(), f.link())) {
            // RFC 9370 2.2.4: no exchange waits for this link
            answer(s, sa, mid, List.of(NotifyPayload.of(NotifyType.STATE_NOT_FOUND, new byte[0])));
            return;
        }
        KeyExchangeMethod expected = f.next();
        Optional<KeyExchangePayload> kei = m.first(KeyExchangePayload.class);
        if (expected == null || kei.isEmpty() || kei.get().group() != expected.value()) {
            refuse(s, sa, mid, expected == null ? NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])
                    : KeyExchangeUnit.invalidKe(expected), "IKE_FOLLOWUP_KE without the negotiated KE");
            return;
        }
        if (kei.get().data().length != KeyExchangeLengths.initiatorLength(expected)) {
            refuse(s, sa, mid, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]), "KEi of wrong length");
            return;
        }
        KeyExchangeResponse ker;
        try {
            ker = KeyExchangeUnit.respond(expected, kei.get().data(), s);
        } catch (KeyExchangeException e) {
            refuse(s, sa, mid, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]), "bad KEi: " + e.reason());
            return;
        }
        byte[] shared = ker.sharedSecret();
        List<Payload> ps = new ArrayList<>();
        ps.add(KeyExchangeUnit.payload(expected, ker.publicValue()));
        ker.destroy();
        s.log(EngineLog.Subsystem.IKE, sa, "additional key exchange " + (f.done() + 1) + " of " + f.total() + ": "
                + SaInfos.name(expected) + " (IKE_FOLLOWUP_KE)");
        f.completedOne(shared);
        Arrays.fill(shared, (byte) 0);
        if (!f.complete()) ps.add(newLink(s, f));
        answer(s, sa, mid, ps);
        if (f.complete()) complete(s, sa);
    }

    private static void answer(Session s, IkeSa sa, long mid, List<Payload> ps) {
        Messenger.sendResponse(s, sa, ExchangeType.IKE_FOLLOWUP_KE, mid, ps);
    }

    /** Responder: an error answer; the CREATE_CHILD_SA being completed is abandoned. */
    private static void refuse(Session s, IkeSa sa, long mid, NotifyPayload error, String reason) {
        answer(s, sa, mid, List.of(error));
        abort(s, sa, reason);
    }

    /** Every additional key exchange is done: completes what the CREATE_CHILD_SA started. */
    private static void complete(Session s, IkeSa sa) {
        FollowupKe f = sa.followup;
        sa.followup = null;
        try {
            switch (f.target()) {
                case FollowupKe.Target.IkeRekey r -> IkeRekeyExchange.finish(s, sa, f, r);
                case FollowupKe.Target.Child c -> CreateChildSaExchange.finish(s, sa, f, c);
            }
        } finally {
            f.wipe();
        }
    }

    /** Gives up the CREATE_CHILD_SA that was continuing (the IKE SA stays); the initiator retries a rekey later. */
    static void abort(Session s, IkeSa sa, String reason) {
        FollowupKe f = sa.followup;
        sa.followup = null;
        if (f == null) return;
        s.log(EngineLog.Subsystem.IKE, sa, "additional key exchanges failed: " + reason);
        switch (f.target()) {
            case FollowupKe.Target.IkeRekey r -> {
                if (f.initiator()) IkeRekeyExchange.retryLater(s, sa);
            }
            case FollowupKe.Target.Child c -> CreateChildSaExchange.abandon(s, sa, f, c, reason);
        }
        f.wipe();
    }
}
