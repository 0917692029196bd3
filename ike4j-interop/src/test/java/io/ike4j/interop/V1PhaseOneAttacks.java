package io.ike4j.interop;

import static io.ike4j.interop.V1AttackCase.answered;
import static io.ike4j.interop.V1AttackCase.edit;
import static io.ike4j.interop.V1AttackCase.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Proposal;
import io.ike4j.core.codec.v1.V1Transform;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * IKEv1 before Phase 1 is complete, by an outsider (raw bytes, Main Mode message 1 taken apart) or an insider that
 * stops its own Main Mode halfway: malformed headers and payload chains, IKEv2 payload and exchange types in IKEv1 and
 * the reverse, unassigned DOI and situation bits, bad SA attributes, Quick Mode / Transaction / Informational for
 * unknown cookies or before Phase 1 completes, and replayed Main and Aggressive Mode messages.
 */
final class V1PhaseOneAttacks {
    private V1PhaseOneAttacks() {}

    private static final String REJECTED = "rejected IKEv1 datagram";
    private static final String NO_PROPOSAL = "no acceptable IKEv1 Main Mode proposal";
    private static final int NO_PROPOSAL_CHOSEN = V1NotifyType.NO_PROPOSAL_CHOSEN.value();

    static Stream<V1AttackCase> cases() {
        List<V1AttackCase> c = new ArrayList<>();
        // --- headers and payload chains (RFC 2408 3.1, 3.2)
        c.add(new V1AttackCase("v1: datagram shorter than the ISAKMP header",
                (lab, a) -> silent(a, Surgery.truncate(a.firstMessage(), 20)), "dropped 20-byte datagram .* shorter than an IKE header"));
        c.add(new V1AttackCase("v1: header length beyond the datagram",
                (lab, a) -> silent(a, Surgery.headerLength(a.firstMessage(), 4000)), REJECTED));
        c.add(new V1AttackCase("v1: header length shorter than the header",
                (lab, a) -> silent(a, Surgery.headerLength(a.firstMessage(), 20)), REJECTED));
        c.add(new V1AttackCase("v1: SA payload length beyond the message",
                (lab, a) -> silent(a, Surgery.putU16(a.firstMessage(), 30, 3000)), REJECTED));
        c.add(new V1AttackCase("v1: SA payload length 0",
                (lab, a) -> silent(a, Surgery.putU16(a.firstMessage(), 30, 0)), REJECTED));
        c.add(new V1AttackCase("v1: SA payload length 3 (below the generic header)",
                (lab, a) -> silent(a, Surgery.putU16(a.firstMessage(), 30, 3)), REJECTED));
        c.add(new V1AttackCase("v1: proposal length beyond the SA payload",
                (lab, a) -> silent(a, Surgery.putU16(a.firstMessage(), 42, 2000)), REJECTED));
        c.add(new V1AttackCase("v1: reserved payload type 60 after the SA",
                (lab, a) -> silent(a, chained(a.firstMessage(), 60)), REJECTED + ".*INVALID_PAYLOAD_TYPE payload type 60"));
        c.add(new V1AttackCase("v1: private-use payload type 200 after the SA is skipped (RFC 2408 3.1)", (lab, a) -> {
            byte[] m2 = a.exchange(chained(a.firstMessage(), 200), V1Insider.ANSWER).orElseThrow(() -> new AssertionError("no answer"));
            assertThat(V1AttackCase.plain(m2)).as("Main Mode message 2").hasValueSatisfying(m -> assertThat(m.first(V1Payload.Sa.class)).isPresent());
        }, "responding to Main Mode from"));
        c.add(new V1AttackCase("v1: IKEv2 SA payload (33) as the first payload",
                (lab, a) -> silent(a, Surgery.set(a.firstMessage(), 16, 33)), REJECTED));
        c.add(new V1AttackCase("v1: IKEv2 KE payload (34) chained after the SA",
                (lab, a) -> silent(a, chained(a.firstMessage(), 34)), REJECTED));
        c.add(new V1AttackCase("v1: Main Mode exchange type with IKEv2 major version",
                (lab, a) -> silent(a, Surgery.set(a.firstMessage(), 17, 0x20)), "rejected datagram from .*IKEv1 payload type 1 in an IKEv2 message"));
        c.add(new V1AttackCase("v1: IKE_SA_INIT exchange type (34) with major version 1",
                (lab, a) -> silent(a, Surgery.set(a.firstMessage(), 18, 34)), REJECTED + ".*INVALID_EXCHANGE_TYPE exchange type 34"));
        c.add(new V1AttackCase("v1: Main Mode message 1 with a message ID",
                (lab, a) -> silent(a, messageId(a.firstMessage(), 7)), "dropped IKEv1 IDENTITY_PROTECTION .* without responder cookie \\(message ID 7"));
        c.add(new V1AttackCase("v1: Main Mode message 1 for an unknown responder cookie",
                (lab, a) -> silent(a, responderCookie(a.firstMessage(), 0x1122334455667788L)), "for unknown cookies"));
        c.add(new V1AttackCase("v1: Main Mode message 1 without SA payload",
                (lab, a) -> answered(a, edit(a.firstMessage(), ps -> withoutSa(ps)), V1NotifyType.PAYLOAD_MALFORMED.value()),
                "without SA payload, sending PAYLOAD_MALFORMED"));
        // --- DOI and situation (RFC 2407 4.2, RFC 2408 3.4)
        for (long[] ds : new long[][] {{0, 1}, {2, 1}, {1, 2}, {1, 4}, {1, 0x80000000L}, {1, 0}}) {
            c.add(new V1AttackCase("v1: SA with DOI " + ds[0] + " situation 0x" + Long.toHexString(ds[1]),
                    (lab, a) -> silent(a, sa(a.firstMessage(), s -> new V1Payload.Sa(ds[0], ds[1], s.proposals()))),
                    REJECTED + ".*(DOI|SITUATION)"));
        }
        // --- SA attributes (RFC 2409 appendix A)
        c.add(new V1AttackCase("v1: unassigned encryption algorithm 65001",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 1, 65001)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: unassigned Diffie-Hellman group 9999",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 4, 9999)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: unassigned authentication method 65000",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 3, 65000)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: AES with a key length of 7 bits",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 14, 7)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: no hash algorithm attribute",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> without(at, 2)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: unassigned life type 3",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 11, 3)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: life duration of 9 octets",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> {
                    List<DataAttribute> l = without(at, 12);
                    l.add(DataAttribute.variable(12, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
                    return l;
                }), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: encryption algorithm as a 5-octet variable attribute (wrapping to AES)",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> {
                    List<DataAttribute> l = without(at, 1);
                    l.add(DataAttribute.variable(1, new byte[] {1, 0, 0, 0, 7}));
                    return l;
                }), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: key length 0",
                (lab, a) -> answered(a, attributes(a.firstMessage(), at -> replaceBasic(at, 14, 0)), NO_PROPOSAL_CHOSEN), NO_PROPOSAL));
        c.add(new V1AttackCase("v1: variable attribute length beyond the transform",
                (lab, a) -> silent(a, attributeOverrun(a.firstMessage())), REJECTED));
        c.add(new V1AttackCase("v1: ESP proposal in Main Mode",
                (lab, a) -> answered(a, proposals(a.firstMessage(), p -> new V1Proposal(p.number(), 3, Octets.of(new byte[4]), p.transforms())),
                        NO_PROPOSAL_CHOSEN), NO_PROPOSAL + "|" + REJECTED));
        c.add(new V1AttackCase("v1: proposal without transforms",
                (lab, a) -> silent(a, Surgery.set(a.firstMessage(), 47, 0)), REJECTED));
        // --- Phase 2, Transaction, Informational for unknown cookies or before Phase 1 completes
        for (V1ExchangeType ex : List.of(V1ExchangeType.QUICK_MODE, V1ExchangeType.TRANSACTION, V1ExchangeType.INFORMATIONAL)) {
            c.add(new V1AttackCase("v1: " + ex + " for unknown cookies",
                    (lab, a) -> silent(a, unknownCookies(ex, false)), "dropped IKEv1 " + ex + " .* for unknown cookies"));
            c.add(new V1AttackCase("v1: encrypted " + ex + " for unknown cookies",
                    (lab, a) -> silent(a, unknownCookies(ex, true)), "dropped IKEv1 " + ex + " .* for unknown cookies"));
        }
        c.add(new V1AttackCase("v1: Quick Mode without a responder cookie",
                (lab, a) -> silent(a, responderCookie(unknownCookies(V1ExchangeType.QUICK_MODE, false), 0)), "dropped IKEv1 QUICK_MODE .* without responder cookie"));
        c.add(new V1AttackCase("v1: Quick Mode after Main Mode message 2 (no keys yet)", (lab, a) -> {
            a.initiate(1); // MM1 sent, MM2 received, MM3 held back
            IsakmpSa sa = a.sa();
            silent(a, V1Wire.plain(sa, V1ExchangeType.QUICK_MODE, 5, List.of(new V1Payload.Nonce(Octets.of(new byte[16])))));
        }, "Quick Mode before Phase 1 completed or unprotected dropped"));
        c.add(new V1AttackCase("v1: Quick Mode with a valid HASH(1) before Main Mode message 5", (lab, a) -> {
            a.initiate(2); // MM1, MM3 sent; MM4 received; MM5 held back (the attacker has the keys)
            IsakmpSa sa = a.sa();
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, V1Wire.withHash(sa, mid,
                    List.of(new V1Payload.Nonce(Octets.of(new byte[16]))), false)));
        }, "Quick Mode before Phase 1 completed or unprotected dropped"));
        c.add(new V1AttackCase("v1: Transaction (Mode Config) with a valid HASH before Main Mode message 5", (lab, a) -> {
            a.initiate(2);
            IsakmpSa sa = a.sa();
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.TRANSACTION, mid, V1Wire.withHash(sa, mid,
                    List.of(new V1Payload.Attribute(1, 0, List.of(DataAttribute.variable(1, new byte[0])))), false)));
        }, // keys exist after message 4: it is queued (at most 2) until Phase 1 completes, its HASH checked then; never
           // acted on before (strongSwan's XAuth request may overtake Main Mode message 6)
           "Transaction message before Phase 1 completed, queued until it does"));
        // --- replays (RFC 2408 5: a retransmission gets the same answer, no second SA)
        c.add(new V1AttackCase("v1: Main Mode message 1 duplicated", (lab, a) -> {
            byte[] m1 = a.firstMessage();
            byte[] first = a.exchange(m1, V1Insider.ANSWER).orElseThrow();
            byte[] again = a.exchange(m1, V1Insider.ANSWER).orElseThrow(() -> new AssertionError("no answer to the copy"));
            assertThat(again).as("the same message 2 (same responder cookie)").isEqualTo(first);
            assertThat(lab.control.stats().number("half-open").orElse(-1)).as("one half-open SA").isEqualTo(1);
        }, "retransmitted request, sending our answer again"));
        c.add(new V1AttackCase("v1: Main Mode message 3 duplicated", (lab, a) -> {
            a.initiate(2); // MM4 received
            byte[] m3 = a.made.get(1);
            byte[] m4 = a.exchange(m3, V1Insider.ANSWER).orElseThrow(() -> new AssertionError("no answer to the copy of message 3"));
            assertThat(V1AttackCase.plain(m4)).as("message 4 again").isPresent();
            assertThat(lab.control.stats().number("half-open").orElse(-1)).isEqualTo(1);
        }, "retransmitted request, sending our answer again"));
        c.add(new V1AttackCase("v1: Main Mode message 5 and Quick Mode message 1 replayed after establishment", (lab, a) -> {
            a.establish();
            List<byte[]> sent = List.copyOf(a.made);
            a.receive(V1Insider.SILENCE); // anything late
            for (byte[] d : sent.subList(2, sent.size())) a.send(d); // MM5, QM1, QM3 again
            drainFor(a, V1Insider.SILENCE);
            assertThat(lab.control.sas().stream().filter(s -> s.string("name").orElse("").equals("attack")))
                    .as("still one attacker SA").hasSize(1);
            assertThat(a.dpdAnswered(V1Insider.ANSWER)).as("the SA still answers DPD").isTrue();
        }, "retransmitted request, sending our answer again"));
        c.add(new V1AttackCase("v1: Quick Mode message 1 replayed with another flags byte", (lab, a) -> {
            a.establish();
            byte[] qm1 = a.made.get(3).clone();
            qm1[19] ^= 0x02; // commit bit: not the cached datagram any more, but still authentic
            silent(a, qm1);
        }, "Quick Mode message 1 with a used message ID .* dropped"));
        // --- Aggressive Mode (aggressive = yes on the daemon)
        c.add(new V1AttackCase("v1: Aggressive Mode message 1 duplicated", V1AdversarialLab.AGGRESSIVE, (lab, a) -> {
            byte[] m1 = a.firstMessage();
            byte[] first = a.exchange(m1, V1Insider.ANSWER).orElseThrow();
            assertThat(a.exchange(m1, V1Insider.ANSWER)).as("the same message 2").hasValue(first);
        }, "retransmitted request, sending our answer again"));
        c.add(new V1AttackCase("v1: Aggressive Mode message 3 with a wrong HASH_I", V1AdversarialLab.AGGRESSIVE, (lab, a) -> {
            byte[] m3 = a.initiate(1).orElseThrow();
            byte[] bad = V1AttackCase.plain(m3).isPresent()
                    ? edit(m3, ps -> new ArrayList<>(ps.stream().map(p -> p instanceof V1Payload.Hash h ? (V1Payload) flipped(h) : p).toList()))
                    : Surgery.set(m3, 28 + 16, m3[28 + 16] ^ 0x5a); // CBC: garbles plaintext block 2, inside HASH_I
            a.send(bad);
            drainFor(a, V1Insider.SILENCE);
            assertThat(lab.control.sas().stream().filter(s -> s.string("name").orElse("").equals("attack-aggr")))
                    .allSatisfy(s -> assertThat(s.string("state")).isNotEqualTo(java.util.Optional.of("ESTABLISHED")));
        }, "HASH_I mismatch|message 3 undecryptable"));
        c.add(new V1AttackCase("v1: Aggressive Mode message 1 with a key exchange of 1 byte", V1AdversarialLab.AGGRESSIVE,
                (lab, a) -> {
                    byte[] m1 = edit(a.firstMessage(), ps -> new ArrayList<>(ps.stream().map(p -> p instanceof V1Payload.KeyExchange
                            ? (V1Payload) new V1Payload.KeyExchange(Octets.of(new byte[1])) : p).toList()));
                    answered(a, m1, V1NotifyType.INVALID_KEY_INFORMATION.value());
                }, "with an unusable key exchange .* sending INVALID_KEY_INFORMATION"));
        return c.stream();
    }

    private static V1Payload.Hash flipped(V1Payload.Hash h) {
        byte[] b = h.data().bytes().clone();
        b[0] ^= 1;
        return new V1Payload.Hash(Octets.of(b));
    }

    private static void drainFor(V1Insider a, java.time.Duration d) {
        while (a.receive(d).isPresent()) { /* answers to copies: counted by the log and the SA list instead */ }
    }

    /** The last payload of the chain gets next payload {@code type}, and an empty payload of that type follows. */
    private static byte[] chained(byte[] m, int type) {
        int at = 28;
        int next = m[16] & 0xff;
        int last = at;
        while (next != 0) {
            last = at;
            next = m[at] & 0xff;
            at += Surgery.u16(m, at + 2);
        }
        byte[] c = Surgery.append(m, 4, 0);
        c[last] = (byte) type;
        Surgery.putU16(c, c.length - 2, 4);
        return Surgery.headerLength(c, c.length);
    }

    private static byte[] messageId(byte[] m, int mid) {
        byte[] c = m.clone();
        ByteBuffer.wrap(c).putInt(20, mid);
        return c;
    }

    private static byte[] responderCookie(byte[] m, long cookie) {
        byte[] c = m.clone();
        ByteBuffer.wrap(c).putLong(8, cookie);
        return c;
    }

    private static byte[] unknownCookies(V1ExchangeType ex, boolean encrypted) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        IsakmpHeader h = IsakmpHeader.of(r.nextLong(1, Long.MAX_VALUE), r.nextLong(1, Long.MAX_VALUE), ex, encrypted, r.nextLong(1, 1L << 31));
        if (encrypted) {
            byte[] ct = new byte[48];
            r.nextBytes(ct);
            return V1AttackCase.CODEC.encodeEncrypted(h, 8, ct);
        }
        List<V1Payload> ps = ex == V1ExchangeType.INFORMATIONAL
                ? List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 1, 16, List.of(Octets.of(new byte[16]))))
                : List.of(new V1Payload.Nonce(Octets.of(new byte[16])));
        return V1AttackCase.CODEC.encode(new IsakmpMessage(h, ps));
    }

    private static List<V1Payload> withoutSa(List<V1Payload> ps) {
        ps.removeIf(p -> p instanceof V1Payload.Sa);
        return ps;
    }

    private static byte[] sa(byte[] m, UnaryOperator<V1Payload.Sa> f) {
        return edit(m, ps -> new ArrayList<>(ps.stream().map(p -> p instanceof V1Payload.Sa s ? (V1Payload) f.apply(s) : p).toList()));
    }

    private static byte[] proposals(byte[] m, UnaryOperator<V1Proposal> f) {
        return sa(m, s -> new V1Payload.Sa(s.doi(), s.situation(), s.proposals().stream().map(f).toList()));
    }

    /** Every transform's attributes changed by {@code f}. */
    private static byte[] attributes(byte[] m, UnaryOperator<List<DataAttribute>> f) {
        return proposals(m, p -> new V1Proposal(p.number(), p.protocolId(), p.spi(), p.transforms().stream()
                .map(t -> new V1Transform(t.number(), t.transformId(), f.apply(new ArrayList<>(t.attributes())))).toList()));
    }

    private static List<DataAttribute> replaceBasic(List<DataAttribute> at, int type, int value) {
        List<DataAttribute> l = without(at, type);
        l.add(DataAttribute.basic(type, value));
        return l;
    }

    private static List<DataAttribute> without(List<DataAttribute> at, int type) {
        List<DataAttribute> l = new ArrayList<>(at);
        l.removeIf(a -> a.type() == type);
        return l;
    }

    /** The first transform's last attribute made variable-length with a length past the transform's end. */
    private static byte[] attributeOverrun(byte[] m) {
        byte[] c = attributes(m, at -> {
            List<DataAttribute> l = new ArrayList<>(at);
            l.add(DataAttribute.variable(16383, new byte[2]));
            return l;
        });
        // the attribute we appended is the last 6 bytes of the first transform: find the 0x3fff type and bump its length
        for (int i = 28; i + 4 <= c.length; i++) {
            if ((c[i] & 0xff) == 0x3f && (c[i + 1] & 0xff) == 0xff && Surgery.u16(c, i + 2) == 2) return Surgery.putU16(c, i + 2, 300);
        }
        throw new IllegalStateException("appended attribute not found");
    }
}
