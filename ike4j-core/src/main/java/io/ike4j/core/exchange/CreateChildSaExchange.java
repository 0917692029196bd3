package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.policy.SelectorCheck;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.KeyExchangeNegotiation;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalSelector;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.proposal.ResponseCheck;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.ChildTransforms;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import io.ike4j.core.sa.CreateChildOffer;
import io.ike4j.core.sa.FollowupKe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CREATE_CHILD_SA for CHILD_SAs (RFC 7296 1.3.1 new, 1.3.3 rekey, optional PFS): both roles. Rekeying the IKE SA
 * itself (1.3.2) is {@link IkeRekeyExchange}.
 */
public final class CreateChildSaExchange {
    private CreateChildSaExchange() {}

    private static byte[] spi(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static final KeyExchange FAILED = new KeyExchange() {
        @Override
        public KeyExchangeMethod method() {
            return KeyExchangeMethod.NONE;
        }

        @Override
        public byte[] publicValue() {
            return new byte[0];
        }

        @Override
        public byte[] sharedSecret(byte[] peerValue) throws KeyExchangeException {
            throw new KeyExchangeException(KeyExchangeException.Reason.UNSUPPORTED_METHOD, "no key exchange");
        }

        @Override
        public void destroy() {}
    };

    /** The PFS key exchange for our request: the group the peer asked for, else our first; null without PFS. */
    private static KeyExchange pfs(Session s, List<Proposal> props, int requestedGroup) {
        Optional<KeyExchangeMethod> m = requestedGroup != 0 ? KeyExchangeNegotiation.acceptRequested(props, requestedGroup)
                : KeyExchangeNegotiation.initialGuess(props);
        m = m.filter(k -> k != KeyExchangeMethod.NONE);
        if (m.isEmpty()) return null;
        try {
            return KeyExchangeUnit.initiate(m.get(), s);
        } catch (KeyExchangeException e) {
            return FAILED;
        }
    }

    /** Initiator: rekeys the CHILD_SA (returns false if there is nothing to do, e.g. it is gone or already rekeyed). */
    static boolean initiateRekey(Session s, IkeSa sa, IkeSa.PendingTask.RekeyChild task) {
        Optional<ChildSa> found = sa.child(task.childId());
        if (found.isEmpty() || found.get().state() != ChildSaState.INSTALLED) return false;
        ChildSa old = found.get();
        ChildConfig c = old.config();
        List<Proposal> props = ProposalUnit.parse(ProtocolId.ESP, c.espProposals());
        KeyExchange ke = pfs(s, props, task.keGroup());
        if (ke == FAILED) return false;
        ChildSa fresh = new ChildSa(s.registry().nextId(), c, ChildCreateUnit.newSpi(s));
        List<ProposalSubstructure> offered = ProposalUnit.offer(props, spi(fresh.inboundSpi()));
        byte[] ni = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        boolean transport = old.mode() == ChildSaSpec.Mode.TRANSPORT;
        List<Payload> ps = new ArrayList<>();
        ps.add(new NotifyPayload(ProtocolId.ESP.value(), spi(old.inboundSpi()), NotifyType.REKEY_SA.value(), new byte[0]));
        if (transport) ps.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        ps.add(new SecurityAssociationPayload(offered));
        ps.add(NonceUnit.payload(ni));
        if (ke != null) ps.add(KeyExchangeUnit.payload(ke.method(), ke.publicValue()));
        ps.add(new TrafficSelectorPayload(true, old.localTs()));
        ps.add(new TrafficSelectorPayload(false, old.remoteTs()));
        old.state(ChildSaState.REKEYING);
        sa.childRequest = new CreateChildOffer(old, fresh, offered, ni, ke, transport, old.localTs(), old.remoteTs());
        sa.currentTask = task;
        s.log(EngineLog.Subsystem.CHILD, sa, "rekeying CHILD_SA " + c.name() + "{" + old.id() + "}");
        Messenger.sendRequest(s, sa, ExchangeType.CREATE_CHILD_SA, ps);
        return true;
    }

    /** Initiator: an additional CHILD_SA on an established IKE SA (RFC 7296 1.3.1); false if the config is unknown. */
    static boolean initiateNew(Session s, IkeSa sa, IkeSa.PendingTask.CreateChild task) {
        Optional<ChildConfig> cfg = sa.connection.child(task.childName());
        if (cfg.isEmpty()) return false;
        ChildConfig c = cfg.get();
        List<Proposal> props = ProposalUnit.parse(ProtocolId.ESP, c.espProposals());
        KeyExchange ke = pfs(s, props, task.keGroup());
        if (ke == FAILED) return false;
        ChildSa fresh = new ChildSa(s.registry().nextId(), c, ChildCreateUnit.newSpi(s));
        List<ProposalSubstructure> offered = ProposalUnit.offer(props, spi(fresh.inboundSpi()));
        byte[] ni = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        boolean transport = c.mode() == ChildConfig.Mode.TRANSPORT;
        List<TrafficSelectorSubstructure> tsi = SelectorUnit.offerLocal(c.localTs(), sa);
        List<TrafficSelectorSubstructure> tsr = SelectorUnit.offer(c.remoteTs(), sa.remote.address());
        List<Payload> ps = new ArrayList<>();
        if (transport) ps.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        ps.add(new SecurityAssociationPayload(offered));
        ps.add(NonceUnit.payload(ni));
        if (ke != null) ps.add(KeyExchangeUnit.payload(ke.method(), ke.publicValue()));
        ps.add(new TrafficSelectorPayload(true, tsi));
        ps.add(new TrafficSelectorPayload(false, tsr));
        sa.childRequest = new CreateChildOffer(null, fresh, offered, ni, ke, transport, tsi, tsr);
        sa.currentTask = task;
        s.log(EngineLog.Subsystem.CHILD, sa, "establishing CHILD_SA " + c.name() + "{" + fresh.id() + "}");
        Messenger.sendRequest(s, sa, ExchangeType.CREATE_CHILD_SA, ps);
        return true;
    }

    /** Initiator: the answer to our CREATE_CHILD_SA; after a successful rekey the replaced CHILD_SA is deleted next. */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        CreateChildOffer o = sa.childRequest;
        sa.childRequest = null;
        sa.currentTask = null;
        if (o == null) return;
        try {
            // RFC 7296 2.8.1: if our exchange loses a collision, our new CHILD_SA never carries outbound traffic
            boolean loses = o.old() != null && ChildRekeyUnit.losesCollision(o.old(), o.nonce(), m);
            String problem = complete(s, sa, o, m, loses);
            if (problem != null) {
                s.registry().releaseChildSpi(o.fresh().inboundSpi());
                failed(s, sa, o, m, problem);
                return;
            }
            if (sa.followup != null) { // RFC 9370 2.2.4: the CHILD_SA is installed after the IKE_FOLLOWUP_KE exchanges
                FollowupKeExchange.next(s, sa);
                return;
            }
            if (o.old() != null) {
                byte[] nr = m.first(NoncePayload.class).orElseThrow().nonce();
                ChildRekeyUnit.rekeyed(s, sa, o.old(), o.fresh(), o.nonce(), nr);
            }
        } finally {
            if (o.keyExchange() != null) o.keyExchange().destroy();
        }
    }

