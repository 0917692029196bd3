package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.KeyExchangeNegotiation;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalSelection;
import io.ike4j.core.proposal.ProposalSelector;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.proposal.ResponseCheck;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import io.ike4j.core.sa.IkeTransforms;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** IKE_SA_INIT (RFC 7296 1.2) in both roles, with COOKIE (2.6) and INVALID_KE_PAYLOAD (1.2) retries. */
public final class IkeSaInitExchange {
    private static final int MAX_INIT_RETRIES = 5;

    private IkeSaInitExchange() {}

    /** Initiator: starts a new IKE SA for {@code c}; returns it (null if it could not even start). */
    public static IkeSa initiate(Session s, ConnectionConfig c, String childName) {
        return initiate(s, c, childName, null);
    }

    /** Initiator: as above; {@code prepare} runs on the new SA (under its lock) before the first request is sent. */
    public static IkeSa initiate(Session s, ConnectionConfig c, String childName, java.util.function.Consumer<IkeSa> prepare) {
        Optional<InetAddress> remoteIp = AddressMatch.firstConcrete(c.remoteAddrs());
        if (remoteIp.isEmpty()) {
            s.event(new SaEvent.IkeSaFailed(s.registry().nextId(), c.name(), 0, "no concrete remote address to initiate to"));
            return null;
        }
        return initiateTo(s, c, childName, new Endpoint(remoteIp.get(), c.remotePort()), prepare);
    }

    /** Initiator: a new IKE SA for {@code c} to {@code remote} (the configured peer, or a gateway we were redirected to). */
    static IkeSa initiateTo(Session s, ConnectionConfig c, String childName, Endpoint remote,
                           java.util.function.Consumer<IkeSa> prepare) {
        long id = s.registry().nextId();
        InetAddress localIp = AddressMatch.firstConcrete(c.localAddrs()).orElseGet(() -> source(s, c, remote.address()));
        IkeSa sa = new IkeSa(id, true, s.registry().newSpi(), c, s.now().toEpochMilli());
        sa.local = new Endpoint(localIp, c.localPort());
        sa.remote = remote;
        sa.requestedChild = childName != null ? childName : c.children().isEmpty() ? null : c.children().getFirst().name();
        sa.ikeOnly = childName == null;
        sa.state = IkeSaState.CONNECTING;
        sa.nonceI = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        s.registry().add(sa);
        sa.lock().lock();
        try {
            List<Proposal> props = ProposalUnit.parse(ProtocolId.IKE, c.ikeProposals());
            Optional<KeyExchangeMethod> ke = KeyExchangeNegotiation.initialGuess(props);
            if (ke.isEmpty()) {
                s.log(EngineLog.Subsystem.CFG, sa, "proposals " + c.ikeProposals() + " give no usable IKE proposal");
                SaLifecycle.fail(s, sa, 0, "no usable IKE proposal configured");
                return null;
            }
            if (prepare != null) prepare.accept(sa);
            s.log(EngineLog.Subsystem.IKE, sa, "initiating IKE_SA " + c.name() + "[" + id + "] to " + sa.remote);
            sendRequest(s, sa, props, ke.get());
        } finally {
            sa.lock().unlock();
        }
        return sa;
    }

    /**
     * No concrete local address configured ({@code %any}, a range): the address the host routes from to the peer, if
     * the platform knows it and local_addrs allows it, so NAT detection (RFC 7296 2.23) hashes our real address;
     * else the wildcard address of the peer's family.
     */
    private static InetAddress source(Session s, ConnectionConfig c, InetAddress remote) {
        return s.context().sourceAddresses().sourceFor(remote)
                .filter(a -> a.getAddress().length == remote.getAddress().length && !a.isAnyLocalAddress())
                .filter(a -> AddressMatch.best(c.localAddrs(), a) != AddressMatch.NONE)
                .orElseGet(() -> wildcard(remote));
    }

