package io.ike4j.interop;

import static io.ike4j.interop.AttackCase.Expect.answer;
import static io.ike4j.interop.AttackCase.Expect.success;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigurationPayload;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Crafted IKE_AUTH requests: the attacker completes IKE_SA_INIT with its own Diffie-Hellman, takes the legitimate
 * IKE_AUTH its engine made (valid AUTH over the real octets), changes its contents and seals them with the derived keys
 * (RFC 7296 3.14). Missing or contradictory payloads, traffic selectors whose lengths disagree with their contents,
 * malformed notify bodies (REDIRECT, PPK_IDENTITY, ADDITIONAL_IP4/6_ADDRESS) and CP attributes. A case that ends with
 * an established IKE SA deletes it (the daemon must then hold nothing of it).
 */
final class AuthAttacks {
    private AuthAttacks() {}

    static final String AUTH_FAILED = "AUTHENTICATION_FAILED";
    static final String INVALID_AUTH = "invalid IKE_AUTH request";
    static final String ESTABLISHED = "IKE_SA attack\\[\\d+\\] established";

    static Stream<AttackCase> cases() {
        List<AttackCase> c = new ArrayList<>();
        // --- missing or contradictory payloads (RFC 7296 1.2, 2.15)
        c.add(auth("no TSi and no TSr", h -> h.authWithout(p -> p instanceof TrafficSelectorPayload),
                answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH));
        c.add(auth("no TSr", h -> h.authWithout(p -> p instanceof TrafficSelectorPayload ts && !ts.initiator()),
                answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH));
        c.add(auth("no SAi2 but TSi/TSr", h -> h.authWithout(p -> p instanceof SecurityAssociationPayload),
                answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH));
        c.add(auth("no IDi", h -> h.authWithout(p -> p instanceof IdentificationPayload id && id.initiator()),
                answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH));
        c.add(auth("no AUTH (and no EAP configured)", h -> h.authWithout(p -> p instanceof AuthenticationPayload),
                answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("no IDr (optional): established", h -> h.authWithout(p -> p instanceof IdentificationPayload id && !id.initiator()),
                success(), ESTABLISHED));
        c.add(auth("IDr of a stranger", h -> h.authWithout(p -> p instanceof IdentificationPayload id && !id.initiator(),
                new IdentificationPayload(false, 2, "stranger.example".getBytes(StandardCharsets.US_ASCII), false)),
                answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("two AUTH payloads", h -> h.authWithout(p -> false, h.authPayload(AuthenticationPayload.class)),
                answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH));
        c.add(auth("AUTH data with one bit flipped", h -> replaced(h, AuthenticationPayload.class, a -> {
            byte[] d = a.data();
            d[0] ^= 1;
            return new AuthenticationPayload(a.method(), d, false);
        }), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("AUTH data empty", h -> replaced(h, AuthenticationPayload.class, a -> new AuthenticationPayload(a.method(), new byte[0], false)),
                answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("AUTH method 200", h -> replaced(h, AuthenticationPayload.class, a -> new AuthenticationPayload(200, a.data(), false)),
                answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("AUTH method 1 (RSA signature) for a PSK peer", h -> replaced(h, AuthenticationPayload.class,
                a -> new AuthenticationPayload(1, new byte[256], false)), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("IDi type 99", h -> replaced(h, IdentificationPayload.class,
                id -> id.initiator() ? new IdentificationPayload(true, 99, id.data(), false) : id), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        c.add(auth("IDi of type IPv4 with 3 bytes", h -> replaced(h, IdentificationPayload.class,
                id -> id.initiator() ? new IdentificationPayload(true, 1, new byte[3], false) : id), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        // --- CHILD_SA proposals of the wrong protocol (the IKE SA is established without a CHILD_SA)
        c.add(auth("SAi2 with protocol id 1 (IKE)", h -> childProposals(h, p -> new ProposalSubstructure(p.number(), 1, new byte[0], p.transforms())),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), ESTABLISHED));
        c.add(auth("SAi2 with protocol id 0", h -> childProposals(h, p -> new ProposalSubstructure(p.number(), 0, p.spi(), p.transforms())),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), ESTABLISHED));
        c.add(auth("SAi2 ESP with a 2-byte SPI", h -> childProposals(h, p -> new ProposalSubstructure(p.number(), 3, new byte[2], p.transforms())),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), ESTABLISHED));
        // --- traffic selectors whose lengths disagree with their contents; more selectors than expected (RFC 7296 3.13)
        c.add(tsSurgery("TS type IPv6 with IPv4-sized addresses", (b, ts) -> b[ts + 8] = 8));
        c.add(tsSurgery("TS selector length 24 for an IPv4 range", (b, ts) -> Surgery.putU16(b, ts + 10, 24)));
        c.add(tsSurgery("TS selector length 4", (b, ts) -> Surgery.putU16(b, ts + 10, 4)));
        c.add(tsSurgery("TS count 5 with one selector", (b, ts) -> b[ts + 4] = 5));
        c.add(tsSurgery("TS count 0 with one selector", (b, ts) -> b[ts + 4] = 0));
        c.add(tsSurgery("TS type 13 (TS_FC_ADDR_RANGE) with an IPv4 body", (b, ts) -> b[ts + 8] = 13));
        c.add(auth("TSi with start above end", h -> replaced(h, TrafficSelectorPayload.class, ts -> ts.initiator()
                ? new TrafficSelectorPayload(true, List.of(new TrafficSelectorSubstructure(7, 0, 0, 65535,
                        new byte[] {10, 66, (byte) 255, (byte) 255}, new byte[] {10, 66, 0, 0})), false) : ts),
                answer(NotifyType.TS_UNACCEPTABLE), ESTABLISHED));
        c.add(auth("255 selectors in TSi", h -> replaced(h, TrafficSelectorPayload.class, ts -> {
            if (!ts.initiator()) return ts;
            List<TrafficSelectorSubstructure> many = new ArrayList<>();
            for (int i = 0; i < 255; i++) {
                many.add(new TrafficSelectorSubstructure(7, 17, i, i, new byte[] {10, 66, 1, (byte) i}, new byte[] {10, 66, 1, (byte) i}));
            }
            return new TrafficSelectorPayload(true, many, false);
        }), answer(NotifyType.TS_UNACCEPTABLE), "CHILD_SA failed: 255 TSi / 1 TSr selectors, more than 32 per payload"));
        // --- malformed notify bodies and configuration attributes (ignored where not negotiated, never a crash)
        c.add(auth("REDIRECTED_FROM and REDIRECT with truncated bodies", h -> h.authWithout(p -> false,
                NotifyPayload.of(NotifyType.REDIRECTED_FROM, new byte[] {1, 9, 1}), NotifyPayload.of(NotifyType.REDIRECT, new byte[] {2})),
                success(), ESTABLISHED));
        c.add(auth("PPK_IDENTITY empty and NO_PPK_AUTH garbage, PPK not negotiated", h -> h.authWithout(p -> false,
                NotifyPayload.of(NotifyType.PPK_IDENTITY, new byte[0]), NotifyPayload.of(NotifyType.NO_PPK_AUTH, new byte[] {1, 2, 3})),
                success(), ESTABLISHED));
        c.add(auth("ADDITIONAL_IP4_ADDRESS of 3 bytes, ADDITIONAL_IP6_ADDRESS of 4 bytes, with MOBIKE_SUPPORTED", h -> h.authWithout(p -> false,
                NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED, new byte[0]), NotifyPayload.of(NotifyType.ADDITIONAL_IP4_ADDRESS, new byte[3]),
                NotifyPayload.of(NotifyType.ADDITIONAL_IP6_ADDRESS, new byte[4])), success(), ESTABLISHED));
        c.add(auth("CP request with INTERNAL_IP4_ADDRESS of 3 bytes, INTERNAL_IP6_ADDRESS of 5, unknown attribute 16000",
                h -> h.authWithout(p -> false, new ConfigurationPayload(1, List.of(new ConfigAttribute(1, new byte[3]),
                        new ConfigAttribute(8, new byte[5]), new ConfigAttribute(16000, new byte[40])), false)),
                answer(NotifyType.INTERNAL_ADDRESS_FAILURE), "no virtual IP found, sending INTERNAL_ADDRESS_FAILURE"));
        c.add(auth("CP of type 0 with 300 empty attributes", h -> {
            List<ConfigAttribute> attrs = new ArrayList<>();
            for (int i = 0; i < 300; i++) attrs.add(new ConfigAttribute(3, new byte[0]));
            return h.authWithout(p -> false, new ConfigurationPayload(0, attrs, false));
        }, success(), ESTABLISHED));
        c.add(auth("a DELETE payload inside IKE_AUTH", h -> h.authWithout(p -> false, new DeletePayload(3, 4, List.of(new byte[4]), false)),
                answer(NotifyType.INVALID_SYNTAX), "invalid IKE_AUTH request: IKE_AUTH request: DELETE not allowed"));
        return c.stream();
    }

    /** IKE_AUTH (message ID 1) with {@code inner}; an established IKE SA is deleted afterwards. */
    static AttackCase auth(String name, Function<Adversary.HalfOpen, List<Payload>> inner, AttackCase.Expect expect, String log) {
        return new AttackCase("IKE_AUTH: " + name, a -> {
            Adversary.HalfOpen h = a.saInit();
            return closeIfEstablished(h, h.exchange(h.seal(ExchangeType.IKE_AUTH, 1, inner.apply(h))), 2);
        }, expect, log);
    }

    /** The legitimate IKE_AUTH with TSi's bytes changed in the sealed plaintext ({@code ts}: offset of TSi's generic header). */
    private static AttackCase tsSurgery(String name, java.util.function.ObjIntConsumer<byte[]> cut) {
        return new AttackCase("IKE_AUTH: " + name, a -> {
            Adversary.HalfOpen h = a.saInit();
            byte[] plain = Adversary.CODEC.encodePayloads(h.authPayloads);
            int first = h.authPayloads.getFirst().payloadType();
            int ts = Surgery.find(plain, 0, first, 44);
            cut.accept(plain, ts);
            return closeIfEstablished(h, h.exchange(h.sealRaw(ExchangeType.IKE_AUTH, 1, first, plain)), 2);
        }, answer(NotifyType.INVALID_SYNTAX), INVALID_AUTH);
    }

    /** If the answer carries the responder's AUTH the IKE SA is up: the attacker deletes it (INFORMATIONAL {@code mid}). */
    static Adversary.Answer closeIfEstablished(Adversary.HalfOpen h, Adversary.Answer answer, long mid) {
        boolean up = answer.message().map(m -> !m.all(AuthenticationPayload.class).isEmpty()).orElse(false);
        if (up) {
            Adversary.Answer deleted = h.exchange(h.seal(ExchangeType.INFORMATIONAL, mid, List.of(new DeletePayload(1, 0, List.of(), false))),
                    Adversary.ANSWER);
            if (deleted.silent()) throw new AssertionError("the daemon did not answer the attacker's DELETE after " + answer);
        }
        return answer;
    }

    static <P extends Payload> List<Payload> replaced(Adversary.HalfOpen h, Class<P> kind, Function<P, Payload> change) {
        return new ArrayList<>(h.authPayloads.stream().map(p -> kind.isInstance(p) ? change.apply(kind.cast(p)) : p).toList());
    }

    private static List<Payload> childProposals(Adversary.HalfOpen h, UnaryOperator<ProposalSubstructure> change) {
        return replaced(h, SecurityAssociationPayload.class, sa -> new SecurityAssociationPayload(sa.proposals().stream().map(change).toList(), false));
    }

    static Predicate<Payload> none() {
        return p -> false;
    }
}
