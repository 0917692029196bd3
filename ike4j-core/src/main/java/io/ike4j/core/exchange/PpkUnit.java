package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.PrfPlus;
import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.sa.IkeSa;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Postquantum preshared keys (RFC 8784): USE_PPK in IKE_SA_INIT, PPK_IDENTITY and NO_PPK_AUTH in IKE_AUTH, and the
 * PPK mixed into SK_d, SK_pi and SK_pr (section 3) before the AUTH payloads are computed.
 */
public final class PpkUnit {
    /** RFC 8784 5.1: PPK_ID types. */
    static final int PPK_ID_OPAQUE = 1, PPK_ID_FIXED = 2;

    private PpkUnit() {}

    /** Initiator, IKE_SA_INIT: we offer a PPK when the connection names one (ppk_id). */
    static boolean offered(ConnectionConfig c) {
        return c.ppk().id().isPresent();
    }

    static NotifyPayload usePpk() {
        return NotifyPayload.of(NotifyType.USE_PPK, new byte[0]);
    }

    static boolean announced(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.USE_PPK);
    }

    /**
     * Responder, IKE_SA_INIT (RFC 8784 3): answer USE_PPK when the initiator sent it and we could use a PPK (any PPK
     * is configured, or the connection found so far asks for one).
     */
    static boolean answered(Credentials cred, ConnectionConfig c, boolean requested) {
        return requested && (!cred.ppks().secrets().isEmpty() || c.ppk().required() || c.ppk().id().isPresent());
    }

    /**
     * RFC 8784 3: SK_d = prf+(PPK, SK_d'), SK_pi = prf+(PPK, SK_pi'), SK_pr = prf+(PPK, SK_pr') where the primed keys
     * are those of RFC 7296 2.14; each new key is as long as the one it replaces (the PRF's preferred key length).
     */
    public static byte[] mix(Prf prf, byte[] ppk, byte[] key) throws PrfPlusLengthException {
        return PrfPlus.expand(prf, ppk, key, key.length);
    }

    /** The PPK_ID encoding of a configured ppk_id: its identity's data, as strongSwan encodes identities. */
    static byte[] ppkId(String id) {
        return Identity.of(id).data();
    }

    /** The PPK whose ids include {@code id} (the PPK_ID without its type octet). */
    static Optional<SharedSecret> lookup(Credentials cred, byte[] id) {
        return cred.ppks().secrets().stream()
                .filter(p -> p.ids().stream().anyMatch(i -> Arrays.equals(i.data(), id))).findFirst();
    }

    /** Replaces SK_d, SK_pi and SK_pr by their PPK-mixed versions, keeping the originals for a fallback. */
    static boolean apply(IkeSa sa, byte[] ppk) {
        Prf prf = Prf.of(sa.transforms.prf());
        byte[] d = sa.keys.skD(), pi = sa.keys.skPi(), pr = sa.keys.skPr();
        try {
            byte[] nd = mix(prf, ppk, d), npi = mix(prf, ppk, pi), npr = mix(prf, ppk, pr);
            sa.keys = sa.keys.withDerivationKeys(nd, npi, npr);
            for (byte[] k : new byte[][] {nd, npi, npr}) Arrays.fill(k, (byte) 0);
        } catch (PrfPlusLengthException e) {
            for (byte[] k : new byte[][] {d, pi, pr}) Arrays.fill(k, (byte) 0);
            return false;
        } finally {
            Arrays.fill(ppk, (byte) 0);
        }
        sa.auth.wipeNoPpkKeys();
        sa.auth.noPpkKeys = new byte[][] {d, pi, pr};
        sa.auth.ppkUsed = true;
        return true;
    }

    /** Back to the keys without PPK (RFC 8784 3: the responder fell back to NO_PPK_AUTH). */
    static void revert(IkeSa sa) {
        if (sa.auth.noPpkKeys == null) return;
        byte[][] k = sa.auth.noPpkKeys;
        sa.keys = sa.keys.withDerivationKeys(k[0], k[1], k[2]);
        sa.auth.wipeNoPpkKeys();
        sa.auth.ppkUsed = false;
    }

    /** What the initiator does in IKE_AUTH. */
    sealed interface Plan {
        record NoPpk() implements Plan {}

        /** Use {@code ppk} (wiped by {@link #apply}); {@code id} is the encoded PPK_ID. */
        record Use(byte[] ppk, byte[] id, boolean required) implements Plan {}

        record Fail(String reason) implements Plan {}
    }

    /** Initiator before IKE_AUTH (RFC 8784 3): PPK if both sides announced USE_PPK and we hold the named PPK. */
    static Plan plan(Session s, IkeSa sa, boolean eap) {
        ConnectionConfig.Ppk cfg = sa.connection.ppk();
        if (sa.auth.ppkInt) { // RFC 9867: settled in IKE_INTERMEDIATE already
            return cfg.required() && !sa.auth.ppkUsed ? new Plan.Fail("PPK required but not agreed in IKE_INTERMEDIATE")
                    : new Plan.NoPpk();
        }
        if (!sa.auth.peerUsePpk || cfg.id().isEmpty() || eap) {
            if (!cfg.required()) return new Plan.NoPpk();
            return new Plan.Fail(eap ? "PPK with EAP authentication is not supported"
                    : cfg.id().isEmpty() ? "ppk_required without ppk_id" : "peer does not support PPK (no USE_PPK)");
        }
        byte[] id = ppkId(cfg.id().get());
        Optional<SharedSecret> ppk = lookup(s.context().config().credentials(), id);
        if (ppk.isEmpty()) {
            return cfg.required() ? new Plan.Fail("no PPK for PPK_ID " + cfg.id().get()) : new Plan.NoPpk();
        }
        return new Plan.Use(ppk.get().secret(), id, cfg.required());
    }

    /** PPK_IDENTITY (PPK_ID_FIXED) and, unless the PPK is required, NO_PPK_AUTH with the AUTH data computed without it. */
    static List<Payload> notifies(byte[] id, Optional<AuthenticationPayload> noPpkAuth) {
        List<Payload> ps = new ArrayList<>();
        byte[] data = new byte[1 + id.length];
        data[0] = PPK_ID_FIXED;
        System.arraycopy(id, 0, data, 1, id.length);
        ps.add(NotifyPayload.of(NotifyType.PPK_IDENTITY, data));
        noPpkAuth.ifPresent(a -> ps.add(NotifyPayload.of(NotifyType.NO_PPK_AUTH, a.data())));
        return ps;
    }

    /**
     * Initiator, IKE_AUTH response (RFC 8784 3): PPK_IDENTITY means the responder used the PPK; without it the
     * responder used NO_PPK_AUTH and we revert to the keys without PPK, unless the PPK is required. Empty if fine.
     */
    static Optional<String> settleInitiator(IkeSa sa, IkeMessage response) {
        if (!sa.auth.ppkUsed || sa.auth.ppkInt) return Optional.empty(); // RFC 9867: nothing to settle in IKE_AUTH
        if (SupportNotifies.has(response, NotifyType.PPK_IDENTITY)) {
            sa.auth.wipeNoPpkKeys();
            return Optional.empty();
        }
        if (sa.connection.ppk().required()) return Optional.of("peer did not use the PPK (no PPK_IDENTITY) but it is required");
        revert(sa);
        return Optional.empty();
    }

    /** The responder's verdict on the initiator's PPK notifications. */
    sealed interface Decision {
        /** Verify {@code message} (its AUTH replaced by NO_PPK_AUTH's data on a fallback); {@code ppk}: answer PPK_IDENTITY. */
        record Proceed(IkeMessage message, boolean ppk) implements Decision {}

        record Reject(String reason) implements Decision {}
    }

    /**
     * Responder, IKE_AUTH request (RFC 8784 3): with a PPK_IDENTITY whose PPK we hold, mix it in; without the PPK,
     * fall back to NO_PPK_AUTH unless ppk_required; no PPK_IDENTITY at all is refused when ppk_required.
     */
    static Decision decide(Session s, IkeSa sa, ConnectionConfig c, IkeMessage m) {
        if (sa.auth.ppkInt) { // RFC 9867: the PPK was agreed (or not) in IKE_INTERMEDIATE; IKE_AUTH is plain RFC 7296
            return c.ppk().required() && !sa.auth.ppkUsed
                    ? new Decision.Reject("PPK required but none was agreed in IKE_INTERMEDIATE")
                    : new Decision.Proceed(m, false);
        }
        Optional<NotifyPayload> identity = notify(m, NotifyType.PPK_IDENTITY);
        if (!sa.auth.peerUsePpk || identity.isEmpty()) {
            return c.ppk().required() ? new Decision.Reject("PPK required but the peer did not use one")
                    : new Decision.Proceed(m, false);
        }
        byte[] data = identity.get().data();
        Optional<SharedSecret> ppk = data.length < 2 || (data[0] != PPK_ID_FIXED && data[0] != PPK_ID_OPAQUE) ? Optional.empty()
                : lookup(s.context().config().credentials(), Arrays.copyOfRange(data, 1, data.length));
        if (ppk.isPresent()) {
            return apply(sa, ppk.get().secret()) ? new Decision.Proceed(m, true) : new Decision.Reject("PPK key derivation failed");
        }
        Optional<NotifyPayload> noPpk = notify(m, NotifyType.NO_PPK_AUTH);
        if (c.ppk().required()) return new Decision.Reject("no PPK for the peer's PPK_ID and ppk_required");
        if (noPpk.isEmpty()) return new Decision.Reject("no PPK for the peer's PPK_ID and no NO_PPK_AUTH");
        Optional<AuthenticationPayload> auth = m.first(AuthenticationPayload.class);
        if (auth.isEmpty()) return new Decision.Reject("no AUTH payload");
        AuthenticationPayload fallback = new AuthenticationPayload(auth.get().method(), noPpk.get().data());
        List<Payload> ps = m.payloads().stream().map(p -> p == auth.get() ? (Payload) fallback : p).toList();
        return new Decision.Proceed(new IkeMessage(m.header(), ps), false);
    }

    private static Optional<NotifyPayload> notify(IkeMessage m, NotifyType type) {
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == type.value()).findFirst();
    }
}
