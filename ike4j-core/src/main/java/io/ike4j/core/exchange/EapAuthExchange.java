package io.ike4j.core.exchange;

import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.Identity;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.IkeSa;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EAP in IKE_AUTH (RFC 7296 2.16), both roles: the responder is the EAP server (local methods or a pass-through
 * backend), the initiator the EAP client; afterwards both send AUTH keyed with the MSK. EAP-only authentication
 * (RFC 5998) skips the responder's first AUTH when the initiator asked for it and the method is mutual.
 */
final class EapAuthExchange {
    private EapAuthExchange() {}

    /** Responder: the first IKE_AUTH request without AUTH (the config is selected and has remote.auth = EAP). */
    static void respondFirst(Session s, IkeSa sa, IkeMessage m, Identity remoteId) {
        long mid = m.header().messageId();
        ConnectionConfig c = sa.connection;
        boolean eapOnlyAsked = m.all(NotifyPayload.class).stream()
                .anyMatch(n -> n.notifyType() == NotifyType.EAP_ONLY_AUTHENTICATION.value());
        EapMethod method = c.remote().eap().orElse(EapMethod.ANY);
        // RFC 5998 3: only with a mutual, key-deriving method, and (as strongSwan) only when our own round is EAP too;
        // otherwise we authenticate ourselves as usual (strongSwan clients always send EAP_ONLY_AUTHENTICATION)
        sa.auth.eapOnly = eapOnlyAsked && method.mutual() && c.local().method() == AuthClass.EAP;
        Optional<EapServerSession> server = EapUnit.server(s, sa, c.remote(), sa.localId, remoteId);
        if (server.isEmpty()) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "EAP method " + method + " not available (no EAP-TLS keys or AAA backend)");
            return;
        }
        List<Payload> ps = new ArrayList<>();
        ps.add(IdentityUnit.payload(false, sa.localId));
        if (!sa.auth.eapOnly) {
            if (c.local().method() == AuthClass.EAP) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "peer did not request EAP-only authentication, but we have no other");
                return;
            }
            switch (LocalAuthUnit.make(s, sa, c.local(), sa.localId, remoteId, AuthOctets.responder(sa, sa.localId))) {
                case LocalAuthUnit.Made.Failed f -> {
                    IkeAuthExchange.rejectAuth(s, sa, mid, f.reason());
                    return;
                }
                case LocalAuthUnit.Made.Payloads p -> ps.addAll(p.payloads());
            }
        } else {
            s.log(EngineLog.Subsystem.IKE, sa, "peer requested EAP_ONLY_AUTHENTICATION (RFC 5998), skipping our AUTH");
        }
        sa.remoteId = remoteId;
        sa.auth.eapServer = server.get();
        sa.auth.firstRequest = m;
        EapStep step = server.get().start();
        if (!(step instanceof EapStep.Send send)) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "EAP could not start: " + step);
            return;
        }
        ps.add(EapUnit.payload(send.message()));
        s.log(EngineLog.Subsystem.IKE, sa, "initiating EAP-" + method + " with " + remoteId);
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, ps);
    }

    /** Responder: a later IKE_AUTH request: an EAP Response, or the final AUTH. */
    static void respondRound(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        EapServerSession server = sa.auth.eapServer;
        if (sa.auth.eapSucceeded) {
            Optional<AuthenticationPayload> auth = m.first(AuthenticationPayload.class);
            if (auth.isEmpty()) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "no AUTH after EAP");
                return;
            }
            if (!EapUnit.verify(sa, true, AuthOctets.initiator(sa, sa.remoteId), auth.get())) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "AUTH of " + sa.remoteId + " with the EAP "
                        + (sa.auth.msk != null ? "MSK" : "SK_pi (no MSK)") + " does not verify");
                return;
            }
            List<Payload> ps = List.of(EapUnit.auth(sa, false, AuthOctets.responder(sa, sa.localId)));
            sa.auth.endEapRound();
            AuthRounds.peerRoundDone(s, sa, m, ps);
            return;
        }
        Optional<EapMessage> eap = EapUnit.message(m);
        if (eap.isEmpty()) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "IKE_AUTH request without a valid EAP payload during EAP");
            return;
        }
        EapStep step = server.process(eap.get());
        switch (step) {
            case EapStep.Send send -> Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, List.of(EapUnit.payload(send.message())));
            case EapStep.Success ok -> {
                if (sa.auth.eapOnly && ok.msk().isEmpty()) {
                    failEap(s, sa, mid, server, "EAP-only authentication needs a method deriving an MSK");
                    return;
                }
                sa.auth.msk = ok.msk().orElse(null);
                sa.auth.eapSucceeded = true;
                s.log(EngineLog.Subsystem.IKE, sa, "EAP method succeeded for " + identity(server, sa)
                        + (ok.msk().isPresent() ? ", MSK established" : ", no MSK"));
                Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid,
                        List.of(EapUnit.payload(server.finalMessage().orElseThrow())));
            }
            case EapStep.Failure f -> failEap(s, sa, mid, server, "EAP authentication of " + identity(server, sa) + " failed: " + f.reason());
            case EapStep.Ignore i -> failEap(s, sa, mid, server, "EAP Response discarded: " + i.reason());
        }
    }

    private static String identity(EapServerSession server, IkeSa sa) {
        return server.peerIdentity().map(b -> "'" + new String(b, java.nio.charset.StandardCharsets.UTF_8) + "'")
                .orElse(String.valueOf(sa.remoteId));
    }

    private static void failEap(Session s, IkeSa sa, long mid, EapServerSession server, String reason) {
        EapMessage failure = server.finalMessage().orElseGet(() -> EapMessage.failure(0));
        sa.auth.wipe();
        IkeAuthExchange.rejectAuth(s, sa, mid, reason, List.of(EapUnit.payload(failure)));
    }

    /** Initiator: an IKE_AUTH response while EAP runs. */
    static void processRound(Session s, IkeSa sa, IkeMessage m) {
        ConnectionConfig c = sa.connection;
        if (sa.auth.eapSucceeded) {
            Optional<AuthenticationPayload> auth = m.first(AuthenticationPayload.class);
            if (auth.isEmpty()) {
                IkeAuthExchange.rejectedByPeer(s, sa, m);
                return;
            }
            if (!EapUnit.verify(sa, false, AuthOctets.responder(sa, sa.remoteId), auth.get())) {
                IkeAuthExchange.authFailedHere(s, sa, "AUTH of " + sa.remoteId + " with the EAP MSK does not verify");
                return;
            }
            sa.auth.endEapRound();
            s.log(EngineLog.Subsystem.IKE, sa, "authentication of " + sa.remoteId + " with EAP successful");
            AuthRounds.completed(s, sa, m);
            return;
        }
        if (sa.remoteId == null) {
            Optional<IdentificationPayload> idr = m.first(IdentificationPayload.class).filter(p -> !p.initiator());
            if (idr.isEmpty()) {
                IkeAuthExchange.rejectedByPeer(s, sa, m);
                return;
            }
            Optional<Identity> idrIdentity = IdentityUnit.identity(idr.get());
            if (idrIdentity.isEmpty()) {
                IkeAuthExchange.authFailedHere(s, sa, "unsupported peer ID type " + idr.get().idType());
                return;
            }
            Identity remoteId = idrIdentity.get();
            if (m.first(AuthenticationPayload.class).isPresent() && c.remote().method() != AuthClass.EAP) {
                Optional<String> failure = PeerAuthUnit.verify(s, sa, c.remote(), sa.localId, remoteId, m,
                        AuthOctets.responder(sa, remoteId));
                if (failure.isPresent()) {
                    IkeAuthExchange.authFailedHere(s, sa, failure.get());
                    return;
                }
                s.log(EngineLog.Subsystem.IKE, sa, "authentication of " + remoteId + " with "
                        + IkeAuthExchange.describe(c.remote()) + " successful");
            } else if (c.remote().method() == AuthClass.EAP && c.remote().matchRemote(remoteId) != Identity.MATCH_NONE) {
                sa.auth.eapOnly = true; // RFC 5998: the responder is authenticated by the EAP method and the MSK
            } else {
                IkeAuthExchange.authFailedHere(s, sa, "responder " + remoteId + " sent no usable AUTH payload");
                return;
            }
            sa.remoteId = remoteId;
        }
        Optional<EapMessage> eap = EapUnit.message(m);
        if (eap.isEmpty()) {
            IkeAuthExchange.rejectedByPeer(s, sa, m);
            return;
        }
        switch (sa.auth.eapClient.process(eap.get())) {
            case EapStep.Send send -> Messenger.sendRequest(s, sa, ExchangeType.IKE_AUTH, List.of(EapUnit.payload(send.message())));
            case EapStep.Success ok -> {
                if (sa.auth.eapOnly && ok.msk().isEmpty()) {
                    IkeAuthExchange.authFailedHere(s, sa, "EAP-only authentication needs a method deriving an MSK");
                    return;
                }
                sa.auth.msk = ok.msk().orElse(null);
                sa.auth.eapSucceeded = true;
                s.log(EngineLog.Subsystem.IKE, sa, "EAP method succeeded" + (ok.msk().isPresent() ? ", MSK established" : ", no MSK"));
                List<Payload> ps = new ArrayList<>();
                ps.add(EapUnit.auth(sa, true, AuthOctets.initiator(sa, sa.localId)));
                if (AuthRounds.markAnother(s, sa)) ps.add(AuthRounds.another()); // RFC 4739: with our AUTH
                Messenger.sendRequest(s, sa, ExchangeType.IKE_AUTH, ps);
            }
            case EapStep.Failure f -> {
                sa.auth.wipe();
                SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), "EAP authentication failed: " + f.reason());
            }
            case EapStep.Ignore i -> IkeAuthExchange.authFailedHere(s, sa, "EAP Request discarded: " + i.reason());
        }
    }
}
