package io.ike4j.core.codec;

import static io.ike4j.core.codec.ExchangeType.CREATE_CHILD_SA;
import static io.ike4j.core.codec.ExchangeType.IKE_AUTH;
import static io.ike4j.core.codec.ExchangeType.IKE_FOLLOWUP_KE;
import static io.ike4j.core.codec.ExchangeType.IKE_INTERMEDIATE;
import static io.ike4j.core.codec.ExchangeType.IKE_SA_INIT;
import static io.ike4j.core.codec.ExchangeType.IKE_SESSION_RESUME;
import static io.ike4j.core.codec.ExchangeType.INFORMATIONAL;
import static io.ike4j.core.codec.PayloadType.AUTH;
import static io.ike4j.core.codec.PayloadType.CERT;
import static io.ike4j.core.codec.PayloadType.CERTREQ;
import static io.ike4j.core.codec.PayloadType.CP;
import static io.ike4j.core.codec.PayloadType.DELETE;
import static io.ike4j.core.codec.PayloadType.EAP;
import static io.ike4j.core.codec.PayloadType.IDI;
import static io.ike4j.core.codec.PayloadType.IDR;
import static io.ike4j.core.codec.PayloadType.KE;
import static io.ike4j.core.codec.PayloadType.NONCE;
import static io.ike4j.core.codec.PayloadType.NOTIFY;
import static io.ike4j.core.codec.PayloadType.SA;
import static io.ike4j.core.codec.PayloadType.TSI;
import static io.ike4j.core.codec.PayloadType.TSR;
import static io.ike4j.core.codec.PayloadType.VENDOR_ID;