    private static InetAddress wildcard(InetAddress like) {
        try {
            return InetAddress.getByAddress(new byte[like.getAddress().length]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5685 4.2: start IKE_SA_INIT over at another gateway (the SA still has no keys), with REDIRECTED_FROM. */
    static void restart(Session s, IkeSa sa, Endpoint gateway) {
        sa.remote = gateway;
        sa.local = new Endpoint(AddressMatch.firstConcrete(sa.connection.localAddrs())
                .orElseGet(() -> source(s, sa.connection, gateway.address())), sa.connection.localPort());
        sa.cookie = new byte[0];
        sa.initRetries = 0;
        sa.nonceI = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        List<Proposal> props = ProposalUnit.parse(ProtocolId.IKE, sa.connection.ikeProposals());
        Optional<KeyExchangeMethod> ke = KeyExchangeNegotiation.initialGuess(props);
        if (ke.isEmpty()) {
            SaLifecycle.fail(s, sa, 0, "no usable IKE proposal configured");
            return;
        }
        s.log(EngineLog.Subsystem.IKE, sa, "initiating IKE_SA " + sa.connectionName() + "[" + sa.id() + "] to " + sa.remote);
        sendRequest(s, sa, props, ke.get());
    }

    private static void sendRequest(Session s, IkeSa sa, List<Proposal> props, KeyExchangeMethod method) {
        if (sa.keyExchange != null) sa.keyExchange.destroy();
        try {
            sa.keyExchange = KeyExchangeUnit.initiate(method, s);
        } catch (KeyExchangeException e) {
            SaLifecycle.fail(s, sa, 0, "key exchange " + method + " unavailable");
            return;
        }
        List<Payload> ps = new ArrayList<>();
        if (sa.cookie.length > 0) ps.add(CookieUnit.notify(sa.cookie)); // RFC 7296 2.6: COOKIE first
        ps.add(new SecurityAssociationPayload(ProposalUnit.offer(props, new byte[0])));
        ps.add(KeyExchangeUnit.payload(method, sa.keyExchange.publicValue()));
        ps.add(NonceUnit.payload(sa.nonceI));
        ps.addAll(NatDetectionUnit.notifies(sa.initiatorSpi(), 0, sa.local, sa.remote, sa.connection.encap(), s.context().random()));
        if (sa.connection.fragmentation() != ConnectionConfig.Fragmentation.NO) ps.add(FragmentationSupportUnit.announce());
        ps.add(SignatureHashUnit.announce());
        boolean ppkInt = PpkIntermediateUnit.offered(sa.connection);
        if (IkeIntermediateExchange.wanted(props) || ppkInt) ps.add(IkeIntermediateExchange.announce()); // RFC 9242 3.1
        ps.add(RedirectExchange.announce(sa)); // RFC 5685 4.1
        if (PpkUnit.offered(sa.connection)) ps.add(PpkUnit.usePpk()); // RFC 8784 3
        if (ppkInt) ps.add(PpkIntermediateUnit.usePpkInt()); // RFC 9867 3: with USE_PPK as the RFC 8784 fallback
        sa.nextRequestId = 0;
        if (sa.outstanding != null) Messenger.answered(s, sa);
        sa.ownInitMessage = Messenger.sendRequest(s, sa, ExchangeType.IKE_SA_INIT, ps).getFirst();
    }

    /**
     * A retried IKE_SA_INIT has message ID 0 again (RFC 7296 1.2, 2.6), so a duplicated or late copy of the COOKIE or
     * INVALID_KE_PAYLOAD answer that made us retry looks like an answer to the retry: one that asks for the cookie we
     * now send, or the group we now offer, answers an earlier request and is ignored (2.21: unprotected errors may be).
     */
    private static boolean answersAnEarlierRequest(IkeSa sa, Optional<NotifyPayload> cookie, Optional<NotifyPayload> error) {
        if (cookie.isPresent()) return sa.cookie != null && java.util.Arrays.equals(sa.cookie, cookie.get().data());
        return error.isPresent() && error.get().notifyType() == NotifyType.INVALID_KE_PAYLOAD.value() && sa.initRetries > 0
                && sa.keyExchange != null
                && KeyExchangeUnit.requestedGroup(error.get()).map(g -> g == sa.keyExchange.method().value()).orElse(false);
    }

    /** Initiator: the IKE_SA_INIT response (the caller checked the message ID and holds the lock). */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m, byte[] datagram) {
        List<Proposal> props = ProposalUnit.parse(ProtocolId.IKE, sa.connection.ikeProposals());
        if (MessageRules.validate(m, false).isPresent()) {
            return; // malformed unauthenticated response: ignore, keep retransmitting (RFC 7296 2.21)
        }
        Optional<NotifyPayload> cookie = m.all(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.COOKIE.value()).findFirst();
        Optional<NotifyPayload> error = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).findFirst();
        if (m.first(SecurityAssociationPayload.class).isEmpty()) {
            if (RedirectExchange.followInit(s, sa, m)) return; // RFC 5685 4.2
            if (answersAnEarlierRequest(sa, cookie, error)) return; // keep waiting for the answer to the retry
            if (cookie.isPresent() && sa.initRetries < MAX_INIT_RETRIES && cookie.get().data().length > 0
                    && cookie.get().data().length <= 64) {
                sa.initRetries++;
                sa.cookie = cookie.get().data();
                s.log(EngineLog.Subsystem.IKE, sa, "received COOKIE, retrying IKE_SA_INIT");
                sendRequest(s, sa, props, sa.keyExchange.method());
                return;
            }
            if (error.isPresent() && error.get().notifyType() == NotifyType.INVALID_KE_PAYLOAD.value()) {
                Optional<KeyExchangeMethod> wanted = KeyExchangeUnit.requestedGroup(error.get())
                        .flatMap(g -> KeyExchangeNegotiation.acceptRequested(props, g));
                if (wanted.isPresent() && sa.initRetries < MAX_INIT_RETRIES && wanted.get() != sa.keyExchange.method()) {
                    sa.initRetries++;
                    s.log(EngineLog.Subsystem.IKE, sa, "peer requested " + SaInfos.name(wanted.get()) + ", retrying");
                    sendRequest(s, sa, props, wanted.get());
                    return;
                }
            }
            int type = error.map(NotifyPayload::notifyType).orElse(0);
            Messenger.answered(s, sa);
            SaLifecycle.fail(s, sa, type, "IKE_SA_INIT rejected: " + error.map(n -> n.notification()
                    .map(Enum::name).orElse(Integer.toString(n.notifyType()))).orElse("no SA"));
            return;
        }
        Messenger.answered(s, sa);
        IkeHeader h = m.header();
        SecurityAssociationPayload saP = m.first(SecurityAssociationPayload.class).orElseThrow();
        List<io.ike4j.core.codec.payload.ProposalSubstructure> offered = ProposalUnit.offer(props, new byte[0]);
        ResponseCheck check = ProposalSelector.checkResponse(offered, saP.proposals());
        if (!(check instanceof ResponseCheck.Accepted accepted) || !ProposalUnit.usableIke(accepted.proposal())) {
            SaLifecycle.fail(s, sa, NotifyType.NO_PROPOSAL_CHOSEN.value(), "invalid proposal in IKE_SA_INIT response");
            return;
        }
        IkeTransforms t = ProposalUnit.ikeTransforms(accepted.proposal());
        KeyExchangePayload ke = m.first(KeyExchangePayload.class).orElseThrow();
        byte[] nr = m.first(NoncePayload.class).orElseThrow().nonce();
        if (h.responderSpi() == 0 || ke.group() != sa.keyExchange.method().value() || t.keyExchange() != sa.keyExchange.method()
                || !NonceUnit.acceptable(nr)) {
            SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "inconsistent IKE_SA_INIT response");
            return;
        }
        byte[] shared;
        try {
            shared = sa.keyExchange.sharedSecret(ke.data());
        } catch (KeyExchangeException e) {
            SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "bad KE payload: " + e.reason());
            return;
        } finally {
            sa.keyExchange.destroy();
            sa.keyExchange = null;
        }
        sa.responderSpi = h.responderSpi();
        sa.nonceR = nr;
        sa.transforms = t;
        sa.peerInitMessage = datagram.clone();
        sa.peerFragmentation = FragmentationSupportUnit.peerSupports(m);
        sa.peerChildless = ChildlessUnit.peerSupports(m);
        sa.intermediate.peerSupports = IkeIntermediateExchange.announced(m);
        sa.intermediate.negotiated(IkeIntermediateExchange.additional(accepted.proposal()));
        sa.auth.peerUsePpk = PpkUnit.offered(sa.connection) && PpkUnit.announced(m); // RFC 8784 3
        // RFC 9867 3: a responder supporting it answers USE_PPK_INT; the PPK then goes into IKE_INTERMEDIATE
        sa.auth.ppkInt = PpkIntermediateUnit.offered(sa.connection) && PpkIntermediateUnit.announced(m)
                && sa.intermediate.peerSupports;
        if (sa.auth.ppkInt) sa.auth.peerUsePpk = false;
        CertUnit.record(sa, m); // RFC 7427 hash algorithms, CERTREQ (RFC 7296 1.2)
        if (!KeysUnit.derive(s, sa, shared)) {
            SaLifecycle.fail(s, sa, 0, "key derivation failed");
            return;
        }
        NatDetectionUnit.Result nat = NatDetectionUnit.evaluate(m, sa.initiatorSpi(), sa.responderSpi, sa.local, sa.remote);
        applyNat(s, sa, nat);
        IkeIntermediateExchange.next(s, sa); // RFC 9370 2.2.1: additional key exchanges first, then IKE_AUTH
    }

    /** RFC 7296 2.23: after NAT detection (or forced encapsulation) continue on port 4500; keepalives if we are behind NAT. */
    static void applyNat(Session s, IkeSa sa, NatDetectionUnit.Result nat) {
        sa.peerNatDetection = nat.peerSupports();
        sa.natLocal = nat.localBehindNat();
        sa.natRemote = nat.remoteBehindNat();
        boolean forced = sa.connection.encap() && nat.peerSupports();
        if (forced) sa.natLocal = true; // encap=yes: behave as if behind a NAT (strongSwan fakes NAT-D)
        // RFC 4555 3.1: with MOBIKE the initiator floats to the NAT-T port at IKE_AUTH even without a NAT
        if (sa.isInitiator() && (sa.natLocal || sa.natRemote || forced || MobikeExchange.floatsAtAuth(sa, nat))) {
            // we float from our IKE port to our NAT-T port; the peer moves to 4500 only if it was on 500 (as strongSwan)
            EngineSettings ports = s.settings();
            if (sa.local.port() == ports.ikePort()) sa.local = new Endpoint(sa.local.address(), ports.natTraversalPort());
            if (sa.remote.port() == EngineSettings.IKE_PORT) sa.remote = new Endpoint(sa.remote.address(), EngineSettings.NAT_T_PORT);
        }
        if (sa.natLocal) s.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, s.settings().natKeepalive());
    }

    /**
     * Responder: a new IKE_SA_INIT request (not a retransmission of a known one). Requests being answered right now
     * count as half-open: under a flood many are processed in parallel, and counting only the SAs already registered
     * (after the key exchange) let all of them past the cookie threshold.
     */
    public static void respond(Session s, EngineInput.DatagramReceived in, IkeMessage m, byte[] datagram) {
        int load = s.registry().enterResponder();
        try {
            respond(s, in, m, datagram, load - 1);
        } finally {
            s.registry().leaveResponder();
        }
    }

    /** {@code load}: half-open SAs plus the other requests being answered right now. */
    private static void respond(Session s, EngineInput.DatagramReceived in, IkeMessage m, byte[] datagram, int load) {
        IkeHeader h = m.header();
        Endpoint local = in.local(), remote = in.remote();
        if (MessageRules.validate(m, true).isPresent()) {
            answerPlain(s, in, h, List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
            return;
        }
        List<ConnectionConfig> candidates = s.context().config().connections().stream()
                .filter(c -> c.version() != 1) // IKEv1-only connections never answer IKEv2
                .filter(c -> AddressMatch.best(c.localAddrs(), local.address()) > 0
                        && AddressMatch.best(c.remoteAddrs(), remote.address()) > 0)
                .sorted(Comparator.comparingInt((ConnectionConfig c) -> -(AddressMatch.best(c.localAddrs(), local.address())
                        + AddressMatch.best(c.remoteAddrs(), remote.address())))).toList();
        byte[] ni = m.first(NoncePayload.class).orElseThrow().nonce();
        KeyExchangePayload ke = m.first(KeyExchangePayload.class).orElseThrow();
        if (!NonceUnit.acceptable(ni)) {
            answerPlain(s, in, h, List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
            return;
        }
        // RFC 7296 2.6: above the threshold of half-open SAs (all peers, or this address) demand a cookie before
        // keeping any state; strongSwan's cookie_threshold and cookie_threshold_ip
        int fromPeer = s.registry().halfOpenCount(remote.address());
        EngineSettings dos = s.settings();
        if (load >= dos.cookieThreshold() || (dos.cookieThresholdIp() > 0 && fromPeer >= dos.cookieThresholdIp())) {
            byte[] ip = remote.address().getAddress();
            Optional<byte[]> cookie = CookieUnit.cookieOf(m);
            if (cookie.isEmpty() || !s.registry().cookies().verify(cookie.get(), ni, ip, h.initiatorSpi(), s.now())) {
                answerPlain(s, in, h, List.of(CookieUnit.notify(s.registry().cookies().make(ni, ip, h.initiatorSpi(), s.now()))));
                return;
            }
        }
        // strongSwan's block_threshold: a peer address (cookie-verified when cookies are on) holding this many half-open
        // SAs is ignored until some complete or time out; a silent drop, no state, one log line (RFC 7296 2.6)
        if (dos.blockThreshold() > 0 && fromPeer >= dos.blockThreshold()) {
            s.log(EngineLog.Subsystem.IKE, null, "ignoring IKE_SA_INIT from " + remote + ": " + fromPeer
                    + " half-open IKE_SAs from this address (block threshold " + dos.blockThreshold() + ")");
            return;
        }
        // the hard cap (strongSwan's init_limit_half_open): the memory bound, even for peers that answer cookies
        if (dos.halfOpenLimit() > 0 && load >= dos.halfOpenLimit()) {
            s.log(EngineLog.Subsystem.IKE, null, "ignoring IKE_SA_INIT from " + remote + ": " + load
                    + " half-open IKE_SAs (half-open limit " + dos.halfOpenLimit() + ")");
            return;
        }
        Optional<Payload> redirect = RedirectExchange.initRedirect(s, m, remote, ni);
        if (redirect.isPresent()) { // RFC 5685 4.2: no state is kept for a redirected initiator
            answerPlain(s, in, h, List.of(redirect.get()));
            return;
        }
        ConnectionConfig chosenConn = null;
        ProposalSelection.Chosen chosen = null;
        Optional<KeyExchangeMethod> receivedKe = KeyExchangeMethod.of(ke.group());
        // RFC 7296 3.3.1: in the initial IKE_SA_INIT the SPI Size of every proposal MUST be zero; one with an SPI is
        // unacceptable (as libreswan), so only SPI-less proposals are considered (none left: NO_PROPOSAL_CHOSEN)
        List<io.ike4j.core.codec.payload.ProposalSubstructure> offered = m.first(SecurityAssociationPayload.class).orElseThrow()
                .proposals().stream().filter(p -> p.spi().length == 0).toList();
        for (ConnectionConfig c : candidates) {
            List<Proposal> ours = ProposalUnit.parse(ProtocolId.IKE, c.ikeProposals());
            if (ProposalSelector.select(ours, offered, ProposalSelector.Preference.CONFIGURED, receivedKe)
                    instanceof ProposalSelection.Chosen ch && ProposalUnit.usableIke(ch.proposal())) {
                chosenConn = c;
                chosen = ch;
                break;
            }
        }
        if (chosen == null) {
            s.log(EngineLog.Subsystem.CFG, null, (candidates.isEmpty() ? "no IKE config found for " : "no acceptable proposal from ")
                    + remote + ", sending NO_PROPOSAL_CHOSEN");
            answerPlain(s, in, h, List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0])));
            return;
        }
        Optional<KeyExchangeMethod> request = KeyExchangeNegotiation.groupToRequest(chosen.proposal(), ke.group());
        if (request.isPresent()) {
            answerPlain(s, in, h, List.of(KeyExchangeUnit.invalidKe(request.get())));
            return;
        }
        boolean intermediate = IkeIntermediateExchange.announced(m);
        List<KeyExchangeMethod> additional = IkeIntermediateExchange.additional(chosen.proposal());
        if (!additional.isEmpty() && !intermediate) { // RFC 9370 2.2.1: ADDKE requires IKE_INTERMEDIATE support
            answerPlain(s, in, h, List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
            return;
        }
        IkeTransforms t = ProposalUnit.ikeTransforms(chosen.proposal());
        KeyExchangeResponse ker;
        try {
            ker = KeyExchangeUnit.respond(t.keyExchange(), ke.data(), s);
        } catch (KeyExchangeException e) {
            answerPlain(s, in, h, List.of(NotifyPayload.of(e.reason().isSyntaxError() ? NotifyType.INVALID_SYNTAX
                    : NotifyType.NO_PROPOSAL_CHOSEN, new byte[0])));
            return;
        }
        IkeSa sa = new IkeSa(s.registry().nextId(), false, h.initiatorSpi(), chosenConn, s.now().toEpochMilli());
        sa.local = local;
        sa.remote = remote;
        sa.state = IkeSaState.CONNECTING;
        sa.responderSpi = s.registry().newSpi();
        sa.nonceI = ni;
        sa.nonceR = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        sa.transforms = t;
        sa.peerInitMessage = datagram.clone();
        sa.peerFragmentation = FragmentationSupportUnit.peerSupports(m);
        sa.intermediate.peerSupports = intermediate;
        sa.intermediate.negotiated(additional);
        sa.redirect.peerSupports = RedirectUnit.supports(m); // RFC 5685 4.1
        sa.auth.peerUsePpk = PpkUnit.answered(s.context().config().credentials(), chosenConn, PpkUnit.announced(m));
        sa.auth.ppkInt = PpkIntermediateUnit.answered(s.context().config().credentials(), chosenConn, m, intermediate);
        if (sa.auth.ppkInt) sa.auth.peerUsePpk = false; // RFC 9867 3: USE_PPK_INT instead of USE_PPK
        CertUnit.record(sa, m); // RFC 7427 hash algorithms
        byte[] shared = ker.sharedSecret();
        byte[] kePublic = ker.publicValue();
        ker.destroy();
        sa.lock().lock();
        try {
            if (!KeysUnit.derive(s, sa, shared)) {
                answerPlain(s, in, h, List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0])));
                sa.wipe();
                return;
            }
            Optional<IkeSa> existing = s.registry().addHalfOpen(remote, h.initiatorSpi(), sa);
            if (existing.isPresent()) { // a concurrent copy of the same request won the race
                sa.wipe();
                return;
            }
            s.registry().add(sa);
            applyNat(s, sa, NatDetectionUnit.evaluate(m, h.initiatorSpi(), 0, local, remote));
            List<Payload> ps = new ArrayList<>();
            ps.add(new SecurityAssociationPayload(List.of(chosen.wire())));
            ps.add(KeyExchangeUnit.payload(t.keyExchange(), kePublic));
            ps.add(NonceUnit.payload(sa.nonceR));
            ps.addAll(NatDetectionUnit.notifies(sa.initiatorSpi(), sa.responderSpi, local, remote, chosenConn.encap(),
                    s.context().random()));
            if (sa.peerFragmentation && chosenConn.fragmentation() != ConnectionConfig.Fragmentation.NO) {
                ps.add(FragmentationSupportUnit.announce());
            }
            ps.addAll(CertUnit.certReqs(s.context().config().credentials(), chosenConn));
            ps.add(SignatureHashUnit.announce());
            ps.add(AuthRounds.announce()); // RFC 4739 3, as strongSwan: always in our IKE_SA_INIT response
            if (chosenConn.childless() != ConnectionConfig.Childless.NEVER) ps.add(ChildlessUnit.announce()); // RFC 6023 3
            if (intermediate) ps.add(IkeIntermediateExchange.announce()); // RFC 9242 3.1
            if (sa.auth.ppkInt) ps.add(PpkIntermediateUnit.usePpkInt()); // RFC 9867 3
            else if (sa.auth.peerUsePpk) ps.add(PpkUnit.usePpk()); // RFC 8784 3
            sa.requestHashes.add(io.ike4j.core.sa.ResponseCache.hash(datagram));
            sa.ownInitMessage = Messenger.sendResponse(s, sa, ExchangeType.IKE_SA_INIT, 0, ps).getFirst();
            sa.expectedRequestId = 1;
            s.startTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0, s.settings().halfOpenTimeout());
            s.log(EngineLog.Subsystem.IKE, sa, "responding to IKE_SA_INIT from " + remote);
        } finally {
            Arrays.fill(shared, (byte) 0);
            sa.lock().unlock();
        }
    }

    /** An unprotected IKE_SA_INIT answer carrying only notifications; no state is kept (RFC 7296 2.6, 2.21.1). */
    public static void answerPlain(Session s, EngineInput.DatagramReceived in, IkeHeader request, List<Payload> notifies) {
        // one log line per refused IKE_SA_INIT, naming the error sent (a COOKIE demand is not an error)
        for (Payload p : notifies) {
            if (p instanceof NotifyPayload n && n.isError()) {
                s.log(EngineLog.Subsystem.IKE, null, "refusing IKE_SA_INIT from " + in.remote() + ": sending "
                        + n.notification().map(Enum::name).orElse("notify " + n.notifyType()));
            }
        }
        IkeHeader h = IkeHeader.of(request.initiatorSpi(), 0, ExchangeType.IKE_SA_INIT, false, true, request.messageId());
        byte[] d = Messenger.CODEC.encode(new IkeMessage(h, notifies));
        s.emit(new EngineOutput.SendDatagram(in.local(), in.remote(), d));
    }
}
