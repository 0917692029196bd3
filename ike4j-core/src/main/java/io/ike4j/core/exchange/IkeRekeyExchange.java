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
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.KeyExchangeNegotiation;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalSelection;
import io.ike4j.core.proposal.ProposalSelector;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.proposal.ResponseCheck;
import io.ike4j.core.sa.FollowupKe;
import io.ike4j.core.sa.IkeRekeyOffer;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeTransforms;
import io.ike4j.core.sa.PeerIkeRekey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rekeying the IKE SA with CREATE_CHILD_SA (RFC 7296 1.3.2, 2.18), both roles. The SA object (and its unique id and
 * CHILD_SAs) continues as the new IKE SA; a retired copy keeps the old SPIs and keys until the old SA's Delete.
 */
public final class IkeRekeyExchange {
    private static final Duration RETIRED_LIFETIME = Duration.ofSeconds(60);

    private IkeRekeyExchange() {}

    /**
     * swanctl.conf timing: IKE_REKEY at rekey_time and IKE_REAUTH at reauth_time, each minus a random part of
     * rand_time; IKE_EXPIRE (hard) over_time after the earlier of the two, in case neither succeeds.
     */
    public static void armTimer(Session s, IkeSa sa) {
        ConnectionConfig c = sa.connection;
        Duration first = Duration.ZERO;
        for (TimerId.TimerKind k : List.of(TimerId.TimerKind.IKE_REKEY, TimerId.TimerKind.IKE_REAUTH)) {
            Duration at = k == TimerId.TimerKind.IKE_REKEY ? c.rekeyTime() : c.reauthTime();
            if (at.isZero()) continue;
            if (first.isZero() || at.compareTo(first) < 0) first = at;
            long rand = Math.min(c.randTime().toMillis(), at.toMillis() - 1);
            long jitter = rand <= 0 ? 0 : Math.floorMod(ByteBuffer.wrap(s.context().random().bytes(8)).getLong(), rand);
            s.startTimer(sa, k, 0, at.minus(Duration.ofMillis(jitter)));
        }
        if (!first.isZero() && !c.overTime().isZero()) s.startTimer(sa, TimerId.TimerKind.IKE_EXPIRE, 0, first.plus(c.overTime()));
    }

    /** Cancels what {@link #armTimer} armed. */
    public static void cancelTimers(Session s, IkeSa sa) {
        s.cancelTimer(sa, TimerId.TimerKind.IKE_REKEY, 0);
        s.cancelTimer(sa, TimerId.TimerKind.IKE_REAUTH, 0);
        s.cancelTimer(sa, TimerId.TimerKind.IKE_EXPIRE, 0);
    }

