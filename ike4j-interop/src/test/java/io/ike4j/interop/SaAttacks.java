package io.ike4j.interop;

import static io.ike4j.interop.AttackCase.Expect.answer;
import static io.ike4j.interop.AttackCase.Expect.silent;
import static io.ike4j.interop.AttackCase.Expect.success;
import static io.ike4j.interop.AuthAttacks.closeIfEstablished;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Crafted messages around the IKE SA's life: exchanges out of order before authentication, SK payloads with broken
 * inner chains, IKE_AUTH in SKF fragments out of order, duplicated, numbered 0 or without end (RFC 7383), and on an
 * established attacker SA: liveness checks and deletes for SAs that do not exist, malformed DELETE and CREATE_CHILD_SA.
 */
final class SaAttacks {
    private SaAttacks() {}

    private static final String DROPPED = "dropped";

    static Stream<AttackCase> cases() {
        List<AttackCase> c = new ArrayList<>();
        // --- exchanges out of order, before authentication (the half-open SA must go: failed, or timed out)
        c.add(halfOpen("CREATE_CHILD_SA instead of IKE_AUTH", h -> h.exchange(h.seal(ExchangeType.CREATE_CHILD_SA, 1, childRequest(h))),
                answer(NotifyType.INVALID_SYNTAX), "CREATE_CHILD_SA request 1 before IKE_AUTH completed, sending INVALID_SYNTAX"));
        c.add(halfOpen("INFORMATIONAL instead of IKE_AUTH", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 1, List.of())),
                success(), "INFORMATIONAL request 1 before IKE_AUTH completed: answered, nothing done"));
        c.add(halfOpen("INFORMATIONAL deleting the IKE SA instead of IKE_AUTH", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 1,
                List.of(new DeletePayload(1, 0, List.of(), false)))), success(), "before IKE_AUTH completed: the peer deletes the IKE SA"));
        c.add(halfOpen("IKE_AUTH with message ID 0", h -> h.exchange(h.seal(ExchangeType.IKE_AUTH, 0, h.authPayloads)), silent(), "half-open timeout"));
        c.add(halfOpen("IKE_AUTH with message ID 2", h -> h.exchange(h.seal(ExchangeType.IKE_AUTH, 2, h.authPayloads)), silent(), "half-open timeout"));
        c.add(halfOpen("IKE_AUTH with the response flag", h -> {
            byte[] m = h.authDatagrams.getFirst().clone();
            m[19] |= 0x20;
            return h.exchange(m);
        }, silent(), "half-open timeout"));
        c.add(halfOpen("IKE_AUTH with a corrupted ICV", h -> {
            byte[] m = h.authDatagrams.getFirst().clone();
            m[m.length - 1] ^= 1;
            return h.exchange(m);
        }, silent(), DROPPED));
        c.add(halfOpen("IKE_AUTH retransmitted: the same answer twice", h -> {
            Adversary.Answer first = h.authenticate();
            Adversary.Answer second = h.exchange(h.authDatagrams.getFirst(), Adversary.ANSWER);
            if (second.silent() || !java.util.Arrays.equals(first.raw(), second.raw())) {
                throw new AssertionError("retransmitted IKE_AUTH: " + first + " then " + second);
            }
            return closeIfEstablished(h, first, 2);
        }, success(), AuthAttacks.ESTABLISHED));
        c.add(halfOpen("failed IKE_AUTH retransmitted after the SA is gone", h -> {
            byte[] bad = h.seal(ExchangeType.IKE_AUTH, 1, AuthAttacks.replaced(h, AuthenticationPayload.class, a -> {
                byte[] d = a.data();
                d[3] ^= 0x40;
                return new AuthenticationPayload(a.method(), d, false);
            }));
            Adversary.Answer first = h.exchange(bad, Adversary.ANSWER);
            Adversary.Answer again = h.exchange(bad, Adversary.SILENCE);
            if (!again.silent() && !java.util.Arrays.equals(first.raw(), again.raw())) {
                throw new AssertionError("a retransmission got a different answer: " + first + " then " + again);
            }
            return first;
        }, answer(NotifyType.AUTHENTICATION_FAILED), AuthAttacks.AUTH_FAILED));
        // --- SK payloads with broken inner chains (RFC 7296 3.14)
        c.add(halfOpen("IKE_AUTH with an empty SK payload", h -> h.exchange(h.sealRaw(ExchangeType.IKE_AUTH, 1, 0, new byte[0])),
                answer(NotifyType.INVALID_SYNTAX), AuthAttacks.INVALID_AUTH));
        c.add(halfOpen("IKE_AUTH whose SK holds a critical payload of type 99", h -> h.exchange(h.sealRaw(ExchangeType.IKE_AUTH, 1, 99,
                new byte[] {0, (byte) 0x80, 0, 8, 1, 2, 3, 4})), answer(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD), AuthAttacks.INVALID_AUTH));
        c.add(halfOpen("IKE_AUTH whose SK holds an IKEv1 ID payload (type 5)", h -> h.exchange(h.sealRaw(ExchangeType.IKE_AUTH, 1, 5,
                new byte[] {0, 0, 0, 12, 1, 0, 0, 0, 10, 0, 0, 1})), answer(NotifyType.INVALID_SYNTAX), AuthAttacks.INVALID_AUTH));
        c.add(halfOpen("IKE_AUTH whose SK chain has a payload longer than the plaintext", h -> {
            byte[] plain = Adversary.CODEC.encodePayloads(h.authPayloads);
            Surgery.putU16(plain, 2, plain.length + 40);
            return h.exchange(h.sealRaw(ExchangeType.IKE_AUTH, 1, h.authPayloads.getFirst().payloadType(), plain));
        }, answer(NotifyType.INVALID_SYNTAX), AuthAttacks.INVALID_AUTH));
        c.add(new AttackCase("INFORMATIONAL for an IKE SA that does not exist", a -> {
            byte[] m = IkeHeader.of(0x1122334455667788L, 0x0102030405060708L, ExchangeType.INFORMATIONAL, true, false, 0)
                    .withNextPayloadAndLength(0, IkeHeader.SIZE).encode();
            return a.plain(m);
        }, silent(), "dropped INFORMATIONAL from .* for unknown SPI"));
        // --- IKE_AUTH in SKF fragments (RFC 7383); the engine's IKE_AUTH cut into ~120-byte pieces
        c.add(halfOpen("IKE_AUTH fragments in reverse order", h -> {
            List<byte[]> f = new ArrayList<>(fragments(h));
            Collections.reverse(f);
            return closeIfEstablished(h, h.exchange(f), 2);
        }, success(), AuthAttacks.ESTABLISHED));
        c.add(halfOpen("IKE_AUTH fragments each sent twice", h -> {
            List<byte[]> f = new ArrayList<>();
            fragments(h).forEach(x -> {
                f.add(x);
                f.add(x);
            });
            Adversary.Answer r = h.exchange(f);
            h.next(Adversary.SILENCE); // a duplicated last fragment may get the cached answer again
            return closeIfEstablished(h, r, 2);
        }, success(), AuthAttacks.ESTABLISHED));
        c.add(halfOpen("IKE_AUTH fragment number 0", h -> h.exchange(h.sealFragment(ExchangeType.IKE_AUTH, 1, 0, 2, 35, new byte[40])),
                silent(), DROPPED + "|fragment"));
        c.add(halfOpen("IKE_AUTH fragment number above the total", h -> h.exchange(h.sealFragment(ExchangeType.IKE_AUTH, 1, 5, 2, 0, new byte[40])),
                silent(), DROPPED + "|fragment"));
        c.add(halfOpen("IKE_AUTH fragments with a changing total", h -> h.exchange(List.of(
                h.sealFragment(ExchangeType.IKE_AUTH, 1, 1, 3, 35, new byte[40]), h.sealFragment(ExchangeType.IKE_AUTH, 1, 2, 9, 0, new byte[40]),
                h.sealFragment(ExchangeType.IKE_AUTH, 1, 3, 2, 0, new byte[40]))), silent(), DROPPED + "|fragment"));
        c.add(halfOpen("400 fragments of a message announced with 65535", h -> {
            List<byte[]> f = new ArrayList<>();
            for (int i = 2; i <= 401; i++) f.add(h.sealFragment(ExchangeType.IKE_AUTH, 1, i, 65535, 0, new byte[200]));
            return h.exchange(f);
        }, silent(), DROPPED + "|fragment"));
        // --- on an established attacker SA: liveness, deletes for SAs that do not exist, malformed requests
        c.add(established("liveness check (empty INFORMATIONAL)", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 2, List.of())),
                success(), AuthAttacks.ESTABLISHED));
        c.add(established("DELETE of an ESP SPI that does not exist", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 2,
                List.of(new DeletePayload(3, 4, List.of(new byte[] {0x0b, 0x0a, 0x0d, 0x01}), false)))), success(), AuthAttacks.ESTABLISHED));
        c.add(established("DELETE of an AH SPI that does not exist", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 2,
                List.of(new DeletePayload(2, 4, List.of(new byte[4]), false)))), success(), AuthAttacks.ESTABLISHED));
        c.add(established("DELETE ESP announcing 1000 SPIs with one present", h -> {
            byte[] plain = Adversary.CODEC.encodePayloads(List.of(new DeletePayload(3, 4, List.of(new byte[4]), false)));
            Surgery.putU16(plain, 6, 1000);
            return h.exchange(h.sealRaw(ExchangeType.INFORMATIONAL, 2, 42, plain));
        }, answer(NotifyType.INVALID_SYNTAX), "invalid INFORMATIONAL request"));
        c.add(established("CREATE_CHILD_SA rekeying a CHILD_SA that does not exist", h -> {
            List<Payload> p = new ArrayList<>(childRequest(h));
            p.addFirst(new NotifyPayload(3, new byte[] {1, 2, 3, 4}, NotifyType.REKEY_SA.value(), new byte[0], false));
            return h.exchange(h.seal(ExchangeType.CREATE_CHILD_SA, 2, p));
        }, answer(NotifyType.CHILD_SA_NOT_FOUND), "refusing CREATE_CHILD_SA request 2: sending CHILD_SA_NOT_FOUND"));
        c.add(established("CREATE_CHILD_SA with empty KE data", h -> {
            List<Payload> p = new ArrayList<>(childRequest(h));
            p.add(new KeyExchangePayload(31, new byte[0], false));
            return h.exchange(h.seal(ExchangeType.CREATE_CHILD_SA, 2, p));
        }, answer(NotifyType.INVALID_SYNTAX), "CREATE_CHILD_SA"));
        c.add(established("INFORMATIONAL with message ID 10 (outside the window)", h -> h.exchange(h.seal(ExchangeType.INFORMATIONAL, 10,
                List.of()), Adversary.SILENCE), silent(), AuthAttacks.ESTABLISHED));
        return c.stream();
    }

    private static AttackCase halfOpen(String name, Function<Adversary.HalfOpen, Adversary.Answer> attack, AttackCase.Expect expect, String log) {
        return new AttackCase("after IKE_SA_INIT: " + name, a -> attack.apply(a.saInit()), expect, log);
    }

    /** IKE_AUTH completes; the crafted request is message ID 2; then the attacker deletes its IKE SA (message ID 3). */
    private static AttackCase established(String name, Function<Adversary.HalfOpen, Adversary.Answer> attack, AttackCase.Expect expect,
                                          String log) {
        return new AttackCase("established: " + name, a -> {
            Adversary.HalfOpen h = a.saInit();
            Adversary.Answer auth = h.authenticate();
            if (!success().check().test(auth)) throw new AssertionError("IKE_AUTH failed: " + auth);
            Adversary.Answer r = attack.apply(h);
            closeIfEstablished(h, auth, r.silent() ? 2 : 3); // a dropped request did not use up message ID 2
            return r;
        }, expect, log);
    }

    /** The SA, nonce and selectors of a CREATE_CHILD_SA request, taken from the legitimate IKE_AUTH. */
    private static List<Payload> childRequest(Adversary.HalfOpen h) {
        return List.of(h.authPayload(SecurityAssociationPayload.class), new NoncePayload(new byte[32], false),
                h.authPayloads.stream().filter(p -> p instanceof TrafficSelectorPayload ts && ts.initiator()).findFirst().orElseThrow(),
                h.authPayloads.stream().filter(p -> p instanceof TrafficSelectorPayload ts && !ts.initiator()).findFirst().orElseThrow());
    }

    private static List<byte[]> fragments(Adversary.HalfOpen h) {
        List<byte[]> f = h.fragments(ExchangeType.IKE_AUTH, 1, h.authPayloads, 130);
        if (f.size() < 2) throw new AssertionError("expected several fragments, got " + f.size());
        return f;
    }
}