    private static void failed(Session s, IkeSa sa, CreateChildOffer o, IkeMessage m, String problem) {
        ChildSa old = o.old();
        if (old != null && ChildRekeyUnit.rekeyFailed(s, sa, old, m)) return;
        Optional<Integer> wanted = m.all(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.INVALID_KE_PAYLOAD.value()).findFirst()
                .flatMap(KeyExchangeUnit::requestedGroup);
        int offeredGroup = o.keyExchange() == null ? 0 : o.keyExchange().method().value();
        if (wanted.isPresent() && wanted.get() != offeredGroup) { // RFC 7296 1.3: retry with the requested group
            sa.queue.addFirst(old != null ? new IkeSa.PendingTask.RekeyChild(old.id(), wanted.get())
                    : new IkeSa.PendingTask.CreateChild(o.fresh().name(), wanted.get()));
            return;
        }
        int type = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).mapToInt(NotifyPayload::notifyType)
                .findFirst().orElse(0);
        s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), o.fresh().name(), type,
                (old != null ? "rekey failed: " : "CHILD_SA not created: ") + problem));
    }

    private static String complete(Session s, IkeSa sa, CreateChildOffer o, IkeMessage m, boolean deferOutbound) {
        Optional<SecurityAssociationPayload> saP = m.first(SecurityAssociationPayload.class);
        Optional<NoncePayload> nr = m.first(NoncePayload.class);
        if (saP.isEmpty() || nr.isEmpty() || !NonceUnit.acceptable(nr.get().nonce())) return "rejected by peer";
        if (!(ProposalSelector.checkResponse(o.proposals(), saP.get().proposals()) instanceof ResponseCheck.Accepted a)
                || a.wire().spi().length != 4) {
            return "invalid proposal in response";
        }
        ChildTransforms t = ProposalUnit.childTransforms(a.proposal());
        byte[] shared = new byte[0];
        if (t.keyExchange() != KeyExchangeMethod.NONE) {
            Optional<KeyExchangePayload> ke = m.first(KeyExchangePayload.class);
            if (o.keyExchange() == null || ke.isEmpty() || ke.get().group() != o.keyExchange().method().value()) return "KE mismatch";
            try {
                shared = o.keyExchange().sharedSecret(ke.get().data());
            } catch (KeyExchangeException e) {
                return "bad KE payload";
            }
        }
        List<TrafficSelectorSubstructure> tsi = selectors(m, true), tsr = selectors(m, false);
        if (SelectorUnit.check(o.tsi(), o.tsr(), tsi, tsr) instanceof SelectorCheck.Rejected) { // RFC 7296 2.9
            return "traffic selectors not within our offer";
        }
        boolean transport = o.transport() && SupportNotifies.has(m, NotifyType.USE_TRANSPORT_MODE);
        List<KeyExchangeMethod> additional = IkeIntermediateExchange.additional(a.proposal());
        if (!additional.isEmpty()) { // RFC 9370 2.2.4: more key exchanges follow in IKE_FOLLOWUP_KE
            Optional<NotifyPayload> link = FollowupKeExchange.link(m);
            if (link.isEmpty() || link.get().data().length == 0) {
                Arrays.fill(shared, (byte) 0);
                return "no ADDITIONAL_KEY_EXCHANGE notify";
            }
            FollowupKe f = new FollowupKe(true, additional, shared, new FollowupKe.Target.Child(o.fresh(), o.old(),
                    ByteBuffer.wrap(a.wire().spi()).getInt(), t, transport, tsi, tsr, o.nonce(), nr.get().nonce()));
            Arrays.fill(shared, (byte) 0);
            f.link(link.get().data());
            sa.followup = f;
            return null;
        }
        boolean ok = ChildCreateUnit.install(s, sa, o.fresh(), ByteBuffer.wrap(a.wire().spi()).getInt(), t, transport, tsi, tsr,
                o.nonce(), nr.get().nonce(), shared, new byte[0], true, deferOutbound);
        Arrays.fill(shared, (byte) 0);
        return ok ? null : "keys unavailable";
    }

    private static List<TrafficSelectorSubstructure> selectors(IkeMessage m, boolean initiator) {
        return m.all(TrafficSelectorPayload.class).stream().filter(t -> t.initiator() == initiator).findFirst()
                .map(TrafficSelectorPayload::selectors).orElse(List.of());
    }

    /** Responder: a new or rekeyed CHILD_SA. */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        if (sa.followup != null && !sa.followup.initiator()) {
            // RFC 9370 2.2.4: the peer starts something new instead of the IKE_FOLLOWUP_KE we wait for: it gave up
            FollowupKeExchange.abort(s, sa, "peer sent a new CREATE_CHILD_SA instead of IKE_FOLLOWUP_KE");
        }
        if (sa.retired) { // RFC 7296 2.25: replaced by a rekey, it only waits for its Delete; nothing more is made on it
            s.log(EngineLog.Subsystem.IKE, sa, "CREATE_CHILD_SA request " + mid + " on a rekeyed-away IKE SA: sending TEMPORARY_FAILURE");
            answer(s, sa, mid, NotifyType.TEMPORARY_FAILURE);
            return;
        }
        if (sa.state != IkeSaState.ESTABLISHED || sa.followup != null) { // our own exchange is still completing
            answer(s, sa, mid, NotifyType.TEMPORARY_FAILURE);
            return;
        }
        SecurityAssociationPayload saP = m.first(SecurityAssociationPayload.class).orElseThrow();
        if (saP.proposals().stream().anyMatch(p -> p.protocolId() == ProtocolId.IKE.value())
                && m.all(TrafficSelectorPayload.class).isEmpty()) {
            IkeRekeyExchange.respond(s, sa, m); // RFC 7296 1.3.2
            return;
        }
        if (m.all(TrafficSelectorPayload.class).isEmpty()) {
            answer(s, sa, mid, NotifyType.INVALID_SYNTAX);
            return;
        }
        byte[] ni = m.first(NoncePayload.class).orElseThrow().nonce();
        if (!NonceUnit.acceptable(ni)) {
            answer(s, sa, mid, NotifyType.INVALID_SYNTAX);
            return;
        }
        Optional<NotifyPayload> rekey = m.all(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.REKEY_SA.value() && n.protocolId() == ProtocolId.ESP.value()
                        && n.spi().length == 4).findFirst();
        ChildSa old = null;
        if (rekey.isPresent()) {
            old = sa.childByOutboundSpi(ByteBuffer.wrap(rekey.get().spi()).getInt()).orElse(null);
            if (old == null) {
                answer(s, sa, mid, NotifyType.CHILD_SA_NOT_FOUND);
                return;
            }
            if (old.state() == ChildSaState.DELETING || old.state() == ChildSaState.REKEYED) {
                answer(s, sa, mid, NotifyType.TEMPORARY_FAILURE); // RFC 7296 2.25.1: being closed (or already replaced)
                return;
            }
        }
        if (sa.ikeRekey != null || sa.peerIkeRekey != null) { // RFC 7296 2.25.2: we are rekeying the IKE SA
            answer(s, sa, mid, NotifyType.TEMPORARY_FAILURE);
            return;
        }
        boolean collision = old != null && old.state() == ChildSaState.REKEYING && sa.childRequest != null
                && sa.childRequest.old() == old;
        byte[] nr = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        ChildCreateUnit.Negotiated n = ChildCreateUnit.negotiate(s, sa, m, old == null ? null : old.config(),
                new ChildCreateUnit.ChildKeying(ni, nr, true, m.first(KeyExchangePayload.class), old != null), old);
        List<Payload> ps = new ArrayList<>();
        if (n.child().isPresent()) ps.add(NonceUnit.payload(nr));
        ps.addAll(n.payloads());
        Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, ps);
        if (n.child().isPresent() && old != null) ChildRekeyUnit.peerRekeyed(s, sa, old, n.child().get(), collision, ni, nr);
    }

    /** RFC 9370 2.2.4: every additional key exchange is done: installs the CHILD_SA (the initiator then deletes the old one). */
    static void finish(Session s, IkeSa sa, FollowupKe f, FollowupKe.Target.Child c) {
        boolean ok = ChildCreateUnit.install(s, sa, c.child(), c.outboundSpi(), c.transforms(), c.transport(), c.localTs(),
                c.remoteTs(), c.ni(), c.nr(), f.firstSecret(), f.additionalSecrets(), f.initiator(), !f.initiator() && c.old() != null);
        if (!ok) {
            abandon(s, sa, f, c, "keys unavailable");
            return;
        }
        if (f.initiator() && c.old() != null) sa.queue.add(new IkeSa.PendingTask.DeleteChild(c.old().id()));
    }

    /** The additional key exchanges of a CHILD_SA failed: the old CHILD_SA (if rekeyed) stays in use. */
    static void abandon(Session s, IkeSa sa, FollowupKe f, FollowupKe.Target.Child c, String reason) {
        if (c.old() != null && c.old().state() == ChildSaState.REKEYING) c.old().state(ChildSaState.INSTALLED);
        s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), c.child().name(), 0,
                (c.old() != null ? "rekey failed: " : "CHILD_SA not created: ") + reason));
    }

    private static void answer(Session s, IkeSa sa, long mid, NotifyType type) {
        // a refusal is explained in the log; TEMPORARY_FAILURE is the ordinary answer in a rekey collision, not a refusal
        if (type != NotifyType.TEMPORARY_FAILURE) s.log(EngineLog.Subsystem.IKE, sa, "refusing CREATE_CHILD_SA request " + mid + ": sending " + type);
        Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, List.of(NotifyPayload.of(type, new byte[0])));
    }
}