    private static byte[] spi8(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /** Initiator: sends SA (new SPIi), Ni, KEi. False if nothing could be sent. */
    static boolean initiate(Session s, IkeSa sa) {
        if (sa.followup != null) return false; // RFC 9370 2.2.4: a CREATE_CHILD_SA is still completing
        List<Proposal> props = ProposalUnit.parse(ProtocolId.IKE, sa.connection.ikeProposals());
        KeyExchangeMethod method = sa.transforms.keyExchange();
        if (KeyExchangeNegotiation.acceptRequested(props, method.value()).isEmpty()) {
            Optional<KeyExchangeMethod> guess = KeyExchangeNegotiation.initialGuess(props);
            if (guess.isEmpty()) return false;
            method = guess.get();
        }
        KeyExchange ke;
        try {
            ke = KeyExchangeUnit.initiate(method, s);
        } catch (KeyExchangeException e) {
            return false;
        }
        long newSpi = s.registry().newSpi();
        List<ProposalSubstructure> offered = ProposalUnit.offer(props, spi8(newSpi));
        byte[] ni = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        sa.ikeRekey = new IkeRekeyOffer(newSpi, offered, ni, ke);
        s.log(EngineLog.Subsystem.IKE, sa, "rekeying IKE_SA " + sa.connectionName() + "[" + sa.id() + "]");
        Messenger.sendRequest(s, sa, ExchangeType.CREATE_CHILD_SA, List.of(new SecurityAssociationPayload(offered),
                NonceUnit.payload(ni), KeyExchangeUnit.payload(method, ke.publicValue())));
        return true;
    }

    /** Initiator: the rekey response; on success the old IKE SA is deleted next. */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        IkeRekeyOffer o = sa.ikeRekey;
        sa.ikeRekey = null;
        sa.currentTask = null;
        if (o == null) return;
        try {
            Optional<SecurityAssociationPayload> saP = m.first(SecurityAssociationPayload.class);
            Optional<NoncePayload> nr = m.first(NoncePayload.class);
            Optional<KeyExchangePayload> ke = m.first(KeyExchangePayload.class);
            if (saP.isEmpty() || nr.isEmpty() || ke.isEmpty() || !NonceUnit.acceptable(nr.get().nonce())
                    || !(ProposalSelector.checkResponse(o.proposals(), saP.get().proposals()) instanceof ResponseCheck.Accepted a)
                    || a.wire().spi().length != 8 || !ProposalUnit.usableIke(a.proposal())
                    || ke.get().group() != o.keyExchange().method().value()) {
                rekeyFailed(s, sa, m);
                return;
            }
            IkeTransforms t = ProposalUnit.ikeTransforms(a.proposal());
            long spiR = ByteBuffer.wrap(a.wire().spi()).getLong();
            byte[] shared;
            try {
                shared = o.keyExchange().sharedSecret(ke.get().data());
            } catch (KeyExchangeException e) {
                rekeyFailed(s, sa, m);
                return;
            }
            List<KeyExchangeMethod> additional = IkeIntermediateExchange.additional(a.proposal());
            if (!additional.isEmpty()) { // RFC 9370 2.2.4: IKE_FOLLOWUP_KE exchanges complete the rekey
                Optional<NotifyPayload> link = FollowupKeExchange.link(m);
                if (link.isEmpty() || link.get().data().length == 0) {
                    java.util.Arrays.fill(shared, (byte) 0);
                    s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey failed: no ADDITIONAL_KEY_EXCHANGE notify, retrying later");
                    retryLater(s, sa);
                    return;
                }
                FollowupKe f = new FollowupKe(true, additional, shared,
                        new FollowupKe.Target.IkeRekey(o.newSpi(), spiR, t, o.nonce(), nr.get().nonce()));
                java.util.Arrays.fill(shared, (byte) 0);
                f.link(link.get().data());
                sa.followup = f;
                FollowupKeExchange.next(s, sa);
                return;
            }
            Optional<IkeSaKeys> keys = KeysUnit.rekeyed(s, sa, t, true, shared, o.nonce(), nr.get().nonce(), o.newSpi(), spiR);
            if (keys.isEmpty()) {
                rekeyFailed(s, sa, m);
                return;
            }
            PeerIkeRekey peer = sa.peerIkeRekey;
            sa.peerIkeRekey = null;
            if (peer != null && RekeyCollisions.oursLoses(o.nonce(), nr.get().nonce(), peer.nonceI(), peer.nonceR())) {
                // RFC 7296 2.8.2: our new IKE SA had the lowest nonce: we delete it; the peer deletes the old one
                s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey collision lost");
                IkeSa retired = switchOver(s, sa, false, peer.spiI(), peer.spiR(), peer.transforms(), peer.keys(), peer.nonceI(), peer.nonceR());
                s.startTimer(retired, TimerId.TimerKind.DELETE_OLD, 0, RETIRED_LIFETIME);
                IkeSa loser = redundant(s, sa, true, o.newSpi(), spiR, t, keys.get(), o.nonce(), nr.get().nonce());
                loser.queue.add(new IkeSa.PendingTask.DeleteIke());
                InformationalExchange.runQueue(s, loser);
                return;
            }
            IkeSa retired = switchOver(s, sa, true, o.newSpi(), spiR, t, keys.get(), o.nonce(), nr.get().nonce());
            if (peer != null) { // we won: the peer deletes its redundant SA, which must still answer that Delete
                s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey collision won");
                IkeSa loser = redundant(s, sa, false, peer.spiI(), peer.spiR(), peer.transforms(), peer.keys(), peer.nonceI(), peer.nonceR());
                s.startTimer(loser, TimerId.TimerKind.DELETE_OLD, 0, RETIRED_LIFETIME);
            }
            retired.queue.add(new IkeSa.PendingTask.DeleteIke());
            InformationalExchange.runQueue(s, retired);
        } finally {
            o.keyExchange().destroy();
        }
    }

