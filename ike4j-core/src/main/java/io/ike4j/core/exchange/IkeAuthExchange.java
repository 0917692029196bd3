package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** IKE_AUTH with pre-shared keys (RFC 7296 1.2, 2.15) and the first CHILD_SA, both roles. */
public final class IkeAuthExchange {
    private IkeAuthExchange() {}

    /** Initiator: sends IDi, [IDr], AUTH, INITIAL_CONTACT and the CHILD_SA offer. */
    public static void initiate(Session s, IkeSa sa) {
        ConnectionConfig c = sa.connection;
        sa.localId = c.localIdentity(sa.local.address());
        Identity expected = c.remoteIdentity();
        Optional<SharedSecret> psk = s.context().config().credentials().sharedKeys().lookup(sa.localId, expected);
        if (c.local().method() != AuthClass.PSK || psk.isEmpty()) {
            SaLifecycle.fail(s, sa, 0, "no shared key found for " + sa.localId + " - " + expected);
            return;
        }
        Prf prf = Prf.of(sa.transforms.prf());
        byte[] secret = psk.get().secret();
        List<Payload> ps = new ArrayList<>();
        ps.add(IdentityUnit.payload(true, sa.localId));
        ps.add(InitialContactUnit.announce());
        if (!expected.isAny() && !expected.isPattern()) ps.add(IdentityUnit.payload(false, expected));
        try {
            ps.add(PskAuthUnit.payload(prf, secret,
                    PskAuthUnit.signedOctets(prf, sa.ownInitMessage, sa.nonceR, sa.keys.skPi(), sa.localId)));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (sa.requestedChild != null) {
            c.child(sa.requestedChild).ifPresent(child -> ps.addAll(ChildCreateUnit.offer(s, sa, child)));
        }
        s.log(EngineLog.Subsystem.IKE, sa, "authenticating as " + sa.localId);
        Messenger.sendRequest(s, sa, ExchangeType.IKE_AUTH, ps);
    }

    /** Responder: verifies the initiator and answers (the caller checked message ID and rules). */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        IdentificationPayload idi = m.first(IdentificationPayload.class).filter(IdentificationPayload::initiator).orElse(null);
        if (idi == null || m.first(AuthenticationPayload.class).isEmpty()) {
            // EAP and multiple authentication rounds are not supported yet
            rejectAuth(s, sa, mid, "no AUTH payload (EAP not supported)");
            return;
        }
        Optional<Identity> idiIdentity = IdentityUnit.identity(idi);
        if (idiIdentity.isEmpty()) {
            rejectAuth(s, sa, mid, "unsupported ID type " + idi.idType());
            return;
        }
        Identity remoteId = idiIdentity.get();
        // an IDr of an unknown type cannot name one of our identities: treated like none
        Optional<Identity> wantedLocal = m.all(IdentificationPayload.class).stream().filter(p -> !p.initiator())
                .findFirst().flatMap(IdentityUnit::identity);
        ConnectionConfig c = selectConfig(s, sa, remoteId, wantedLocal);
        if (c == null) {
            rejectAuth(s, sa, mid, "no connection matches " + remoteId);
            return;
        }
        sa.connection = c;
        sa.remoteId = remoteId;
        sa.localId = c.localIdentity(sa.local.address());
        Optional<SharedSecret> psk = s.context().config().credentials().sharedKeys().lookup(sa.localId, remoteId);
        if (psk.isEmpty() || c.remote().method() != AuthClass.PSK) {
            rejectAuth(s, sa, mid, "no shared key for " + sa.localId + " - " + remoteId);
            return;
        }
        Prf prf = Prf.of(sa.transforms.prf());
        byte[] secret = psk.get().secret();
        try {
            byte[] octets = PskAuthUnit.signedOctets(prf, sa.peerInitMessage, sa.nonceR, sa.keys.skPi(), remoteId);
            if (!PskAuthUnit.verify(prf, secret, octets, m.first(AuthenticationPayload.class).orElseThrow())) {
                rejectAuth(s, sa, mid, "PSK authentication of " + remoteId + " failed");
                return;
            }
            List<Payload> ps = new ArrayList<>();
            ps.add(IdentityUnit.payload(false, sa.localId));
            ps.add(PskAuthUnit.payload(prf, secret,
                    PskAuthUnit.signedOctets(prf, sa.ownInitMessage, sa.nonceI, sa.keys.skPr(), sa.localId)));
            established(s, sa);
            boolean initialContact = InitialContactUnit.present(m);
            if (c.unique() != ConnectionConfig.Unique.NEVER && (initialContact || c.unique() == ConnectionConfig.Unique.REPLACE)) {
                s.checkUniqueness(new Session.UniquenessCheck(sa.id(), sa.localId, sa.remoteId, initialContact));
            }
            ps.addAll(ChildCreateUnit.respond(s, sa, m));
            Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, ps);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static ConnectionConfig selectConfig(Session s, IkeSa sa, Identity remoteId, Optional<Identity> wantedLocal) {
        ConnectionConfig best = null;
        int bestScore = 0;
        for (ConnectionConfig c : s.context().config().connections()) {
            int la = AddressMatch.best(c.localAddrs(), sa.local.address());
            int ra = AddressMatch.best(c.remoteAddrs(), sa.remote.address());
            int rid = c.remoteIdentity().matches(remoteId);
            int lid = wantedLocal.map(w -> w.isAny() ? Identity.MATCH_ANY
                    : c.localIdentity(sa.local.address()).equals(w) ? Identity.MATCH_PERFECT : Identity.MATCH_NONE)
                    .orElse(Identity.MATCH_ANY);
            if (la == 0 || ra == 0 || rid == 0 || lid == 0) continue;
            int score = la + ra + 2 * rid + lid + (c == sa.connection ? 1 : 0);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /** RFC 7296 2.21.2: answer AUTHENTICATION_FAILED (protected) and drop the SA. */
    private static void rejectAuth(Session s, IkeSa sa, long mid, String reason) {
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid,
                List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED, new byte[0])));
        SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), reason);
    }

    private static void established(Session s, IkeSa sa) {
        sa.state = IkeSaState.ESTABLISHED;
        sa.establishedAtEpochSecond = Math.max(1, s.now().getEpochSecond());
        s.registry().halfOpenDone(sa);
        s.cancelTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0);
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA " + sa.connectionName() + "[" + sa.id() + "] established between "
                + sa.localId + "[" + sa.local + "]...[" + sa.remote + "]" + sa.remoteId);
        s.event(new SaEvent.IkeSaEstablished(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
        // RFC 7296 2.4: liveness checks every dpd_delay (an empty INFORMATIONAL request)
        if (!sa.connection.dpdDelay().isZero()) s.startTimer(sa, TimerId.TimerKind.DPD, 0, sa.connection.dpdDelay());
        IkeRekeyExchange.armTimer(s, sa);
    }

    /**
     * RFC 7296 2.21.2: the initiator rejects the responder; tell it in a separate INFORMATIONAL (not waited for)
     * and remove the SA.
     */
    private static void authFailedHere(Session s, IkeSa sa, String reason) {
        Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL,
                List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED, new byte[0])));
        SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), reason);
    }

    /** Initiator: the IKE_AUTH response. */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        Optional<IdentificationPayload> idr = m.first(IdentificationPayload.class).filter(p -> !p.initiator());
        Optional<AuthenticationPayload> auth = m.first(AuthenticationPayload.class);
        if (idr.isEmpty() || auth.isEmpty()) {
            int type = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).mapToInt(NotifyPayload::notifyType)
                    .findFirst().orElse(NotifyType.AUTHENTICATION_FAILED.value());
            SaLifecycle.fail(s, sa, type, "IKE_AUTH rejected by peer: " + NotifyType.of(type).map(Enum::name).orElse("" + type));
            return;
        }
        Optional<Identity> idrIdentity = IdentityUnit.identity(idr.get());
        if (idrIdentity.isEmpty()) {
            authFailedHere(s, sa, "unsupported peer ID type " + idr.get().idType());
            return;
        }
        Identity remoteId = idrIdentity.get();
        if (sa.connection.remoteIdentity().matches(remoteId) == Identity.MATCH_NONE) {
            authFailedHere(s, sa, "unexpected peer identity " + remoteId);
            return;
        }
        Optional<SharedSecret> psk = s.context().config().credentials().sharedKeys().lookup(sa.localId, remoteId);
        Prf prf = Prf.of(sa.transforms.prf());
        if (psk.isEmpty()) {
            authFailedHere(s, sa, "no shared key for " + remoteId);
            return;
        }
        byte[] secret = psk.get().secret();
        try {
            byte[] octets = PskAuthUnit.signedOctets(prf, sa.peerInitMessage, sa.nonceI, sa.keys.skPr(), remoteId);
            if (!PskAuthUnit.verify(prf, secret, octets, auth.get())) {
                authFailedHere(s, sa, "PSK authentication of " + remoteId + " failed");
                return;
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        sa.remoteId = remoteId;
        established(s, sa);
        ChildCreateUnit.complete(s, sa, m);
    }
}
