package io.ike4j.interop;

import static io.ike4j.interop.AttackCase.Expect.answer;
import static io.ike4j.interop.AttackCase.Expect.silent;
import static io.ike4j.interop.AttackCase.Expect.success;
import static io.ike4j.interop.AttackCase.edit;
import static io.ike4j.interop.AttackCase.replace;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TransformSubstructure;
import io.ike4j.core.codec.payload.UnknownPayload;
import io.ike4j.core.codec.payload.VendorIdPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Crafted IKE_SA_INIT requests (plaintext): each starts from the request ike4j-core's initiator makes and breaks one
 * thing, by the classes of the CVE history (issue 7 item 2): key exchange data, proposals, payload types of the other
 * IKE version, lengths, sizes.
 */
final class SaInitAttacks {
    private SaInitAttacks() {}

    /** The daemon's log line for a refused IKE_SA_INIT names what it sent. */
    private static String refused(NotifyType t) {
        return "refusing IKE_SA_INIT from .*" + t.name();
    }

    private static final String REJECTED = "rejected datagram from";

    static Stream<AttackCase> cases() {
        List<AttackCase> c = new ArrayList<>();
        // --- key exchange data (RFC 7296 3.4; RFC 7748 6.1 all-zero shared secret)
        c.add(ke("KE data empty", new byte[0], 31, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(ke("KE data all zero (X25519 low order point)", new byte[32], 31, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(ke("KE data one byte short", new byte[31], 31, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(ke("KE data one byte long", new byte[33], 31, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(ke("KE data 4000 bytes", new byte[4000], 31, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(ke("KE unknown group 1234", new byte[32], 1234, answer(NotifyType.INVALID_KE_PAYLOAD), refused(NotifyType.INVALID_KE_PAYLOAD)));
        c.add(ke("KE group 19 not proposed", new byte[64], 19, answer(NotifyType.INVALID_KE_PAYLOAD), refused(NotifyType.INVALID_KE_PAYLOAD)));
        c.add(payloads("no KE payload", ps -> without(ps, KeyExchangePayload.class), answer(NotifyType.INVALID_SYNTAX),
                refused(NotifyType.INVALID_SYNTAX)));
        c.add(payloads("two KE payloads", ps -> {
            ps.add(1, ps.stream().filter(KeyExchangePayload.class::isInstance).findFirst().orElseThrow());
            return ps;
        }, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        // --- proposals (RFC 7296 3.3)
        c.add(proposals("proposal without a KE transform", p -> new ProposalSubstructure(p.number(), p.protocolId(), p.spi(),
                p.transforms().stream().filter(t -> t.type() != 4).toList()), answer(NotifyType.NO_PROPOSAL_CHOSEN),
                refused(NotifyType.NO_PROPOSAL_CHOSEN)));
        c.add(proposals("proposal with only an unknown transform type 200", p -> new ProposalSubstructure(p.number(), p.protocolId(), p.spi(),
                List.of(new TransformSubstructure(200, 1, List.of()))), answer(NotifyType.NO_PROPOSAL_CHOSEN),
                refused(NotifyType.NO_PROPOSAL_CHOSEN)));
        c.add(proposals("proposal with protocol id 0", p -> new ProposalSubstructure(p.number(), 0, p.spi(), p.transforms()),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), refused(NotifyType.NO_PROPOSAL_CHOSEN)));
        c.add(proposals("proposal with protocol id 3 (ESP)", p -> new ProposalSubstructure(p.number(), 3, p.spi(), p.transforms()),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), refused(NotifyType.NO_PROPOSAL_CHOSEN)));
        c.add(proposals("proposal with an 8-byte SPI", p -> new ProposalSubstructure(p.number(), p.protocolId(), new byte[8], p.transforms()),
                answer(NotifyType.NO_PROPOSAL_CHOSEN), "no acceptable proposal from .*NO_PROPOSAL_CHOSEN"));
        c.add(payloads("SA payload without proposals", replace(SecurityAssociationPayload.class,
                sa -> new SecurityAssociationPayload(List.of(), false)), answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(payloads("unknown transform type first, then a good proposal", replace(SecurityAssociationPayload.class, sa -> {
            ProposalSubstructure good = sa.proposals().getFirst();
            List<TransformSubstructure> bad = new ArrayList<>(good.transforms());
            bad.add(new TransformSubstructure(200, 7, List.of()));
            return new SecurityAssociationPayload(List.of(new ProposalSubstructure(1, 1, new byte[0], bad),
                    new ProposalSubstructure(2, 1, new byte[0], good.transforms())), false);
        }), success(), "responding to IKE_SA_INIT from"));
        c.add(payloads("200 proposals", replace(SecurityAssociationPayload.class, sa -> {
            List<ProposalSubstructure> many = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                many.add(new ProposalSubstructure(i, 1, new byte[0], List.of(new TransformSubstructure(1, 3, List.of()))));
            }
            return new SecurityAssociationPayload(many, false);
        }), answer(NotifyType.NO_PROPOSAL_CHOSEN), refused(NotifyType.NO_PROPOSAL_CHOSEN)));
        // --- nonces (RFC 7296 2.10: 16..256 octets)
        c.add(payloads("nonce of 8 bytes", replace(NoncePayload.class, n -> new NoncePayload(new byte[8], false)),
                answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(payloads("nonce of 300 bytes", replace(NoncePayload.class, n -> new NoncePayload(new byte[300], false)),
                answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        // --- payload types of the other version (IKEv1 types 1..13 inside IKEv2)
        // ike4j refuses IKEv1 payload numbers 1..20 (reserved in IKEv2) as a mislabelled message, critical or not
        c.add(payloads("IKEv1 SA payload (type 1), not critical", ps -> {
            ps.add(new UnknownPayload(1, false, new byte[] {0, 0, 0, 1, 0, 0, 0, 1}));
            return ps;
        }, answer(NotifyType.INVALID_SYNTAX), "IKEv1 payload type 1 in an IKEv2 message"));
        c.add(payloads("IKEv1 SA payload (type 1), critical", ps -> {
            ps.add(new UnknownPayload(1, true, new byte[] {0, 0, 0, 1, 0, 0, 0, 1}));
            return ps;
        }, answer(NotifyType.INVALID_SYNTAX), "IKEv1 payload type 1 in an IKEv2 message"));
        c.add(payloads("IKEv1 Hash payload (type 8) as the first payload", ps -> {
            ps.addFirst(new UnknownPayload(8, false, new byte[20]));
            return ps;
        }, answer(NotifyType.INVALID_SYNTAX), "IKEv1 payload type 8 in an IKEv2 message"));
        c.add(payloads("unknown payload type 99, critical", ps -> {
            ps.add(new UnknownPayload(99, true, new byte[4]));
            return ps;
        }, answer(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD), refused(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD)));
        c.add(raw("IKEv1 header (major version 1) carrying an IKEv2 SA payload", a -> {
            byte[] m = a.saInitRequest();
            m[17] = 0x10; // version 1.0
            m[18] = 2; // Identity Protection (Main Mode)
            return m;
        }, silent(), "rejected IKEv1 datagram from"));
        c.add(raw("major version 3", a -> Surgery.set(a.saInitRequest(), 17, 0x30), answer(NotifyType.INVALID_MAJOR_VERSION),
                "INVALID_MAJOR_VERSION|major version"));
        // --- lengths and sizes (RFC 7296 3.1, 3.2)
        // the transport drops an empty datagram before the engine sees it: counted in stats' errors (no log line)
        c.add(raw("zero-length datagram", a -> new byte[0], silent(), AttackCase.ERRORS_COUNTED));
        c.add(raw("27 bytes (one short of a header)", a -> Surgery.truncate(a.saInitRequest(), 27), silent(), "dropped 27-byte datagram"));
        c.add(raw("header only", a -> {
            byte[] m = Surgery.truncate(a.saInitRequest(), 28);
            m[16] = 0;
            return Surgery.headerLength(m, 28);
        }, answer(NotifyType.INVALID_SYNTAX), refused(NotifyType.INVALID_SYNTAX)));
        c.add(raw("truncated to half (header length says more)", a -> {
            byte[] m = a.saInitRequest();
            return Surgery.truncate(m, m.length / 2);
        }, silent(), REJECTED));
        c.add(raw("header length smaller than the datagram", a -> {
            byte[] m = a.saInitRequest();
            return Surgery.headerLength(m, m.length - 20);
        }, silent(), REJECTED));
        c.add(raw("100 trailing bytes after the last payload", a -> {
            byte[] m = a.saInitRequest();
            return Surgery.headerLength(Surgery.append(m, 100, 0x41), m.length + 100);
        }, answer(NotifyType.INVALID_SYNTAX), REJECTED + ".*bytes after the last payload"));
        c.add(raw("header length 0xffffffff", a -> Surgery.headerLength(a.saInitRequest(), 0xffffffffL), silent(), REJECTED));
        c.add(raw("payload length 0 (KE)", a -> Surgery.payloadLength(a.saInitRequest(), 34, 0), answer(NotifyType.INVALID_SYNTAX), REJECTED + ".*payload length 0"));
        c.add(raw("payload length 3 (nonce)", a -> Surgery.payloadLength(a.saInitRequest(), 40, 3), answer(NotifyType.INVALID_SYNTAX), REJECTED + ".*payload length 3"));
        c.add(raw("payload length beyond the message (SA)", a -> Surgery.payloadLength(a.saInitRequest(), 33, 0xfff0), answer(NotifyType.INVALID_SYNTAX), REJECTED + ".*payload body"));
        c.add(payloads("zero-length notify and vendor ID payloads", ps -> {
            ps.add(new NotifyPayload(0, new byte[0], 16404, new byte[0], false));
            ps.add(new VendorIdPayload(new byte[0], false));
            return ps;
        }, success(), "responding to IKE_SA_INIT from"));
        c.add(payloads("vendor ID of 30000 bytes (oversized message)", ps -> {
            ps.add(new VendorIdPayload(new byte[30000], false));
            return ps;
        }, success(), "responding to IKE_SA_INIT from"));
        c.add(payloads("malformed REDIRECT_SUPPORTED/REDIRECT notifies (gateway type 99, length 200)", ps -> {
            ps.add(NotifyPayload.of(NotifyType.REDIRECT_SUPPORTED, new byte[] {1, 2, 3}));
            ps.add(NotifyPayload.of(NotifyType.REDIRECT, new byte[] {99, (byte) 200, 1}));
            return ps;
        }, success(), "responding to IKE_SA_INIT from"));
        return c.stream();
    }

    private static AttackCase ke(String name, byte[] data, int group, AttackCase.Expect expect, String log) {
        return payloads(name, replace(KeyExchangePayload.class, k -> new KeyExchangePayload(group, data, false)), expect, log);
    }

    private static AttackCase proposals(String name, UnaryOperator<ProposalSubstructure> change, AttackCase.Expect expect, String log) {
        return payloads(name, replace(SecurityAssociationPayload.class,
                sa -> new SecurityAssociationPayload(sa.proposals().stream().map(change).toList(), false)), expect, log);
    }

    private static AttackCase payloads(String name, UnaryOperator<List<Payload>> change, AttackCase.Expect expect, String log) {
        return new AttackCase("IKE_SA_INIT: " + name, a -> a.plain(Adversary.CODEC.encode(edit(legit(a), change))), expect, log);
    }

    private static AttackCase raw(String name, java.util.function.Function<Adversary, byte[]> make, AttackCase.Expect expect, String log) {
        return new AttackCase("IKE_SA_INIT: " + name, a -> a.plain(make.apply(a)), expect, log);
    }

    private static IkeMessage legit(Adversary a) {
        if (Adversary.CODEC.decode(a.saInitRequest()) instanceof DecodeResult.Decoded d) return d.message();
        throw new AssertionError("cannot decode the engine's IKE_SA_INIT");
    }

    static List<Payload> without(List<Payload> ps, Class<? extends Payload> kind) {
        return new ArrayList<>(ps.stream().filter(p -> !kind.isInstance(p)).toList());
    }
}
