package io.ike4j.core.exchange;

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
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.IkeSa;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Multiple authentication rounds of the initiator (RFC 4739), with strongSwan's semantics ({@code local-1},
 * {@code local-2} / {@code remote-1}, {@code remote-2} in swanctl.conf): both sides announce MULTIPLE_AUTH_SUPPORTED,
 * the initiator adds ANOTHER_AUTH_FOLLOWS to the message carrying the AUTH of each round but the last, and starts the
 * next round with a new IDi (then AUTH, or EAP when it sends no AUTH). The responder authenticates itself once, in
 * the first round; the CHILD_SA is answered with the last round. Each round's IDi is the SA's identity from then on
 * (as strongSwan).
 */
final class AuthRounds {
    private AuthRounds() {}

    static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED, new byte[0]);
    }

    static NotifyPayload another() {
        return NotifyPayload.of(NotifyType.ANOTHER_AUTH_FOLLOWS, new byte[0]);
    }

    /** Initiator: true (and marks it) if a further local round follows the current one. */
    static boolean markAnother(Session s, IkeSa sa) {
        int rounds = sa.connection.localRounds().size();
        if (sa.auth.round + 1 >= rounds) return false;
        if (!sa.auth.peerMultiAuth) {
            if (sa.auth.round == 0) {
                s.log(EngineLog.Subsystem.IKE, sa, "peer does not support multiple authentication (RFC 4739), skipping "
                        + (rounds - 1) + " further round(s)");
            }
            return false;
        }
        sa.auth.anotherFollows = true;
        return true;
    }

    /** Initiator: the identity of a local round (configured, else our IP address, as strongSwan). */
    static Identity localId(IkeSa sa, AuthConfig round) {
        return round.identity().orElseGet(() -> Identity.ofAddress(sa.local.address()));
    }

    /**
     * Initiator, a round completed (the response to its last message verified): starts the next round and returns
     * true, or returns false when none follows.
     */
    static boolean nextLocal(Session s, IkeSa sa) {
        if (!sa.auth.anotherFollows) return false;
        sa.auth.anotherFollows = false;
        sa.auth.round++;
        AuthConfig r = sa.connection.localRounds().get(sa.auth.round);
        Identity id = localId(sa, r);
        sa.localId = id;
        List<Payload> ps = new ArrayList<>();
        ps.add(IdentityUnit.payload(true, id));
        s.log(EngineLog.Subsystem.IKE, sa, "authentication round " + (sa.auth.round + 1) + ": authenticating as " + id
                + " with " + IkeAuthExchange.describe(r));
        if (r.method() == AuthClass.EAP) {
            sa.auth.eapClient = EapUnit.client(s, r, id, sa.remoteId);
        } else {
            switch (LocalAuthUnit.make(s, sa, r, id, sa.remoteId, AuthOctets.initiator(sa, id))) {
                case LocalAuthUnit.Made.Failed f -> {
                    IkeAuthExchange.authFailedHere(s, sa, "round " + (sa.auth.round + 1) + ": " + f.reason());
                    return true;
                }
                case LocalAuthUnit.Made.Payloads p -> ps.addAll(p.payloads());
            }
            if (markAnother(s, sa)) ps.add(another());
        }
        Messenger.sendRequest(s, sa, ExchangeType.IKE_AUTH, ps);
        return true;
    }

    /** Initiator: the response to a later round's AUTH (not EAP): nothing but the CHILD_SA, or an error. */
    static void processLaterResponse(Session s, IkeSa sa, IkeMessage m) {
        if (m.all(NotifyPayload.class).stream().anyMatch(NotifyPayload::isError)) {
            IkeAuthExchange.rejectedByPeer(s, sa, m);
            return;
        }
        completed(s, sa, m);
    }

    /** Initiator: every exchange of the current round done; next round, or established. */
    static void completed(Session s, IkeSa sa, IkeMessage m) {
        if (nextLocal(s, sa)) return;
        sa.auth.wipe();
        if (RedirectExchange.followAuth(s, sa, m)) return; // RFC 5685 6
        MobikeExchange.authResponseReceived(s, sa, m);
        IkeAuthExchange.established(s, sa, false);
        IkeAuthExchange.completeCpAndChild(s, sa, m);
    }

    /**
     * Responder: the peer finished a round (its AUTH verified); {@code ps} is our answer so far. With
     * ANOTHER_AUTH_FOLLOWS we wait for the next round; otherwise all configured rounds must be done, and the SA is
     * established with the CHILD_SA of the first request.
     */
    static void peerRoundDone(Session s, IkeSa sa, IkeMessage m, List<Payload> ps) {
        long mid = m.header().messageId();
        int configured = sa.connection.remoteRounds().size();
        if (SupportNotifies.has(m, NotifyType.ANOTHER_AUTH_FOLLOWS)) {
            if (sa.auth.firstRequest == null) sa.auth.firstRequest = m;
            sa.auth.anotherFollows = true;
            s.log(EngineLog.Subsystem.IKE, sa, "authentication round " + (sa.auth.round + 1) + " of " + sa.remoteId
                    + " done, another follows (RFC 4739)");
            Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, ps);
            return;
        }
        if (sa.auth.round + 1 < configured) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "insufficient authentication rounds: " + (sa.auth.round + 1) + " of "
                    + configured + " done");
            return;
        }
        IkeMessage first = sa.auth.firstRequest != null ? sa.auth.firstRequest : m;
        sa.auth.wipe();
        List<Payload> out = new ArrayList<>(ps);
        if (IkeAuthExchange.redirectInAuth(s, sa, mid, out)) return; // RFC 5685 6
        IkeAuthExchange.established(s, sa, InitialContactUnit.present(first));
        out.addAll(IkeAuthExchange.respondCpAndChild(s, sa, first));
        out.addAll(MobikeExchange.authResponse(sa, first)); // RFC 4555 3.1
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, out);
    }

    /** Responder: the first request of a later round (IDi, then AUTH or nothing for EAP). */
    static void respondNext(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        sa.auth.anotherFollows = false;
        sa.auth.round++;
        int n = sa.auth.round + 1;
        List<AuthConfig> rounds = sa.connection.remoteRounds();
        if (sa.auth.round >= rounds.size()) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "peer started authentication round " + n + ", only " + rounds.size()
                    + " configured");
            return;
        }
        AuthConfig r = rounds.get(sa.auth.round);
        Optional<IdentificationPayload> idi = m.first(IdentificationPayload.class).filter(IdentificationPayload::initiator);
        Optional<Identity> id = idi.flatMap(IdentityUnit::identity);
        if (id.isEmpty()) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + ": no usable IDi payload");
            return;
        }
        if (r.matchRemote(id.get()) == Identity.MATCH_NONE) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + ": identity " + id.get() + " does not match "
                    + r.idPattern().map(Object::toString).orElseGet(() -> r.identity().map(Identity::toString).orElse("%any")));
            return;
        }
        sa.remoteId = id.get();
        boolean hasAuth = m.first(AuthenticationPayload.class).isPresent();
        if (r.method() == AuthClass.EAP) {
            if (hasAuth) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + " is EAP, but the peer sent AUTH");
                return;
            }
            Optional<EapServerSession> server = EapUnit.server(s, sa, r, sa.localId, id.get());
            if (server.isEmpty()) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + ": EAP method " + r.eap().orElseThrow()
                        + " not available (no EAP-TLS keys or AAA backend)");
                return;
            }
            EapStep step = server.get().start();
            if (!(step instanceof EapStep.Send send)) {
                IkeAuthExchange.rejectAuth(s, sa, mid, "EAP could not start: " + step);
                return;
            }
            sa.auth.eapServer = server.get();
            s.log(EngineLog.Subsystem.IKE, sa, "authentication round " + n + ": initiating EAP-" + r.eap().orElseThrow()
                    + " with " + id.get());
            Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, List.of(EapUnit.payload(send.message())));
            return;
        }
        if (!hasAuth) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + " expects " + IkeAuthExchange.describe(r)
                    + ", the peer sent no AUTH");
            return;
        }
        Optional<String> failure = PeerAuthUnit.verify(s, sa, r, sa.localId, id.get(), m, AuthOctets.initiator(sa, id.get()));
        if (failure.isPresent()) {
            IkeAuthExchange.rejectAuth(s, sa, mid, "round " + n + ": " + failure.get());
            return;
        }
        s.log(EngineLog.Subsystem.IKE, sa, "authentication of " + id.get() + " with " + IkeAuthExchange.describe(r)
                + " successful (round " + n + ")");
        peerRoundDone(s, sa, m, List.of());
    }
}
