package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.PpkKeyDerivation;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IntermediateState;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Postquantum preshared keys in IKE_INTERMEDIATE (RFC 9867), so that the PPK protects the IKE SA too: USE_PPK_INT in
 * IKE_SA_INIT (both sides, with INTERMEDIATE_EXCHANGE_SUPPORTED); after every additional key exchange the initiator
 * sends N(PPK_IDENTITY_KEY) (PPK_ID and PPK Confirmation) in the last IKE_INTERMEDIATE request (with the last
 * additional KE, or alone: {@code HDR, SK{N(PPK_IDENTITY_KEY)}}), the responder answers
 * {@code HDR, SK{N(PPK_IDENTITY)}} for the PPK it holds and whose confirmation matches, nothing if none (or
 * AUTHENTICATION_FAILED if it requires a PPK), and both recalculate every IKE SA key with the PPK
 * ({@link KeysUnit#ppkMixed}). IKE_AUTH then runs as in RFC 7296 (no PPK_IDENTITY, no NO_PPK_AUTH). A peer that
 * answers USE_PPK instead gets RFC 8784 ({@link PpkUnit}).
 */
final class PpkIntermediateUnit {
    private PpkIntermediateUnit() {}

    /** Initiator, IKE_SA_INIT: we offer RFC 9867 when we offer a PPK and the connection allows it. */
    static boolean offered(ConnectionConfig c) {
        return PpkUnit.offered(c) && c.ppk().intermediate();
    }

    static NotifyPayload usePpkInt() {
        return NotifyPayload.of(NotifyType.USE_PPK_INT, new byte[0]);
    }

    static boolean announced(IkeMessage m) {
        return MessageRules.carries(m, NotifyType.USE_PPK_INT); // RFC 9867 3: IKE_SA_INIT only
    }

    /**
     * Responder, IKE_SA_INIT (RFC 9867 3): answer USE_PPK_INT (and not USE_PPK) when the initiator sent it together
     * with INTERMEDIATE_EXCHANGE_SUPPORTED and we could use a PPK.
     */
    static boolean answered(Credentials cred, ConnectionConfig c, IkeMessage request, boolean intermediate) {
        return c.ppk().intermediate() && intermediate && PpkUnit.answered(cred, c, announced(request));
    }

    /** Initiator: the PPK IKE_INTERMEDIATE exchange is still to come. */
    static boolean pending(IkeSa sa) {
        return sa.auth.ppkInt && !sa.auth.ppkIntDone;
    }

    /** What the initiator puts into its last IKE_INTERMEDIATE request. */
    sealed interface Offer {
        /** No PPK to offer and none required: go on without one. */
        record None() implements Offer {}

        record Fail(String reason) implements Offer {}

        /** PPK_IDENTITY_KEY (the request is then in flight). */
        record Notify(NotifyPayload payload) implements Offer {}
    }

    /**
     * Initiator (RFC 9867 3.1): PPK_IDENTITY_KEY for the connection's ppk_id, to go into the last IKE_INTERMEDIATE
     * request (the one with the last additional key exchange, or one of its own).
     */
    static Offer offer(Session s, IkeSa sa) {
        ConnectionConfig.Ppk cfg = sa.connection.ppk();
        byte[] id = PpkUnit.ppkId(cfg.id().orElseThrow());
        Optional<SharedSecret> ppk = PpkUnit.lookup(s.context().config().credentials(), id);
        if (ppk.isEmpty()) {
            if (cfg.required()) return new Offer.Fail("no PPK for PPK_ID " + cfg.id().get());
            sa.auth.ppkIntDone = true;
            s.log(EngineLog.Subsystem.IKE, sa, "no PPK for PPK_ID " + cfg.id().get() + ", continuing without PPK");
            return new Offer.None();
        }
        byte[] secret = ppk.get().secret();
        byte[] confirmation = confirmation(sa, secret);
        Arrays.fill(secret, (byte) 0);
        sa.auth.ppkIntInFlight = true;
        s.log(EngineLog.Subsystem.IKE, sa, "offering PPK " + cfg.id().get() + " in IKE_INTERMEDIATE (RFC 9867)");
        return new Offer.Notify(NotifyPayload.of(NotifyType.PPK_IDENTITY_KEY,
                new PpkIdentityKey(PpkUnit.PPK_ID_FIXED, id, confirmation).encode()));
    }

    /** Initiator without additional key exchanges: an IKE_INTERMEDIATE request of its own for the PPK, or IKE_AUTH. */
    static void initiate(Session s, IkeSa sa) {
        switch (offer(s, sa)) {
            case Offer.Fail f -> SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), f.reason());
            case Offer.None n -> IkeAuthExchange.initiate(s, sa);
            case Offer.Notify n -> {
                List<Payload> ps = List.of(n.payload());
                IntermediateState st = sa.intermediate;
                byte[] data = IntermediateAuthUnit.authenticatedData(
                        Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, false, sa.nextRequestId), ps);
                Arrays.fill(st.pendingIntAuthI, (byte) 0);
                st.pendingIntAuthI = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPi(), st.intAuthI(), data);
                Messenger.sendRequest(s, sa, ExchangeType.IKE_INTERMEDIATE, ps);
            }
        }
    }

    /** Initiator: the answer to a PPK_IDENTITY_KEY request of its own; then IKE_AUTH. */
    static void processResponse(Session s, IkeSa sa, IkeMessage m, byte[] datagram) {
        Optional<NotifyPayload> error = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).findFirst();
        if (error.isPresent()) {
            sa.auth.ppkIntInFlight = false;
            SaLifecycle.fail(s, sa, error.get().notifyType(), "PPK refused in IKE_INTERMEDIATE");
            return;
        }
        IntermediateState st = sa.intermediate;
        byte[] intAuthR = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPr(), st.intAuthR(),
                IntermediateAuthUnit.receivedData(m, datagram, sa.keys.inbound()));
        st.intAuth(st.pendingIntAuthI, intAuthR);
        Arrays.fill(intAuthR, (byte) 0);
        if (settle(s, sa, m)) IkeAuthExchange.initiate(s, sa);
    }

    /**
     * Initiator, after the response to the request that carried PPK_IDENTITY_KEY was processed otherwise (IntAuth, any
     * additional key exchange): PPK_IDENTITY means the responder took our PPK and the keys are recalculated with it
     * (RFC 9867 "Computing IKE SA Keys": last); without it we go on without PPK unless it is required. False if the SA failed.
     */
    static boolean settle(Session s, IkeSa sa, IkeMessage m) {
        sa.auth.ppkIntInFlight = false;
        sa.auth.ppkIntDone = true;
        ConnectionConfig.Ppk cfg = sa.connection.ppk();
        Optional<NotifyPayload> identity = MessageRules.carries(m, NotifyType.PPK_IDENTITY)
                ? notify(m, NotifyType.PPK_IDENTITY) : Optional.empty();
        if (identity.isEmpty()) {
            if (cfg.required()) {
                SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(),
                        "peer did not accept the PPK (no PPK_IDENTITY) but it is required");
                return false;
            }
            s.log(EngineLog.Subsystem.IKE, sa, "peer has no matching PPK, continuing without PPK");
            return true;
        }
        byte[] id = PpkUnit.ppkId(cfg.id().orElseThrow());
        if (!(PpkIdentityKey.parseIdentity(identity.get().data()) instanceof PpkIdentityKey.Parsed.Ok ok)
                || !Arrays.equals(ok.value().id(), id)) {
            SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "PPK_IDENTITY does not name the PPK we offered");
            return false;
        }
        Optional<SharedSecret> ppk = PpkUnit.lookup(s.context().config().credentials(), id);
        if (ppk.isEmpty() || !mix(s, sa, ppk.get().secret())) {
            SaLifecycle.fail(s, sa, 0, "PPK key derivation failed");
            return false;
        }
        s.log(EngineLog.Subsystem.IKE, sa, "using PPK " + cfg.id().get() + " in IKE_INTERMEDIATE (RFC 9867)");
        return true;
    }

    /** The responder's answer to the PPK part of an IKE_INTERMEDIATE request. */
    sealed interface Answer {
        /** No PPK_IDENTITY_KEY: an ordinary empty IKE_INTERMEDIATE. */
        record NotPpk() implements Answer {}

        /** PPK_IDENTITY_KEY but no usable PPK, and none required: answer without PPK_IDENTITY. */
        record WithoutPpk() implements Answer {}

        /** Answer {@code identity} (PPK_IDENTITY) and then mix {@code ppk} (wiped by {@link #mix}). */
        record Use(byte[] ppk, NotifyPayload identity) implements Answer {}

        record Refuse(NotifyType error, String reason) implements Answer {}
    }

    /**
     * Responder (RFC 9867 3.1): the first offered PPK that we hold and whose confirmation matches. {@code last}: no
     * additional key exchange follows this request (the PPK may only come in the last IKE_INTERMEDIATE exchange).
     */
    static Answer decide(Session s, IkeSa sa, IkeMessage m, boolean last) {
        List<NotifyPayload> offers = m.all(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.PPK_IDENTITY_KEY.value()).toList();
        if (offers.isEmpty() || !MessageRules.carries(m, NotifyType.PPK_IDENTITY_KEY)) return new Answer.NotPpk();
        if (!sa.auth.ppkInt || sa.auth.ppkIntDone || !last) {
            return new Answer.Refuse(NotifyType.INVALID_SYNTAX, "PPK_IDENTITY_KEY without USE_PPK_INT, repeated or early");
        }
        sa.auth.ppkIntDone = true;
        for (NotifyPayload offer : offers) {
            PpkIdentityKey k;
            switch (PpkIdentityKey.parse(offer.data())) {
                case PpkIdentityKey.Parsed.Malformed bad -> {
                    return new Answer.Refuse(NotifyType.INVALID_SYNTAX, bad.reason());
                }
                case PpkIdentityKey.Parsed.Ok ok -> k = ok.value();
            }
            Optional<SharedSecret> ppk = PpkUnit.lookup(s.context().config().credentials(), k.id());
            if (ppk.isEmpty()) continue;
            byte[] secret = ppk.get().secret();
            byte[] expected = confirmation(sa, secret);
            boolean match = MessageDigest.isEqual(expected, k.confirmation());
            Arrays.fill(expected, (byte) 0);
            if (match) {
                return new Answer.Use(secret, NotifyPayload.of(NotifyType.PPK_IDENTITY,
                        PpkIdentityKey.encodeId(k.idType(), k.id())));
            }
            Arrays.fill(secret, (byte) 0);
            s.log(EngineLog.Subsystem.IKE, sa, "PPK confirmation mismatch for the peer's PPK_ID");
        }
        if (sa.connection.ppk().required()) {
            return new Answer.Refuse(NotifyType.AUTHENTICATION_FAILED, "no PPK matches the peer's PPK_IDENTITY_KEY and ppk_required");
        }
        s.log(EngineLog.Subsystem.IKE, sa, "no PPK matches the peer's PPK_IDENTITY_KEY, continuing without PPK");
        return new Answer.WithoutPpk();
    }

    /** Both roles: recalculates the IKE SA keys with {@code ppk} (wiped) and marks the PPK as used. */
    static boolean mix(Session s, IkeSa sa, byte[] ppk) {
        try {
            if (!KeysUnit.ppkMixed(s, sa, ppk)) return false;
        } finally {
            Arrays.fill(ppk, (byte) 0);
        }
        sa.auth.ppkUsed = true;
        return true;
    }

    private static byte[] confirmation(IkeSa sa, byte[] ppk) {
        return PpkKeyDerivation.confirmation(prf(sa), ppk, sa.nonceI, sa.nonceR, KeysUnit.spiBytes(sa.initiatorSpi()),
                KeysUnit.spiBytes(sa.responderSpi));
    }

    private static Optional<NotifyPayload> notify(IkeMessage m, NotifyType type) {
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == type.value()).findFirst();
    }

    private static Prf prf(IkeSa sa) {
        return Prf.of(sa.transforms.prf());
    }
}