    /** Our rekey failed: a crossing rekey of the peer's wins by default; TEMPORARY_FAILURE is retried soon, else later. */
    private static void rekeyFailed(Session s, IkeSa sa, IkeMessage m) {
        if (sa.peerIkeRekey != null) {
            IkeSa retired = adoptPeerRekey(s, sa);
            s.startTimer(retired, TimerId.TimerKind.DELETE_OLD, 0, RETIRED_LIFETIME);
            return;
        }
        boolean temporary = m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.TEMPORARY_FAILURE.value());
        Duration d = temporary ? RekeyCollisions.retryDelay(s) : Duration.ofSeconds(30); // RFC 7296 2.25
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey failed" + (temporary ? " (TEMPORARY_FAILURE)" : "") + ", retrying in "
                + d.toMillis() + " ms");
        s.startTimer(sa, TimerId.TimerKind.IKE_REKEY, 0, d);
    }

    /**
     * The peer's crossing rekey is the one (ours failed, or the peer already deletes the old SA, RFC 7296 2.25.2):
     * {@code sa} continues as the peer's new SA; returns the retired old SA.
     */
    public static IkeSa adoptPeerRekey(Session s, IkeSa sa) {
        PeerIkeRekey p = sa.peerIkeRekey;
        sa.peerIkeRekey = null;
        if (sa.outstanding != null) Messenger.answered(s, sa);
        if (sa.ikeRekey != null) sa.ikeRekey.keyExchange().destroy();
        sa.ikeRekey = null;
        return switchOver(s, sa, false, p.spiI(), p.spiR(), p.transforms(), p.keys(), p.nonceI(), p.nonceR());
    }

    /** The redundant new IKE SA of a collision: no CHILD_SAs, no events; it only lives to finish its Delete. */
    private static IkeSa redundant(Session s, IkeSa sa, boolean weInitiated, long spiI, long spiR, IkeTransforms t,
                                   IkeSaKeys keys, byte[] ni, byte[] nr) {
        IkeSa r = sa.retiredCopy(s.registry().nextId());
        r.rekeyed(weInitiated, spiI, spiR, t, keys, ni, nr);
        s.registry().add(r);
        return r;
    }

    /** Responder: the peer rekeys the IKE SA. */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        boolean collision = sa.ikeRekey != null && sa.peerIkeRekey == null && sa.followup == null; // RFC 7296 2.25.2
        if (!collision && (sa.outstanding != null || sa.ikeRekey != null || sa.childRequest != null || sa.followup != null)) { // RFC 7296 2.25
            answer(s, sa, mid, NotifyPayload.of(NotifyType.TEMPORARY_FAILURE, new byte[0]));
            return;
        }
        Optional<KeyExchangePayload> ke = m.first(KeyExchangePayload.class);
        byte[] ni = m.first(NoncePayload.class).orElseThrow().nonce();
        List<Proposal> ours = ProposalUnit.parse(ProtocolId.IKE, sa.connection.ikeProposals());
        ProposalSelection sel = ProposalSelector.select(ours, m.first(SecurityAssociationPayload.class).orElseThrow().proposals(),
                ProposalSelector.Preference.CONFIGURED, ke.flatMap(k -> KeyExchangeMethod.of(k.group())));
        if (!(sel instanceof ProposalSelection.Chosen chosen) || chosen.spi().length != 8 || !ProposalUnit.usableIke(chosen.proposal())
                || !NonceUnit.acceptable(ni)) {
            answer(s, sa, mid, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0]));
            return;
        }
        IkeTransforms t = ProposalUnit.ikeTransforms(chosen.proposal());
        if (ke.isEmpty() || ke.get().group() != t.keyExchange().value()) { // RFC 7296 2.18: a new KE is mandatory
            answer(s, sa, mid, KeyExchangeUnit.invalidKe(t.keyExchange()));
            return;
        }
        KeyExchangeResponse ker;
        try {
            ker = KeyExchangeUnit.respond(t.keyExchange(), ke.get().data(), s);
        } catch (KeyExchangeException e) {
            answer(s, sa, mid, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]));
            return;
        }
        long spiI = ByteBuffer.wrap(chosen.spi()).getLong();
        long spiR = s.registry().newSpi();
        byte[] nr = NonceUnit.create(s.context().random(), s.settings().nonceSize());
        byte[] pub = ker.publicValue();
        List<KeyExchangeMethod> additional = IkeIntermediateExchange.additional(chosen.proposal());
        if (!additional.isEmpty() && collision) { // crossing rekeys with additional key exchanges: one at a time
            ker.destroy();
            answer(s, sa, mid, NotifyPayload.of(NotifyType.TEMPORARY_FAILURE, new byte[0]));
            return;
        }
        if (!additional.isEmpty()) { // RFC 9370 2.2.4: the keys follow after the IKE_FOLLOWUP_KE exchanges
            byte[] shared = ker.sharedSecret();
            ker.destroy();
            FollowupKe f = new FollowupKe(false, additional, shared, new FollowupKe.Target.IkeRekey(spiI, spiR, t, ni, nr));
            java.util.Arrays.fill(shared, (byte) 0);
            sa.followup = f;
            Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, List.of(
                    new SecurityAssociationPayload(List.of(new ProposalSubstructure(chosen.wire().number(),
                            chosen.wire().protocolId(), spi8(spiR), chosen.wire().transforms()))),
                    NonceUnit.payload(nr), KeyExchangeUnit.payload(t.keyExchange(), pub), FollowupKeExchange.newLink(s, f)));
            return;
        }
        Optional<IkeSaKeys> keys = KeysUnit.rekeyed(s, sa, t, false, ker.sharedSecret(), ni, nr, spiI, spiR);
        ker.destroy();
        if (keys.isEmpty()) {
            answer(s, sa, mid, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0]));
            return;
        }
        ProposalSubstructure answer = new ProposalSubstructure(chosen.wire().number(), chosen.wire().protocolId(), spi8(spiR),
                chosen.wire().transforms());
        List<Payload> ps = new ArrayList<>();
        ps.add(new SecurityAssociationPayload(List.of(answer)));
        ps.add(NonceUnit.payload(nr));
        ps.add(KeyExchangeUnit.payload(t.keyExchange(), pub));
        Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, ps); // on the old SA
        if (collision) { // RFC 7296 2.8.2: decided when our own rekey completes
            sa.peerIkeRekey = new PeerIkeRekey(spiI, spiR, t, keys.get(), ni, nr);
            s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey collision detected");
            return;
        }
        IkeSa retired = switchOver(s, sa, false, spiI, spiR, t, keys.get(), ni, nr);
        s.startTimer(retired, TimerId.TimerKind.DELETE_OLD, 0, RETIRED_LIFETIME);
    }

    /** The rekey failed (or was refused): the initiator tries again in 30 s. */
    static void retryLater(Session s, IkeSa sa) {
        s.startTimer(sa, TimerId.TimerKind.IKE_REKEY, 0, Duration.ofSeconds(30));
    }

    /**
     * RFC 9370 2.2.4: every additional key exchange of a rekey is done (the responder sent its last IKE_FOLLOWUP_KE
     * response on the old SA already): SKEYSEED = prf(SK_d (old), SK(0) | Ni | Nr | SK(1) | ... | SK(n)), then the
     * switch as without them.
     */
    static void finish(Session s, IkeSa sa, FollowupKe f, FollowupKe.Target.IkeRekey r) {
        Optional<IkeSaKeys> keys = KeysUnit.rekeyed(s, sa, r.transforms(), f.initiator(), f.firstSecret(), r.ni(), r.nr(),
                r.spiI(), r.spiR(), f.additionalSecrets());
        if (keys.isEmpty()) {
            s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA rekey failed: key derivation");
            if (f.initiator()) retryLater(s, sa);
            return;
        }
        IkeSa retired = switchOver(s, sa, f.initiator(), r.spiI(), r.spiR(), r.transforms(), keys.get(), r.ni(), r.nr());
        if (f.initiator()) {
            retired.queue.add(new IkeSa.PendingTask.DeleteIke());
            InformationalExchange.runQueue(s, retired);
        } else {
            s.startTimer(retired, TimerId.TimerKind.DELETE_OLD, 0, RETIRED_LIFETIME);
        }
    }

    private static void answer(Session s, IkeSa sa, long mid, NotifyPayload n) {
        Messenger.sendResponse(s, sa, ExchangeType.CREATE_CHILD_SA, mid, List.of(n));
    }

    /** Moves the old SPIs/keys/message IDs to a retired copy and continues {@code sa} as the new IKE SA. */
    private static IkeSa switchOver(Session s, IkeSa sa, boolean weInitiated, long spiI, long spiR, IkeTransforms t,
                                    IkeSaKeys keys, byte[] ni, byte[] nr) {
        long oldLocalSpi = sa.localSpi();
        IkeSa retired = sa.retiredCopy(s.registry().nextId());
        if (sa.natLocal) s.cancelTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0); // keepalives continue on the live SA
        cancelTimers(s, sa);
        sa.queue.removeIf(q -> q instanceof IkeSa.PendingTask.RekeyIke); // done, by whichever side
        sa.rekeyed(weInitiated, spiI, spiR, t, keys, ni, nr);
        s.registry().rekeyed(sa, oldLocalSpi, retired);
        if (sa.natLocal) s.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, s.settings().natKeepalive());
        armTimer(s, sa);
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA " + sa.connectionName() + "[" + sa.id() + "] rekeyed, SPIs "
                + Long.toHexString(spiI) + "_i " + Long.toHexString(spiR) + "_r");
        s.event(new SaEvent.IkeSaRekeyed(sa.id(), sa.connectionName(), sa.id(), false, SaInfos.ike(sa)));
        return retired;
    }
}
