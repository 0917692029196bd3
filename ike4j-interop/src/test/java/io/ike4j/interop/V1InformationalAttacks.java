package io.ike4j.interop;

import static io.ike4j.interop.V1AttackCase.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Proposal;
import io.ike4j.core.codec.v1.V1Transform;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * IKEv1 Informational exchanges and Deletes (RFC 2409 5.7, RFC 2408 3.15, RFC 3706) from an insider that holds an
 * established ISAKMP SA with the daemon (its own, with the PSK of connection {@code attack}): unprotected, without
 * HASH(1), with a wrong one, with the HASH of another message ID; Deletes of the IPsec and ISAKMP SAs of strongSwan's
 * tunnel sent over the attacker's SA; a Delete followed by more notifications for the deleted SA; Quick Mode with an
 * invalid HASH or SA payload. Unauthenticated ones are never acted on: the attacker's SA still answers DPD afterwards,
 * and strongSwan's tunnel (checked by the runner with a ping) is never touched.
 */
final class V1InformationalAttacks {
    private V1InformationalAttacks() {}

    private static final String INVALID_HASH = "Informational with invalid HASH\\(1\\) dropped";

    static Stream<V1AttackCase> cases() {
        List<V1AttackCase> c = new ArrayList<>();
        // --- Informationals not protected by a valid HASH(1): neither the Delete nor the R-U-THERE acted on
        c.add(new V1AttackCase("v1: unprotected Delete and R-U-THERE after Phase 1", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            silent(a, V1Wire.plain(sa, V1ExchangeType.INFORMATIONAL, V1Insider.mid(), List.of(deleteIsakmp(sa), ruThere(sa, 1))));
            assertSurvives(lab, a);
        }, "ignoring unprotected Informational"));
        c.add(new V1AttackCase("v1: encrypted Delete without HASH(1)", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, V1Insider.mid(), List.of(deleteIsakmp(sa), ruThere(sa, 2))));
            assertSurvives(lab, a);
        }, INVALID_HASH));
        c.add(new V1AttackCase("v1: encrypted Delete with a wrong HASH(1)", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, mid, V1Wire.withHash(sa, mid, List.of(deleteIsakmp(sa), ruThere(sa, 3)), true)));
            assertSurvives(lab, a);
        }, INVALID_HASH));
        c.add(new V1AttackCase("v1: encrypted Delete with the HASH(1) of another message ID", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, mid, V1Wire.withHash(sa, mid ^ 1, List.of(deleteIsakmp(sa), ruThere(sa, 4)), false)));
            assertSurvives(lab, a);
        }, INVALID_HASH));
        c.add(new V1AttackCase("v1: Delete with a valid HASH(1) under message ID 0", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, 0, V1Wire.withHash(sa, 0, List.of(deleteIsakmp(sa)), false)));
            assertSurvives(lab, a);
        }, INVALID_HASH));
        c.add(new V1AttackCase("v1: R-U-THERE with a wrong HASH(1) gets no ACK", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            a.send(V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, mid, V1Wire.withHash(sa, mid, List.of(ruThere(sa, 77)), true)));
            assertThat(a.ackOf(77, V1Insider.SILENCE)).as("R-U-THERE-ACK to an unauthenticated R-U-THERE").isFalse();
            assertSurvives(lab, a);
        }, INVALID_HASH));
        c.add(new V1AttackCase("v1: Aggressive Mode SA: Delete without HASH(1) ignored", V1AdversarialLab.AGGRESSIVE, (lab, a) -> {
            IsakmpSa sa = a.establish();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.INFORMATIONAL, V1Insider.mid(), List.of(deleteIsakmp(sa))));
            assertSurvives(lab, a);
        }, INVALID_HASH));
        // --- Deletes for SAs that are not the sender's (strongSwan's tunnel, named by the daemon's list-sas)
        c.add(new V1AttackCase("v1: Delete of strongSwan's IPsec SAs over the attacker's ISAKMP SA", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            List<Octets> spis = new ArrayList<>();
            for (JsonValue ch : lab.strongSwanSa().array("child-sas").orElseThrow().elements()) {
                JsonObject o = (JsonObject) ch;
                spis.add(Octets.of(HexFormat.of().parseHex(o.string("spi-in").orElseThrow())));
                spis.add(Octets.of(HexFormat.of().parseHex(o.string("spi-out").orElseThrow())));
            }
            assertThat(spis).isNotEmpty();
            silent(a, a.informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 3, 4, spis))));
            assertThat(lab.strongSwanSa().array("child-sas").orElseThrow().elements()).as("strongSwan's IPsec SAs").hasSize(spis.size() / 2);
            assertSurvives(lab, a);
        }, "Delete for IPsec SA .* not of this ISAKMP SA ignored"));
        c.add(new V1AttackCase("v1: Delete of strongSwan's ISAKMP SA over the attacker's ISAKMP SA", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            JsonObject swan = lab.strongSwanSa();
            byte[] cookies = HexFormat.of().parseHex(swan.string("initiator-spi").orElseThrow() + swan.string("responder-spi").orElseThrow());
            silent(a, a.informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 1, 16, List.of(Octets.of(cookies))))));
            assertSurvives(lab, a);
        }, "Delete for ISAKMP SA .* not this one ignored"));
        c.add(new V1AttackCase("v1: unprotected Delete of strongSwan's ISAKMP SA with its cookies", (lab, a) -> {
            JsonObject swan = lab.strongSwanSa();
            long ci = Long.parseUnsignedLong(swan.string("initiator-spi").orElseThrow(), 16);
            long cr = Long.parseUnsignedLong(swan.string("responder-spi").orElseThrow(), 16);
            byte[] cookies = ByteBuffer.allocate(16).putLong(ci).putLong(cr).array();
            var h = io.ike4j.core.codec.v1.IsakmpHeader.of(ci, cr, V1ExchangeType.INFORMATIONAL, false, V1Insider.mid());
            silent(a, V1AttackCase.CODEC.encode(new io.ike4j.core.codec.v1.IsakmpMessage(h, List.of(
                    new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 1, 16, List.of(Octets.of(cookies))),
                    new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, 1, V1NotifyType.INVALID_SPI.value(), Octets.of(cookies), Octets.EMPTY)))));
        }, "ignoring unprotected Informational"));
        c.add(new V1AttackCase("v1: Delete of an ESP SPI of size 16 and of protocol AH", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            IpsecSa child = sa.children.getFirst();
            silent(a, a.informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 3, 16, List.of(Octets.of(new byte[16]))),
                    new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 2, 4, List.of(spi(child.outboundSpi()))))));
            awaitChildren(lab, 1);
            assertSurvives(lab, a);
        }, "Delete .* ignored"));
        // --- a Delete followed by more notifications for the deleted SA
        c.add(new V1AttackCase("v1: Delete of the attacker's IPsec SA, then notifications and Deletes for it", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            IpsecSa child = sa.children.getFirst();
            silent(a, a.informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 3, 4, List.of(spi(child.outboundSpi()))))));
            awaitChildren(lab, 0);
            silent(a, a.informational(List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 3, 4, List.of(spi(child.outboundSpi()))))));
            silent(a, a.informational(List.of(new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, 3, V1NotifyType.INVALID_SPI.value(),
                    spi(child.outboundSpi()), Octets.EMPTY))));
            silent(a, a.informational(List.of(new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, 3, 24576 /* RESPONDER-LIFETIME */,
                    spi(child.outboundSpi()), Octets.of(new byte[] {(byte) 0x80, 1, 0, 1, (byte) 0x80, 2, 0, 10})))));
            assertThat(childCount(lab)).isZero();
            assertThat(a.dpdAnswered(V1Insider.ANSWER)).as("the ISAKMP SA still answers DPD").isTrue();
        }, "Delete for IPsec SA .* not of this ISAKMP SA ignored"));
        c.add(new V1AttackCase("v1: Delete of the ISAKMP SA and an R-U-THERE in one message, then more for it", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            a.send(a.informational(List.of(deleteIsakmp(sa), ruThere(sa, 5))));
            assertThat(a.ackOf(5, V1Insider.SILENCE)).as("no ACK for the deleted SA").isFalse();
            awaitNoAttackerSa(lab);
            silent(a, a.ruThere(6));
            silent(a, a.informational(List.of(deleteIsakmp(sa))));
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, V1Wire.withHash(sa, mid,
                    List.of(new V1Payload.Nonce(Octets.of(new byte[16]))), false)));
            silent(a, V1Wire.plain(sa, V1ExchangeType.INFORMATIONAL, V1Insider.mid(), List.of(V1Wire.notify(sa, V1NotifyType.INVALID_SPI.value(), new byte[0]))));
        }, "for unknown cookies"));
        // --- Quick Mode and Transaction with bad contents over an established SA
        c.add(new V1AttackCase("v1: Quick Mode message 1 with a wrong HASH(1)", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            silent(a, V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, V1Wire.withHash(sa, mid,
                    List.of(new V1Payload.Nonce(Octets.of(new byte[16]))), true)));
            awaitChildren(lab, 1);
            assertSurvives(lab, a);
        }, "Quick Mode message 1 with invalid HASH\\(1\\) dropped"));
        for (long[] ds : new long[][] {{2, 1}, {1, 4}}) {
            c.add(new V1AttackCase("v1: Quick Mode with SA DOI " + ds[0] + " situation " + ds[1], (lab, a) -> {
                IsakmpSa sa = established(lab, a);
                long mid = V1Insider.mid();
                V1Payload.Sa offer = new V1Payload.Sa(ds[0], ds[1], List.of(new V1Proposal(1, 3, spi(0x01020304),
                        List.of(new V1Transform(1, 12, List.of(DataAttribute.basic(4, 1), DataAttribute.basic(5, 12), DataAttribute.basic(6, 128)))))));
                silent(a, V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, quickModeHash(sa, mid, List.of(offer,
                        new V1Payload.Nonce(Octets.of(new byte[16]))))));
                awaitChildren(lab, 1);
                assertSurvives(lab, a);
            }, "Quick Mode message without valid HASH dropped|" + "(DOI|SITUATION)"));
        }
        c.add(new V1AttackCase("v1: Quick Mode with an unassigned ESP transform", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            V1Payload.Sa offer = new V1Payload.Sa(1, 1, List.of(new V1Proposal(1, 3, spi(0x01020304),
                    List.of(new V1Transform(1, 250, List.of(DataAttribute.basic(4, 1), DataAttribute.basic(5, 2), DataAttribute.basic(6, 128)))))));
            a.exchange(V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, quickModeHash(sa, mid, List.of(offer,
                    new V1Payload.Nonce(Octets.of(new byte[16])),
                    new V1Payload.Identification(4, 0, 0, Octets.of(new byte[] {10, 66, 0, 0, (byte) 255, (byte) 255, 0, 0})),
                    new V1Payload.Identification(4, 0, 0, Octets.of(new byte[] {10, 1, 0, 0, (byte) 255, (byte) 255, 0, 0}))))),
                    V1Insider.SILENCE); // a protected NO_PROPOSAL_CHOSEN may come
            awaitChildren(lab, 1);
            assertSurvives(lab, a);
        }, "(?i)NO_PROPOSAL_CHOSEN|no acceptable"));
        c.add(new V1AttackCase("v1: Quick Mode with an unassigned SA life type", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            V1Payload.Sa offer = new V1Payload.Sa(1, 1, List.of(new V1Proposal(1, 3, spi(0x01020304),
                    List.of(new V1Transform(1, 12, List.of(DataAttribute.basic(1, 3), DataAttribute.basic(4, 1), DataAttribute.basic(5, 5),
                            DataAttribute.basic(6, 128)))))));
            a.exchange(V1Wire.encrypted(sa, V1ExchangeType.QUICK_MODE, mid, quickModeHash(sa, mid, List.of(offer,
                    new V1Payload.Nonce(Octets.of(new byte[16])),
                    new V1Payload.Identification(4, 0, 0, Octets.of(new byte[] {10, 66, 0, 0, (byte) 255, (byte) 255, 0, 0})),
                    new V1Payload.Identification(4, 0, 0, Octets.of(new byte[] {10, 1, 0, 0, (byte) 255, (byte) 255, 0, 0}))))),
                    V1Insider.SILENCE);
            awaitChildren(lab, 1);
            assertSurvives(lab, a);
        }, "(?i)NO_PROPOSAL_CHOSEN|no acceptable"));
        c.add(new V1AttackCase("v1: Mode Config request on a connection without pools", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            long mid = V1Insider.mid();
            a.exchange(V1Wire.encrypted(sa, V1ExchangeType.TRANSACTION, mid, V1Wire.withHash(sa, mid,
                    List.of(new V1Payload.Attribute(1, 7, List.of(DataAttribute.variable(1, new byte[0])))), false)), V1Insider.SILENCE);
            assertSurvives(lab, a);
        }, "(?i)virtual IP|Transaction|Mode Config|CFG_REQUEST"));
        return c.stream();
    }

    /** The attacker's SA established, and its IPsec SA listed by the daemon (installed in its data plane). */
    static IsakmpSa established(V1AdversarialLab lab, V1Insider a) {
        IsakmpSa sa = a.establish();
        awaitChildren(lab, 1);
        return sa;
    }

    private static Octets spi(int spi) {
        return Octets.of(ByteBuffer.allocate(4).putInt(spi).array());
    }

    private static V1Payload deleteIsakmp(IsakmpSa sa) {
        return new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, 1, 16, List.of(Octets.of(sa.spi16())));
    }

    private static V1Payload ruThere(IsakmpSa sa, int seq) {
        return V1Wire.notify(sa, V1NotifyType.R_U_THERE.value(), V1Insider.u32(seq));
    }

    /** HASH(1) of Quick Mode (RFC 2409 5.5) is the Informational formula: prf(SKEYID_a, M-ID | rest). */
    private static List<V1Payload> quickModeHash(IsakmpSa sa, long mid, List<V1Payload> rest) {
        return V1Wire.withHash(sa, mid, rest, false);
    }

    /** The attacker's IPsec SAs at the daemon. */
    private static int childCount(V1AdversarialLab lab) {
        return lab.control.sas().stream().filter(s -> s.string("name").orElse("").equals("attack"))
                .mapToInt(s -> s.array("child-sas").map(x -> x.elements().size()).orElse(0)).sum();
    }

    private static void awaitChildren(V1AdversarialLab lab, int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (childCount(lab) != n && System.nanoTime() < deadline) IkePeer.sleep(100);
        assertThat(childCount(lab)).as("the attacker's IPsec SAs").isEqualTo(n);
    }

    private static void awaitNoAttackerSa(V1AdversarialLab lab) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (lab.control.sas().stream().anyMatch(s -> s.string("name").orElse("").equals("attack")) && System.nanoTime() < deadline) {
            IkePeer.sleep(100);
        }
        assertThat(lab.control.sas()).noneMatch(s -> s.string("name").orElse("").equals("attack"));
    }

    /** The attacker's ISAKMP SA is still up with its IPsec SA, and answers an authentic R-U-THERE. */
    static void assertSurvives(V1AdversarialLab lab, V1Insider a) {
        assertThat(lab.control.sas()).as("the attacker's SA at the daemon").anySatisfy(s -> {
            assertThat(s.string("name").orElse("")).startsWith("attack");
            assertThat(s.string("state")).hasValue("ESTABLISHED");
        });
        assertThat(a.dpdAnswered(V1Insider.ANSWER)).as("the attacker's ISAKMP SA still answers DPD").isTrue();
    }
}
