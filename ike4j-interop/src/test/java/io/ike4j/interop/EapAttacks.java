package io.ike4j.interop;

import static io.ike4j.interop.AttackCase.Expect.answer;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.EapPayload;
import io.ike4j.core.codec.payload.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Crafted EAP (RFC 3748, RFC 7296 2.16) against the daemon's EAP-MD5 connection {@code attack-eap}: the attacker's first
 * IKE_AUTH leaves out AUTH (asking for EAP), the daemon answers with its AUTH and an EAP request, and the attacker's
 * next IKE_AUTH carries EAP with lengths that disagree with the payload, an early EAP-Success, or AUTH without EAP.
 */
final class EapAttacks {
    private EapAttacks() {}

    static Stream<AttackCase> cases() {
        List<AttackCase> c = new ArrayList<>();
        c.add(eap("EAP length field 200 in a 10-byte message", id -> new byte[] {2, id, 0, (byte) 200, 1, 'c', 'a', 'r', 'o', 'l'},
                answer(NotifyType.INVALID_SYNTAX), "invalid IKE_AUTH request: EAP length 200 != payload data 10"));
        c.add(eap("EAP length field 2 (shorter than its header)", id -> new byte[] {2, id, 0, 2}, answer(NotifyType.INVALID_SYNTAX),
                "invalid IKE_AUTH request: EAP length 2 != payload data 4"));
        c.add(eap("EAP payload of one byte", id -> new byte[] {2}, answer(NotifyType.INVALID_SYNTAX), "invalid IKE_AUTH request: EAP identifier"));
        c.add(eap("EAP-Success sent by the client", id -> new byte[] {3, id, 0, 4}, answer(NotifyType.AUTHENTICATION_FAILED),
                "AUTHENTICATION_FAILED"));
        c.add(eap("EAP-Response of type MD5 with value size 255 and 16 bytes", id -> {
            byte[] m = new byte[4 + 2 + 16];
            m[0] = 2;
            m[1] = id;
            m[3] = (byte) m.length;
            m[4] = 4;
            m[5] = (byte) 255;
            return m;
        }, answer(NotifyType.AUTHENTICATION_FAILED), "AUTHENTICATION_FAILED"));
        c.add(new AttackCase("IKE_AUTH EAP: AUTH (as after EAP) without any EAP", AdversarialLab.EAP_ATTACKER, a -> {
            Adversary.HalfOpen h = a.saInit();
            first(h);
            return h.exchange(h.seal(ExchangeType.IKE_AUTH, 2, List.of(new AuthenticationPayload(2, new byte[32], false))));
        }, answer(NotifyType.AUTHENTICATION_FAILED), "AUTHENTICATION_FAILED"));
        return c.stream();
    }

    /** The first IKE_AUTH without AUTH; the answer must carry the daemon's EAP request. Returns that request. */
    private static byte[] first(Adversary.HalfOpen h) {
        Adversary.Answer r = h.exchange(h.seal(ExchangeType.IKE_AUTH, 1, h.authWithout(p -> p instanceof AuthenticationPayload)),
                Adversary.ANSWER);
        return r.message().flatMap(m -> m.first(EapPayload.class)).map(EapPayload::message)
                .orElseThrow(() -> new AssertionError("no EAP request in the answer to IKE_AUTH without AUTH: " + r));
    }

    /** After the daemon's EAP request, an IKE_AUTH (message ID 2) with the EAP message {@code make(request identifier)}. */
    private static AttackCase eap(String name, java.util.function.Function<Byte, byte[]> make, AttackCase.Expect expect, String log) {
        return new AttackCase("IKE_AUTH EAP: " + name, AdversarialLab.EAP_ATTACKER, a -> {
            Adversary.HalfOpen h = a.saInit();
            byte[] request = first(h);
            List<Payload> p = List.of(new EapPayload(make.apply(request.length > 1 ? request[1] : 0), false));
            return h.exchange(h.seal(ExchangeType.IKE_AUTH, 2, p));
        }, expect, log);
    }
}