import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.UnknownPayload;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which payloads each message may carry (RFC 7296 1.2-1.5, 2.6, 2.21; RFC 5723 4; RFC 9242 3; RFC 9370 2.2).
 * One table: per (exchange, request/response) a list of alternative {@link Shape}s; a message is valid if it
 * matches one. A shape lists allowed payload types with min/max counts (anything not listed is forbidden,
 * except non-critical unknown payloads, which RFC 7296 3.2 says to skip) and groups that must appear together.
 * Notify, Vendor ID, CERT and CERTREQ are repeatable. Presence of SK is the other half of the table:
 * {@link #protectedExchange} exchanges carry only SK or SKF outside, everything else inside.
 */
public final class MessageRules {
    private static final int MANY = Integer.MAX_VALUE;

    /** Allowed counts per payload type plus all-or-none groups. */
    public record Shape(String name, Map<PayloadType, int[]> counts, List<Set<PayloadType>> together) {
        Optional<String> mismatch(Map<PayloadType, Integer> seen) {
            for (Map.Entry<PayloadType, Integer> e : seen.entrySet()) {
                int[] c = counts.get(e.getKey());
                if (c == null) return Optional.of(e.getKey() + " not allowed");
                if (e.getValue() > c[1]) return Optional.of("too many " + e.getKey());
            }
            for (Map.Entry<PayloadType, int[]> e : counts.entrySet()) {
                if (seen.getOrDefault(e.getKey(), 0) < e.getValue()[0]) return Optional.of("missing " + e.getKey());
            }
            for (Set<PayloadType> group : together) {
                long present = group.stream().filter(seen::containsKey).count();
                if (present != 0 && present != group.size()) return Optional.of(group + " must appear together");
            }
            return Optional.empty();
        }
    }

    private static final class B {
        private final String name;
        private final Map<PayloadType, int[]> counts = new EnumMap<>(PayloadType.class);
        private List<Set<PayloadType>> together = List.of();

        B(String name) {
            this.name = name;
            counts.put(NOTIFY, new int[] {0, MANY});
            counts.put(VENDOR_ID, new int[] {0, MANY});
        }

        B one(PayloadType... ts) {
            for (PayloadType t : ts) counts.put(t, new int[] {1, 1});
            return this;
        }

        B opt(PayloadType... ts) {
            for (PayloadType t : ts) counts.put(t, new int[] {0, 1});
            return this;
        }

        B many(PayloadType... ts) {
            for (PayloadType t : ts) counts.put(t, new int[] {0, MANY});
            return this;
        }

        B atLeastOneNotify() {
            counts.put(NOTIFY, new int[] {1, MANY});
            return this;
        }

        B together(Set<PayloadType> group) {
            together = List.of(group);
            return this;
        }

        Shape build() {
            return new Shape(name, Map.copyOf(counts), together);
        }
    }

    private static final Set<PayloadType> CHILD_SA = Set.of(SA, TSI, TSR);
    private static final Set<PayloadType> TS_PAIR = Set.of(TSI, TSR);
    private static final Shape NOTIFY_ONLY = new B("error or status notification only").atLeastOneNotify().build();

    private record Key(ExchangeType exchange, boolean request) {}

    /** THE TABLE. Each row cites the RFC exchange it encodes. */
    private static final Map<Key, List<Shape>> RULES = Map.ofEntries(
            // RFC 7296 1.2: HDR, SAi1, KEi, Ni [N(COOKIE), N(...)] (a COOKIE retry still carries all three, 2.6)
            Map.entry(new Key(IKE_SA_INIT, true), List.of(new B("IKE_SA_INIT request").one(SA, KE, NONCE).build())),
            // RFC 7296 1.2: HDR, SAr1, KEr, Nr, [CERTREQ]; or only N(COOKIE)/N(INVALID_KE_PAYLOAD)/error (1.2, 2.6, 1.3)
            Map.entry(new Key(IKE_SA_INIT, false), List.of(
                    new B("IKE_SA_INIT response").one(SA, KE, NONCE).many(CERTREQ).build(), NOTIFY_ONLY)),
            // RFC 7296 1.2, 2.16, RFC 4739: first request IDi [CERT+] [CERTREQ+] [IDr] [AUTH] [CP] [SAi2 TSi TSr]
            // (AUTH absent when EAP is used); later EAP rounds carry EAP; the final EAP round carries AUTH.
            Map.entry(new Key(IKE_AUTH, true), List.of(
                    new B("IKE_AUTH request").one(IDI).opt(IDR, AUTH, CP, SA, TSI, TSR).many(CERT, CERTREQ)
                            .together(CHILD_SA).build(),
                    new B("IKE_AUTH EAP request").one(EAP).build(),
                    new B("IKE_AUTH final EAP request").one(AUTH).build())),
            // RFC 7296 1.2, 2.16: IDr [CERT+] AUTH [CP] [SAr2 TSi TSr]; EAP first response IDr [CERT+] AUTH EAP;
            // later EAP rounds EAP; final AUTH [CP] [SAr2 TSi TSr]; or error notification only (1.2, 2.21.2).
            Map.entry(new Key(IKE_AUTH, false), List.of(
                    new B("IKE_AUTH response").one(IDR, AUTH).opt(CP, SA, TSI, TSR).many(CERT).together(CHILD_SA)
                            .build(),
                    new B("IKE_AUTH first EAP response").one(IDR, EAP).opt(AUTH).many(CERT).build(),
                    new B("IKE_AUTH EAP response").one(EAP).build(),
                    new B("IKE_AUTH final EAP response").one(AUTH).opt(CP, SA, TSI, TSR).together(CHILD_SA).build(),
                    // RFC 4739: the answer to a later round's AUTH: nothing, or the CHILD_SA after the last round
                    new B("IKE_AUTH later round response").opt(CP, SA, TSI, TSR).together(CHILD_SA).build(),
                    NOTIFY_ONLY)),
            // RFC 7296 1.3.1-1.3.3: SA, Ni, [KEi], [TSi, TSr] (TS absent when rekeying the IKE SA)
            Map.entry(new Key(CREATE_CHILD_SA, true), List.of(
                    new B("CREATE_CHILD_SA request").one(SA, NONCE).opt(KE, TSI, TSR, CP).together(TS_PAIR).build())),
            Map.entry(new Key(CREATE_CHILD_SA, false), List.of(
                    new B("CREATE_CHILD_SA response").one(SA, NONCE).opt(KE, TSI, TSR, CP).together(TS_PAIR).build(),
                    NOTIFY_ONLY)),
            // RFC 7296 1.4, 1.5: [N], [D], [CP]; an empty message is a liveness check
            Map.entry(new Key(INFORMATIONAL, true), List.of(new B("INFORMATIONAL").many(DELETE).opt(CP).build())),
            Map.entry(new Key(INFORMATIONAL, false), List.of(new B("INFORMATIONAL").many(DELETE).opt(CP).build())),
            // RFC 5723 4.1: Ni, N(TICKET_OPAQUE) [N+]; response Nr [N+] or an error notification
            Map.entry(new Key(IKE_SESSION_RESUME, true), List.of(
                    new B("IKE_SESSION_RESUME request").one(NONCE).atLeastOneNotify().build())),
            Map.entry(new Key(IKE_SESSION_RESUME, false), List.of(
                    new B("IKE_SESSION_RESUME response").one(NONCE).build(), NOTIFY_ONLY)),
            // RFC 9242 3, RFC 9370 2.2.1: IKE_INTERMEDIATE carries an additional KE or nothing but notifications;
            // RFC 9867 3.1: the last request may add N(PPK_IDENTITY_KEY)+, its response N(PPK_IDENTITY)
            Map.entry(new Key(IKE_INTERMEDIATE, true), List.of(new B("IKE_INTERMEDIATE").opt(KE).build())),
            Map.entry(new Key(IKE_INTERMEDIATE, false), List.of(new B("IKE_INTERMEDIATE").opt(KE).build())),
            // RFC 9370 2.2.2: KEi(n), N(ADDITIONAL_KEY_EXCHANGE); response KEr(n) [N] or an error notification
            Map.entry(new Key(IKE_FOLLOWUP_KE, true), List.of(
                    new B("IKE_FOLLOWUP_KE request").one(KE).atLeastOneNotify().build())),
            Map.entry(new Key(IKE_FOLLOWUP_KE, false), List.of(
                    new B("IKE_FOLLOWUP_KE response").one(KE).build(), NOTIFY_ONLY)));

    private MessageRules() {}

    private static final Set<Key> AUTH_BOTH = Set.of(new Key(IKE_AUTH, true), new Key(IKE_AUTH, false));
    private static final Set<Key> INFO_BOTH = Set.of(new Key(INFORMATIONAL, true), new Key(INFORMATIONAL, false));

    /**
     * Where the MOBIKE, redirect and PPK status notifications belong (RFC 4555 4, RFC 5685 4-6, 9, RFC 8784 3,
     * RFC 9867 3). A status notification
     * elsewhere is ignored (RFC 7296 3.10.1), so the units ask {@link #notifyBelongs} before acting on one.
     */
    private static final Map<NotifyType, Set<Key>> NOTIFY_PLACES = Map.ofEntries(
            Map.entry(NotifyType.USE_PPK_INT, Set.of(new Key(IKE_SA_INIT, true), new Key(IKE_SA_INIT, false))), // RFC 9867 3
            Map.entry(NotifyType.PPK_IDENTITY_KEY, Set.of(new Key(IKE_INTERMEDIATE, true))), // RFC 9867 3.1
            // RFC 8784 3 (IKE_AUTH both ways), RFC 9867 3.1 (IKE_INTERMEDIATE response)
            Map.entry(NotifyType.PPK_IDENTITY, union(AUTH_BOTH, Set.of(new Key(IKE_INTERMEDIATE, false)))),
            Map.entry(NotifyType.MOBIKE_SUPPORTED, AUTH_BOTH), // RFC 4555 3.1
            Map.entry(NotifyType.UPDATE_SA_ADDRESSES, Set.of(new Key(INFORMATIONAL, true))), // RFC 4555 3.5
            Map.entry(NotifyType.COOKIE2, INFO_BOTH), // RFC 4555 3.5 return routability
            Map.entry(NotifyType.ADDITIONAL_IP4_ADDRESS, union(AUTH_BOTH, INFO_BOTH)), // RFC 4555 3.4, 3.6
            Map.entry(NotifyType.ADDITIONAL_IP6_ADDRESS, union(AUTH_BOTH, INFO_BOTH)),
            Map.entry(NotifyType.NO_ADDITIONAL_ADDRESSES, union(AUTH_BOTH, INFO_BOTH)),
            Map.entry(NotifyType.REDIRECT_SUPPORTED, Set.of(new Key(IKE_SA_INIT, true))), // RFC 5685 4.1
            Map.entry(NotifyType.REDIRECTED_FROM, Set.of(new Key(IKE_SA_INIT, true))), // RFC 5685 4.2
            // RFC 5685 4.2 (IKE_SA_INIT), 6 (IKE_AUTH), 5 (INFORMATIONAL on an established SA)
            Map.entry(NotifyType.REDIRECT, Set.of(new Key(IKE_SA_INIT, false), new Key(IKE_AUTH, false),
                    new Key(INFORMATIONAL, true))));

    private static Set<Key> union(Set<Key> x, Set<Key> y) {
        java.util.Set<Key> u = new java.util.HashSet<>(x);
        u.addAll(y);
        return Set.copyOf(u);
    }

    /** Whether notification {@code type} may appear in this message (types not in the table: anywhere). */
    public static boolean notifyBelongs(NotifyType type, ExchangeType exchange, boolean isRequest) {
        Set<Key> places = NOTIFY_PLACES.get(type);
        return places == null || places.contains(new Key(exchange, isRequest));
    }

    /** Whether {@code m} carries notification {@code type} where it belongs ({@link #notifyBelongs}). */
    public static boolean carries(IkeMessage m, NotifyType type) {
        Optional<ExchangeType> ex = m.header().exchange();
        if (ex.isEmpty() || !notifyBelongs(type, ex.get(), !m.header().response())) return false;
        return m.all(io.ike4j.core.codec.payload.NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == type.value());
    }

    /** Exchanges whose payloads travel inside SK (all but IKE_SA_INIT and IKE_SESSION_RESUME; RFC 7296 1.2). */
    public static boolean protectedExchange(ExchangeType exchange) {
        return exchange != IKE_SA_INIT && exchange != IKE_SESSION_RESUME;
    }

    /** The shapes for one row (for documentation and tests). */
    public static List<Shape> shapes(ExchangeType exchange, boolean isRequest) {
        return RULES.get(new Key(exchange, isRequest));
    }

    /**
     * Checks the outer (still sealed) message: protected exchanges carry exactly one SK or SKF payload (plus
     * unknown non-critical payloads); plaintext exchanges none. Unknown exchange type → INVALID_SYNTAX.
     */
    public static Optional<DecodeError> validateOuter(IkeMessage outer) {
        Optional<ExchangeType> ex = outer.header().exchange();
        if (ex.isEmpty()) return error("unknown exchange type " + outer.header().exchangeType());
        long sealed = outer.payloads().stream()
                .filter(p -> p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload).count();
        long clear = outer.payloads().stream().filter(p -> !(p instanceof EncryptedPayload
                || p instanceof EncryptedFragmentPayload || p instanceof UnknownPayload)).count();
        if (protectedExchange(ex.get())) {
            if (sealed != 1 || clear != 0) return error(ex.get() + " must carry its payloads inside SK/SKF only");
        } else if (sealed != 0) {
            return error(ex.get() + " must not carry SK/SKF");
        }
        return Optional.empty();
    }

    /**
     * Checks a plaintext message (SK already opened, see {@link IkeMessageCodec#decodeInner}) against the table:
     * INVALID_SYNTAX naming the first mismatch of the closest shape if no shape matches.
     */
    public static Optional<DecodeError> validate(IkeMessage message, boolean isRequest) {
        Optional<ExchangeType> ex = message.header().exchange();
        if (ex.isEmpty()) return error("unknown exchange type " + message.header().exchangeType());
        Map<PayloadType, Integer> seen = new EnumMap<>(PayloadType.class);
        for (Payload p : message.payloads()) {
            if (p instanceof UnknownPayload) continue;
            if (p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload) {
                return error("validate expects the decrypted message");
            }
            seen.merge(p.knownType().orElseThrow(), 1, Integer::sum);
        }
        String first = null;
        for (Shape s : shapes(ex.get(), isRequest)) {
            Optional<String> m = s.mismatch(seen);
            if (m.isEmpty()) return Optional.empty();
            if (first == null) first = s.name() + ": " + m.get();
        }
        return error(first);
    }

    private static Optional<DecodeError> error(String detail) {
        return Optional.of(DecodeError.syntax(IkeHeader.SIZE, detail));
    }
}
