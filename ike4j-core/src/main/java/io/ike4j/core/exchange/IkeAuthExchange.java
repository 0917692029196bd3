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
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IKE_AUTH (RFC 7296 1.2, 2.15) with pre-shared keys or signatures (certificates, raw public keys; RFC 7427) and
 * the first CHILD_SA, both roles. EAP rounds (RFC 7296 2.16) are in {@link EapAuthExchange}.
 */
public final class IkeAuthExchange {
    private IkeAuthExchange() {}

    /** Initiator: sends IDi, [CERT], [CERTREQ], [IDr], AUTH (absent with EAP), INITIAL_CONTACT and the CHILD_SA offer. */
    public static void initiate(Session s, IkeSa sa) {
        ConnectionConfig c = sa.connection;
        sa.localId = c.localIdentity(sa.local.address());
        Identity expected = c.remoteIdentity();
        List<Payload> ps = new ArrayList<>();
        ps.add(IdentityUnit.payload(true, sa.localId));
        boolean eap = c.local().method() == AuthClass.EAP;
        List<Payload> proof = List.of();
        List<Payload> ppkNotifies = List.of();
        switch (PpkUnit.plan(s, sa, eap)) { // RFC 8784 3
            case PpkUnit.Plan.Fail f -> {
                SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), f.reason());
                return;
            }
            case PpkUnit.Plan.NoPpk n -> { }
            case PpkUnit.Plan.Use u -> {
                Optional<AuthenticationPayload> noPpkAuth = Optional.empty();
                if (!u.required()) { // NO_PPK_AUTH: our AUTH computed with the SK_pi without PPK
                    switch (LocalAuthUnit.make(s, sa, c.local(), sa.localId, expected, AuthOctets.initiator(sa, sa.localId))) {
                        case LocalAuthUnit.Made.Failed f -> {
                            SaLifecycle.fail(s, sa, 0, f.reason());
                            return;
                        }
                        case LocalAuthUnit.Made.Payloads p -> noPpkAuth = p.payloads().stream()
                                .filter(x -> x instanceof AuthenticationPayload).map(x -> (AuthenticationPayload) x).findFirst();
                    }
                }
                if (!PpkUnit.apply(sa, u.ppk())) {
                    SaLifecycle.fail(s, sa, 0, "PPK key derivation failed");
                    return;
                }
                ppkNotifies = PpkUnit.notifies(u.id(), noPpkAuth);
                s.log(EngineLog.Subsystem.IKE, sa, "using PPK " + c.ppk().id().orElse("") + (u.required() ? " (required)" : ""));
            }
        }
        if (!eap) {
            switch (LocalAuthUnit.make(s, sa, c.local(), sa.localId, expected, AuthOctets.initiator(sa, sa.localId))) {
                case LocalAuthUnit.Made.Failed f -> {
                    SaLifecycle.fail(s, sa, 0, f.reason());
                    return;
                }
                case LocalAuthUnit.Made.Payloads p -> proof = p.payloads();
            }
        }
        // RFC 7296 1.2 order: IDi, [CERT+], [CERTREQ+], [IDr], AUTH
        ps.addAll(proof.stream().filter(p -> !(p instanceof AuthenticationPayload)).toList());
        ps.addAll(CertUnit.certReqs(s.context().config().credentials(), c));
        sendableRemoteId(c.remote()).ifPresent(id -> ps.add(IdentityUnit.payload(false, id)));
        ps.addAll(proof.stream().filter(p -> p instanceof AuthenticationPayload).toList());
        ps.addAll(ppkNotifies);
        // RFC 7296 2.4 (INITIAL_CONTACT only to a peer we have no SA with); never when reauthenticating: the old SA stays for now
        if (sa.reauthenticates == 0 && InitialContactUnit.firstContact(s, sa)) ps.add(InitialContactUnit.announce());
        ps.addAll(MobikeExchange.authRequest(sa)); // RFC 4555 3.1
        if (sa.auth.peerMultiAuth) ps.add(AuthRounds.announce()); // RFC 4739 3 (strongSwan: in the first IKE_AUTH)
        if (!eap && AuthRounds.markAnother(s, sa)) ps.add(AuthRounds.another());
        if (eap) {
            sa.auth.eapClient = EapUnit.client(s, c.local(), sa.localId, expected);
            // RFC 5998 3: we authenticate the responder through EAP alone when remote.auth is EAP
            if (c.remote().method() == AuthClass.EAP) ps.add(NotifyPayload.of(NotifyType.EAP_ONLY_AUTHENTICATION, new byte[0]));
        }
        ps.addAll(ConfigPayloadUnit.request(sa)); // RFC 7296 2.19: CP before SA, TSi, TSr
        switch (ChildlessUnit.decide(sa)) {
            case WITH_CHILD -> {
                if (sa.requestedChild != null) {
                    c.child(sa.requestedChild).ifPresent(child -> ps.addAll(ChildCreateUnit.offer(s, sa, child)));
                }
            }
            case CHILDLESS -> { // RFC 6023: the CHILD (if any) follows with CREATE_CHILD_SA
                if (!sa.ikeOnly && sa.requestedChild != null) sa.followUpChildren.addFirst(sa.requestedChild);
                s.log(EngineLog.Subsystem.IKE, sa, "initiating childless IKE_SA (RFC 6023)");
            }
            case REFUSED -> {
                SaLifecycle.fail(s, sa, 0, "peer does not support childless IKE_SA initiation (childless = force)");
                return;
            }
        }
        s.log(EngineLog.Subsystem.IKE, sa, "authenticating as " + sa.localId + " with " + describe(c.local()));
        Messenger.sendRequest(s, sa, ExchangeType.IKE_AUTH, ps);
    }

    static Optional<Identity> sendableRemoteId(AuthConfig remote) {
        if (!remote.remoteIdSendable()) return Optional.empty();
        return remote.identity().or(() -> remote.idPattern().flatMap(p -> p.asIdentity()).map(AuthIdentities::fromIke));
    }

    static String describe(AuthConfig a) {
        return switch (a.method()) {
            case PSK -> "pre-shared key";
            case PUBKEY -> a.certs().isEmpty() && !a.pubkeys().isEmpty() ? "raw public key" : "public key";
            case EAP -> "EAP-" + a.eap().map(Enum::name).orElse("ANY");
            case XAUTH -> "XAuth";
        };
    }

    /** Responder: verifies the initiator and answers (the caller checked message ID and rules). */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        if (sa.auth.eapServer != null) {
            EapAuthExchange.respondRound(s, sa, m);
            return;
        }
        if (sa.auth.anotherFollows) {
            AuthRounds.respondNext(s, sa, m); // RFC 4739: the initiator's next round
            return;
        }
        long mid = m.header().messageId();
        IdentificationPayload idi = m.first(IdentificationPayload.class).filter(IdentificationPayload::initiator).orElse(null);
        if (idi == null) {
            rejectAuth(s, sa, mid, "no IDi payload");
            return;
        }
        boolean hasAuth = m.first(AuthenticationPayload.class).isPresent();
        Optional<Identity> idiIdentity = IdentityUnit.identity(idi);
        if (idiIdentity.isEmpty()) {
            rejectAuth(s, sa, mid, "unsupported ID type " + idi.idType());
            return;
        }
        Identity remoteId = idiIdentity.get();
        // an IDr of an unknown type cannot name one of our identities: treated like none
        Optional<Identity> wantedLocal = m.all(IdentificationPayload.class).stream().filter(p -> !p.initiator())
                .findFirst().flatMap(IdentityUnit::identity);
        ConnectionConfig c = selectConfig(s, sa, remoteId, wantedLocal, hasAuth,
                SupportNotifies.has(m, NotifyType.ANOTHER_AUTH_FOLLOWS));
        if (c == null) {
            rejectAuth(s, sa, mid, "no connection matches " + remoteId + (hasAuth ? "" : " with EAP"));
            return;
        }
        sa.connection = c;
        sa.localId = c.localIdentity(sa.local.address());
        CertUnit.record(sa, m);
        if (!hasAuth) {
            EapAuthExchange.respondFirst(s, sa, m, remoteId);
            return;
        }
        IkeMessage verified = m;
        boolean ppk = false;
        switch (PpkUnit.decide(s, sa, c, m)) { // RFC 8784 3
            case PpkUnit.Decision.Reject r -> {
                rejectAuth(s, sa, mid, r.reason());
                return;
            }
            case PpkUnit.Decision.Proceed p -> {
                verified = p.message();
                ppk = p.ppk();
            }
        }
        Optional<String> failure = PeerAuthUnit.verify(s, sa, c.remote(), sa.localId, remoteId, verified,
                AuthOctets.initiator(sa, remoteId));
        if (failure.isPresent()) {
            rejectAuth(s, sa, mid, failure.get());
            return;
        }
        Optional<String> childless = ChildlessUnit.refusal(c, m);
        if (childless.isPresent()) {
            rejectAuth(s, sa, mid, childless.get());
            return;
        }
        if (UniquenessUnit.keepRefuses(s, sa, c, remoteId, InitialContactUnit.present(m))) {
            rejectAuth(s, sa, mid, "an IKE_SA with " + remoteId + " exists already (unique = keep)");
            return;
        }
        sa.auth.wipeNoPpkKeys();
        sa.remoteId = remoteId;
        List<Payload> ps = new ArrayList<>();
        ps.add(IdentityUnit.payload(false, sa.localId));
        if (ppk) {
            s.log(EngineLog.Subsystem.IKE, sa, "using PPK for the peer's PPK_ID");
            ps.add(NotifyPayload.of(NotifyType.PPK_IDENTITY, new byte[0]));
        } else if (verified != m) {
            s.log(EngineLog.Subsystem.IKE, sa, "no PPK for the peer's PPK_ID, authenticating with NO_PPK_AUTH");
        }
        switch (LocalAuthUnit.make(s, sa, c.local(), sa.localId, remoteId, AuthOctets.responder(sa, sa.localId))) {
            case LocalAuthUnit.Made.Failed f -> {
                rejectAuth(s, sa, mid, f.reason());
                return;
            }
            case LocalAuthUnit.Made.Payloads p -> ps.addAll(p.payloads());
        }
        s.log(EngineLog.Subsystem.IKE, sa, "authentication of " + remoteId + " with " + describe(c.remote()) + " successful");
        AuthRounds.peerRoundDone(s, sa, m, ps);
    }

    /** RFC 5685 6: a gateway rule sends the authenticated initiator elsewhere: IDr, AUTH and REDIRECT, no CHILD_SA. */
    static boolean redirectInAuth(Session s, IkeSa sa, long mid, List<Payload> ps) {
        Optional<Payload> redirect = RedirectExchange.authRedirect(s, sa);
        if (redirect.isEmpty()) return false;
        List<Payload> out = new ArrayList<>(ps);
        out.add(redirect.get());
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, out);
        SaLifecycle.discard(s, sa, "peer redirected in IKE_AUTH");
        return true;
    }

    /**
     * Responder, authenticated: the CFG_REPLY (RFC 7296 3.15) and the first CHILD_SA, which is not created when no
     * virtual IP could be assigned (RFC 7296 3.15.4: INTERNAL_ADDRESS_FAILURE).
     */
    static List<Payload> respondCpAndChild(Session s, IkeSa sa, IkeMessage request) {
        ConfigPayloadUnit.Reply cp = ConfigPayloadUnit.respond(s, sa, request);
        if (!sa.vips.leased.isEmpty()) s.event(new SaEvent.IkeSaUpdated(sa.id(), sa.connectionName(), SaInfos.ike(sa))); // list-sas
        List<Payload> ps = new ArrayList<>(cp.payloads());
        if (cp.addressFailed()) {
            if (request.first(io.ike4j.core.codec.payload.SecurityAssociationPayload.class).isPresent()) {
                s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), "",
                        NotifyType.INTERNAL_ADDRESS_FAILURE.value(), "no virtual IP for the peer"));
            }
            return ps;
        }
        ps.addAll(ChildCreateUnit.respond(s, sa, request));
        return ps;
    }

    /** Initiator, authenticated: takes the assigned virtual IPs, then completes the first CHILD_SA. */
    static void completeCpAndChild(Session s, IkeSa sa, IkeMessage response) {
        Optional<String> cpFailure = ConfigPayloadUnit.complete(s, sa, response);
        if (cpFailure.isPresent()) {
            s.log(EngineLog.Subsystem.CFG, sa, cpFailure.get() + ", deleting IKE_SA");
            if (sa.childOffer != null) {
                s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), sa.childOffer.child().name(),
                        NotifyType.INTERNAL_ADDRESS_FAILURE.value(), cpFailure.get()));
                sa.childOffer = null;
            }
            sa.queue.add(new IkeSa.PendingTask.DeleteIke());
            InformationalExchange.runQueue(s, sa);
            return;
        }
        // reported established before the CFG_REPLY was taken: listeners (list-sas) learn the virtual IPs now
        if (!sa.vips.assigned.isEmpty()) s.event(new SaEvent.IkeSaUpdated(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
        ChildCreateUnit.complete(s, sa, response);
    }

    private static ConnectionConfig selectConfig(Session s, IkeSa sa, Identity remoteId, Optional<Identity> wantedLocal,
                                                 boolean hasAuth, boolean anotherRound) {
        ConnectionConfig best = null;
        int bestScore = 0;
        for (ConnectionConfig c : s.context().config().connections()) {
            if ((c.remote().method() == AuthClass.EAP) == hasAuth) continue; // RFC 7296 2.16: no AUTH means EAP
            int la = AddressMatch.best(c.localAddrs(), sa.local.address());
            int ra = AddressMatch.best(c.remoteAddrs(), sa.remote.address());
            int rid = c.remote().matchRemote(remoteId);
            int lid = wantedLocal.map(w -> w.isAny() ? Identity.MATCH_ANY
                    : c.localIdentity(sa.local.address()).equals(w) ? Identity.MATCH_PERFECT : Identity.MATCH_NONE)
                    .orElse(Identity.MATCH_ANY);
            if (la == 0 || ra == 0 || rid == 0 || lid == 0) continue;
            int score = la + ra + 2 * rid + lid + (c == sa.connection ? 1 : 0)
                    + ((c.remoteRounds().size() > 1) == anotherRound ? 1 : 0); // RFC 4739: rounds as announced
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /** RFC 7296 2.21.2: answer AUTHENTICATION_FAILED (protected) and drop the SA; the reason goes to the log. */
    static void rejectAuth(Session s, IkeSa sa, long mid, String reason) {
        rejectAuth(s, sa, mid, reason, List.of());
    }

    static void rejectAuth(Session s, IkeSa sa, long mid, String reason, List<Payload> extra) {
        s.log(EngineLog.Subsystem.IKE, sa, "AUTHENTICATION_FAILED: " + reason);
        List<Payload> ps = new ArrayList<>(extra);
        ps.add(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED, new byte[0]));
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, mid, ps);
        SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), reason);
    }

    static void established(Session s, IkeSa sa, boolean initialContact) {
        sa.state = IkeSaState.ESTABLISHED;
        sa.establishedAtEpochSecond = Math.max(1, s.now().getEpochSecond());
        s.registry().halfOpenDone(sa);
        s.cancelTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0);
        // charon's wording: IKE_SA home[1] established between 192.0.2.1[moon]...192.0.2.2[sun]
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA " + sa.connectionName() + "[" + sa.id() + "] established between "
                + sa.local.address().getHostAddress() + "[" + sa.localId + "]..."
                + sa.remote.address().getHostAddress() + "[" + sa.remoteId + "]");
        s.event(new SaEvent.IkeSaEstablished(sa.id(), sa.connectionName(), SaInfos.ike(sa)));
        ConnectionConfig c = sa.connection;
        if (!sa.isInitiator() && c.unique() != ConnectionConfig.Unique.NEVER
                && (initialContact || c.unique() == ConnectionConfig.Unique.REPLACE)) {
            s.checkUniqueness(new Session.UniquenessCheck(sa.id(), sa.localId, sa.remoteId, initialContact));
        }
        // RFC 7296 2.4: liveness checks every dpd_delay (an empty INFORMATIONAL request)
        if (!c.dpdDelay().isZero()) s.startTimer(sa, TimerId.TimerKind.DPD, 0, c.dpdDelay());
        IkeRekeyExchange.armTimer(s, sa);
        if (sa.reauthenticates != 0) ReauthUnit.replaced(s, sa);
    }

    /**
     * RFC 7296 2.21.2: the initiator rejects the responder; tell it in a separate INFORMATIONAL (not waited for)
     * and remove the SA.
     */
    static void authFailedHere(Session s, IkeSa sa, String reason) {
        s.log(EngineLog.Subsystem.IKE, sa, "AUTHENTICATION_FAILED: " + reason);
        Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL,
                List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED, new byte[0])));
        SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), reason);
    }

    /** The responder refused (only notifications in its response): fail with its error. */
    static void rejectedByPeer(Session s, IkeSa sa, IkeMessage m) {
        int type = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).mapToInt(NotifyPayload::notifyType)
                .findFirst().orElse(NotifyType.AUTHENTICATION_FAILED.value());
        SaLifecycle.fail(s, sa, type, "IKE_AUTH rejected by peer: " + NotifyType.of(type).map(Enum::name).orElse("" + type));
    }

    /**
     * Responder, IKE_AUTH not finished: an INFORMATIONAL from the initiator. RFC 7296 2.21.2: an initiator that
     * refuses us (or, as strongSwan, gives up during EAP) reports AUTHENTICATION_FAILED in a separate INFORMATIONAL.
     */
    public static void informationalDuringAuth(Session s, IkeSa sa, IkeMessage m) {
        Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, m.header().messageId(), List.of());
        boolean deletesIke = m.all(io.ike4j.core.codec.payload.DeletePayload.class).stream().anyMatch(d -> d.protocolId() == 1);
        s.log(EngineLog.Subsystem.IKE, sa, "INFORMATIONAL request " + m.header().messageId() + " before IKE_AUTH completed"
                + (deletesIke ? ": the peer deletes the IKE SA" : ": answered, nothing done"));
        if (deletesIke) { // only the holder of the SK keys can ask; nothing is left to wait for
            sa.auth.wipe();
            SaLifecycle.fail(s, sa, 0, "deleted by the peer before IKE_AUTH completed");
            return;
        }
        if (m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.AUTHENTICATION_FAILED.value())) {
            // e.g. strongSwan gives up after our MSCHAPv2 Failure Request: say why we sent it
            String why = sa.auth.eapServer == null ? "" : sa.auth.eapServer.failureSent().map(r -> " after EAP failure: " + r).orElse("");
            sa.auth.wipe();
            SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), "peer reported AUTHENTICATION_FAILED during IKE_AUTH" + why);
        }
    }

    /**
     * Responder, IKE_AUTH not finished: a CREATE_CHILD_SA request. RFC 7296 1.2: IKE_AUTH must follow IKE_SA_INIT, so
     * the request is refused with INVALID_SYNTAX and the unauthenticated IKE SA dropped (strongSwan's TEMPORARY_FAILURE
     * is meant for established SAs whose own exchange is still running).
     */
    public static void childSaBeforeAuth(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        s.log(EngineLog.Subsystem.IKE, sa, "CREATE_CHILD_SA request " + mid + " before IKE_AUTH completed, sending INVALID_SYNTAX");
        Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
        sa.auth.wipe();
        SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "CREATE_CHILD_SA before IKE_AUTH");
    }

    /** Initiator: the IKE_AUTH response. */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        if (sa.auth.eapClient != null) {
            EapAuthExchange.processRound(s, sa, m);
            return;
        }
        if (sa.auth.round > 0) {
            AuthRounds.processLaterResponse(s, sa, m); // RFC 4739: the answer to a later round's AUTH
            return;
        }
        Optional<IdentificationPayload> idr = m.first(IdentificationPayload.class).filter(p -> !p.initiator());
        if (idr.isEmpty() || m.first(AuthenticationPayload.class).isEmpty()) {
            rejectedByPeer(s, sa, m);
            return;
        }
        Optional<Identity> idrIdentity = IdentityUnit.identity(idr.get());
        if (idrIdentity.isEmpty()) {
            authFailedHere(s, sa, "unsupported peer ID type " + idr.get().idType());
            return;
        }
        Identity remoteId = idrIdentity.get();
        Optional<String> ppkFailure = PpkUnit.settleInitiator(sa, m); // RFC 8784 3
        if (ppkFailure.isPresent()) {
            authFailedHere(s, sa, ppkFailure.get());
            return;
        }
        Optional<String> failure = PeerAuthUnit.verify(s, sa, sa.connection.remote(), sa.localId, remoteId, m,
                AuthOctets.responder(sa, remoteId));
        if (failure.isPresent()) {
            authFailedHere(s, sa, failure.get());
            return;
        }
        sa.remoteId = remoteId;
        s.log(EngineLog.Subsystem.IKE, sa, "authentication of " + remoteId + " with " + describe(sa.connection.remote()) + " successful");
        AuthRounds.completed(s, sa, m);
    }
}
