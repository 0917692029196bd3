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
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IntermediateState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IKE_INTERMEDIATE (RFC 9242) carrying the additional key exchanges of RFC 9370 2.2.1, both roles. After
 * IKE_SA_INIT the initiator runs one exchange per negotiated ADDKE transform, in ADDKE order:
 * {@code HDR, SK{KEi(n)} -->  <-- HDR, SK{KEr(n)}}, each protected with the current keys; afterwards both update
 * the keys (RFC 9370 2.2.2): SKEYSEED(n) = prf(SK_d(n-1), SK(n) | Ni | Nr) and
 * {SK_d(n) | SK_ai(n) | ... | SK_pr(n)} = prf+(SKEYSEED(n), Ni | Nr | SPIi | SPIr). Every exchange also extends
 * IntAuth (RFC 9242 3.3.2, {@link IntermediateAuthUnit}). IKE_AUTH follows when all are done.
 */
public final class IkeIntermediateExchange {
    private IkeIntermediateExchange() {}

    /** Initiator: the next IKE_INTERMEDIATE request, or IKE_AUTH once every additional key exchange is done. */
    public static void next(Session s, IkeSa sa) {
        IntermediateState st = sa.intermediate;
        KeyExchangeMethod method = st.next();
        if (method == null) {
            if (PpkIntermediateUnit.pending(sa)) PpkIntermediateUnit.initiate(s, sa); // RFC 9867 3.1: the last one
            else IkeAuthExchange.initiate(s, sa);
            return;
        }
        if (!st.peerSupports) { // RFC 9370 2.2.1: ADDKE needs INTERMEDIATE_EXCHANGE_SUPPORTED
            SaLifecycle.fail(s, sa, 0, "additional key exchange chosen without INTERMEDIATE_EXCHANGE_SUPPORTED");
            return;
        }
        KeyExchange ke;
        try {
            ke = KeyExchangeUnit.initiate(method, s);
        } catch (KeyExchangeException e) {
            SaLifecycle.fail(s, sa, 0, "key exchange " + method + " unavailable");
            return;
        }
        if (st.keyExchange != null) st.keyExchange.destroy();
        st.keyExchange = ke;
        List<Payload> ps = new ArrayList<>(List.of(KeyExchangeUnit.payload(method, ke.publicValue())));
        if (st.done() + 1 == st.methods().size() && PpkIntermediateUnit.pending(sa)) { // RFC 9867 3.1: in the last one
            switch (PpkIntermediateUnit.offer(s, sa)) {
                case PpkIntermediateUnit.Offer.Fail f -> {
                    SaLifecycle.fail(s, sa, NotifyType.AUTHENTICATION_FAILED.value(), f.reason());
                    return;
                }
                case PpkIntermediateUnit.Offer.None n -> { }
                case PpkIntermediateUnit.Offer.Notify n -> ps.add(n.payload());
            }
        }
        long mid = sa.nextRequestId;
        byte[] data = IntermediateAuthUnit.authenticatedData(Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, false, mid), ps);
        Arrays.fill(st.pendingIntAuthI, (byte) 0);
        st.pendingIntAuthI = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPi(), st.intAuthI(), data);
        s.log(EngineLog.Subsystem.IKE, sa, "additional key exchange " + (st.done() + 1) + " of "
                + st.methods().size() + ": " + SaInfos.name(method));
        Messenger.sendRequest(s, sa, ExchangeType.IKE_INTERMEDIATE, ps);
    }

    /** Initiator: the IKE_INTERMEDIATE response (the caller opened it and checked its message ID). */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m, byte[] datagram) {
        if (sa.auth.ppkIntInFlight && sa.intermediate.keyExchange == null) {
            PpkIntermediateUnit.processResponse(s, sa, m, datagram); // RFC 9867 3.1: the PPK exchange of its own
            return;
        }
        IntermediateState st = sa.intermediate;
        KeyExchangeMethod expected = st.next();
        KeyExchange ke = st.keyExchange;
        st.keyExchange = null;
        try {
            Optional<NotifyPayload> error = m.all(NotifyPayload.class).stream().filter(NotifyPayload::isError).findFirst();
            if (error.isPresent() || expected == null || ke == null) {
                int type = error.map(NotifyPayload::notifyType).orElse(NotifyType.INVALID_SYNTAX.value());
                SaLifecycle.fail(s, sa, type, "IKE_INTERMEDIATE failed");
                return;
            }
            Optional<KeyExchangePayload> ker = m.first(KeyExchangePayload.class);
            if (ker.isEmpty() || ker.get().group() != expected.value()
                    || ker.get().data().length != KeyExchangeLengths.responderLength(expected)) {
                SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "missing or invalid KEr in IKE_INTERMEDIATE");
                return;
            }
            byte[] shared;
            try {
                shared = ke.sharedSecret(ker.get().data());
            } catch (KeyExchangeException e) {
                SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "bad KEr in IKE_INTERMEDIATE: " + e.reason());
                return;
            }
            byte[] intAuthR = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPr(), st.intAuthR(),
                    IntermediateAuthUnit.receivedData(m, datagram, sa.keys.inbound()));
            st.intAuth(st.pendingIntAuthI, intAuthR);
            Arrays.fill(intAuthR, (byte) 0);
            if (!updateKeys(s, sa, shared)) {
                SaLifecycle.fail(s, sa, 0, "key derivation failed");
                return;
            }
            if (sa.auth.ppkIntInFlight && !PpkIntermediateUnit.settle(s, sa, m)) return; // RFC 9867 "Computing IKE SA Keys": PPK last
            next(s, sa);
        } finally {
            if (ke != null) ke.destroy();
        }
    }

    /** Responder: an IKE_INTERMEDIATE request while the IKE SA is being set up (opened, message ID checked). */
    public static void respond(Session s, IkeSa sa, IkeMessage m, byte[] datagram) {
        IntermediateState st = sa.intermediate;
        long mid = m.header().messageId();
        KeyExchangeMethod expected = st.next();
        Optional<KeyExchangePayload> kei = m.first(KeyExchangePayload.class);
        if (expected == null || kei.isEmpty()) {
            if (expected == null && kei.isEmpty() && st.peerSupports) { // RFC 9242 3: an IKE_INTERMEDIATE without KE
                PpkIntermediateUnit.Answer ppk = PpkIntermediateUnit.decide(s, sa, m, true); // RFC 9867 3.1
                if (ppk instanceof PpkIntermediateUnit.Answer.Refuse r) {
                    refuse(s, sa, mid, NotifyPayload.of(r.error(), new byte[0]), r.reason());
                    return;
                }
                List<Payload> ps = ppk instanceof PpkIntermediateUnit.Answer.Use u ? List.of(u.identity()) : List.of();
                commitIntAuth(sa, m, datagram, IntermediateAuthUnit.authenticatedData(
                        Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, true, mid), ps));
                Messenger.sendResponse(s, sa, ExchangeType.IKE_INTERMEDIATE, mid, ps); // still under the current keys
                applyPpk(s, sa, ppk);
                return;
            }
            refuse(s, sa, mid, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]),
                    expected == null ? "unexpected KE in IKE_INTERMEDIATE" : "no KEi in IKE_INTERMEDIATE");
            return;
        }
        if (kei.get().group() != expected.value()) { // RFC 9370 2.2.1: the negotiated ADDKE method only
            refuse(s, sa, mid, KeyExchangeUnit.invalidKe(expected), "IKE_INTERMEDIATE KE group " + kei.get().group()
                    + ", expected " + SaInfos.name(expected));
            return;
        }
        if (kei.get().data().length != KeyExchangeLengths.initiatorLength(expected)) {
            refuse(s, sa, mid, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]), "KEi of wrong length");
            return;
        }
        // RFC 9867 3.1: the PPK may come with the last additional key exchange
        PpkIntermediateUnit.Answer ppk = PpkIntermediateUnit.decide(s, sa, m, st.done() + 1 == st.methods().size());
        if (ppk instanceof PpkIntermediateUnit.Answer.Refuse r) {
            refuse(s, sa, mid, NotifyPayload.of(r.error(), new byte[0]), r.reason());
            return;
        }
        KeyExchangeResponse ker;
        try {
            ker = KeyExchangeUnit.respond(expected, kei.get().data(), s);
        } catch (KeyExchangeException e) {
            NotifyType t = e.reason().isSyntaxError() ? NotifyType.INVALID_SYNTAX : NotifyType.NO_PROPOSAL_CHOSEN;
            refuse(s, sa, mid, NotifyPayload.of(t, new byte[0]), "bad KEi in IKE_INTERMEDIATE: " + e.reason());
            return;
        }
        byte[] shared = ker.sharedSecret();
        List<Payload> ps = new ArrayList<>(List.of(KeyExchangeUnit.payload(expected, ker.publicValue())));
        if (ppk instanceof PpkIntermediateUnit.Answer.Use u) ps.add(u.identity());
        ker.destroy();
        s.log(EngineLog.Subsystem.IKE, sa, "additional key exchange " + (st.done() + 1) + " of "
                + st.methods().size() + ": " + SaInfos.name(expected));
        commitIntAuth(sa, m, datagram, IntermediateAuthUnit.authenticatedData(
                Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, true, mid), ps));
        Messenger.sendResponse(s, sa, ExchangeType.IKE_INTERMEDIATE, mid, ps); // still under the current keys
        if (!updateKeys(s, sa, shared)) {
            if (ppk instanceof PpkIntermediateUnit.Answer.Use u) Arrays.fill(u.ppk(), (byte) 0);
            SaLifecycle.fail(s, sa, 0, "key derivation failed");
            return;
        }
        applyPpk(s, sa, ppk); // RFC 9867 "Computing IKE SA Keys": after the additional key exchange's update
    }

    /** Responder: recalculates the keys with the agreed PPK, if any (RFC 9867 "Computing IKE SA Keys"). */
    private static void applyPpk(Session s, IkeSa sa, PpkIntermediateUnit.Answer ppk) {
        if (!(ppk instanceof PpkIntermediateUnit.Answer.Use u)) return;
        if (!PpkIntermediateUnit.mix(s, sa, u.ppk())) SaLifecycle.fail(s, sa, 0, "PPK key derivation failed");
        else s.log(EngineLog.Subsystem.IKE, sa, "using PPK for the peer's PPK_ID in IKE_INTERMEDIATE (RFC 9867)");
    }

    /** Responder: IntAuth over the request received and the response about to be sent, with the current keys. */
    private static void commitIntAuth(IkeSa sa, IkeMessage request, byte[] datagram, byte[] responseData) {
        IntermediateState st = sa.intermediate;
        byte[] i = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPi(), st.intAuthI(),
                IntermediateAuthUnit.receivedData(request, datagram, sa.keys.inbound()));
        byte[] r = IntermediateAuthUnit.chain(prf(sa), sa.keys.skPr(), st.intAuthR(), responseData);
        st.intAuth(i, r);
        Arrays.fill(i, (byte) 0);
        Arrays.fill(r, (byte) 0);
    }

    /** Responder: an error answer (protected with the current keys); the half-open SA is dropped. */
    private static void refuse(Session s, IkeSa sa, long mid, NotifyPayload error, String reason) {
        Messenger.sendResponse(s, sa, ExchangeType.IKE_INTERMEDIATE, mid, List.of(error));
        SaLifecycle.fail(s, sa, error.notifyType(), reason);
    }

    /** An IKE_INTERMEDIATE request where none may come (after IKE_AUTH, RFC 9242 3; or to the initiator). */
    public static void unexpected(Session s, IkeSa sa, IkeMessage m) {
        s.log(EngineLog.Subsystem.IKE, sa, "unexpected IKE_INTERMEDIATE request");
        Messenger.sendResponse(s, sa, ExchangeType.IKE_INTERMEDIATE, m.header().messageId(),
                List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
    }

    /** Responder: IKE_AUTH arrived before every negotiated additional key exchange was done. */
    public static void authTooEarly(Session s, IkeSa sa, IkeMessage m) {
        Messenger.sendResponse(s, sa, ExchangeType.IKE_AUTH, m.header().messageId(),
                List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0])));
        SaLifecycle.fail(s, sa, NotifyType.INVALID_SYNTAX.value(), "IKE_AUTH before the additional key exchanges");
    }

    /** RFC 9370 2.2.2: replaces the SA's keys by those after one more additional key exchange; wipes {@code shared}. */
    static boolean updateKeys(Session s, IkeSa sa, byte[] shared) {
        Optional<IkeSaKeys> keys = KeysUnit.rekeyed(s, sa, sa.transforms, sa.isInitiator(), shared, sa.nonceI, sa.nonceR,
                sa.initiatorSpi(), sa.responderSpi);
        if (keys.isEmpty()) return false;
        sa.keys.wipe();
        sa.keys = keys.get();
        sa.intermediate.completedOne();
        return true;
    }

    /** The chosen proposal's additional key exchanges in ADDKE1..7 order, NONE (declined) left out (RFC 9370 2.2). */
    public static List<KeyExchangeMethod> additional(Proposal chosen) {
        List<KeyExchangeMethod> out = new ArrayList<>();
        for (int n = 1; n <= Proposal.MAX_ADDITIONAL_KE; n++) {
            List<KeyExchangeMethod> m = chosen.additionalKeyExchange(n);
            if (!m.isEmpty() && m.getFirst() != KeyExchangeMethod.NONE) out.add(m.getFirst());
        }
        return out;
    }

    /** True if any of {@code offered} has an additional key exchange other than NONE: we announce RFC 9242 support. */
    public static boolean wanted(List<Proposal> offered) {
        return offered.stream().anyMatch(p -> !additionalOffered(p).isEmpty());
    }

    private static List<KeyExchangeMethod> additionalOffered(Proposal p) {
        List<KeyExchangeMethod> out = new ArrayList<>();
        for (int n = 1; n <= Proposal.MAX_ADDITIONAL_KE; n++) {
            p.additionalKeyExchange(n).stream().filter(k -> k != KeyExchangeMethod.NONE).forEach(out::add);
        }
        return out;
    }

    /** The INTERMEDIATE_EXCHANGE_SUPPORTED notify (RFC 9242 3.1). */
    public static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED, new byte[0]);
    }

    public static boolean announced(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED);
    }

    private static Prf prf(IkeSa sa) {
        return Prf.of(sa.transforms.prf());
    }
}
