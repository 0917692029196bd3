package io.ike4j.interop;

import static io.ike4j.interop.V1AttackCase.silent;
import static io.ike4j.interop.V1InformationalAttacks.assertSurvives;
import static io.ike4j.interop.V1InformationalAttacks.established;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1FragmentCodec;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * IKEv1 fragments (the FRAGMENTATION extension, payload 132) against the daemon, with the attacker's established
 * ISAKMP SA's cookies: ID 0, number 0, no data, an overlong total, a fragment of a fragment, fragments for no SA. Each
 * is dropped silently with its typed fault in the log and the SA survives; an authentic R-U-THERE split into
 * fragments is reassembled and answered.
 */
final class V1FragmentAttacks {
    private static final V1FragmentCodec FRAGMENTS = new V1FragmentCodec();

    private V1FragmentAttacks() {}

    static Stream<V1AttackCase> cases() {
        List<V1AttackCase> c = new ArrayList<>();
        c.add(dropped("v1 fragment: ID 0", 0, 1, new byte[40], "ID_ZERO"));
        c.add(dropped("v1 fragment: number 0", 1, 0, new byte[40], "NUMBER_ZERO"));
        c.add(dropped("v1 fragment: no data", 1, 1, new byte[0], "NO_DATA"));
        c.add(new V1AttackCase("v1 fragment: overlong total", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            for (int n = 1; n <= 60; n++) a.send(fragment(sa.cookieI, sa.cookieR, 1, n, false, new byte[1100]));
            assertSurvives(lab, a);
        }, "dropped IKEv1 fragment .*TOO_LARGE"));
        c.add(new V1AttackCase("v1 fragment: a fragment of a fragment", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            byte[] inner = fragment(sa.cookieI, sa.cookieR, 1, 1, true, new byte[20]);
            for (byte[] p : split(sa, inner, 16)) silent(a, p);
            assertSurvives(lab, a);
        }, "dropped reassembled IKEv1 message: too short or itself a fragment"));
        c.add(new V1AttackCase("v1 fragment: for no ISAKMP SA", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            silent(a, fragment(sa.cookieI ^ 0x5a5a, sa.cookieR ^ 0x5a5a, 1, 1, true, new byte[40]));
            assertSurvives(lab, a);
        }, "dropped IKEv1 fragment from .* for no known ISAKMP SA"));
        c.add(new V1AttackCase("v1 fragment: an authentic R-U-THERE in fragments is answered", (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            List<byte[]> pieces = split(sa, a.ruThere(4242), 24);
            for (int i = pieces.size() - 1; i > 0; i--) a.send(pieces.get(i)); // any order
            a.send(pieces.getFirst());
            assertThat(a.ackOf(4242, V1Insider.ANSWER)).as("R-U-THERE-ACK to the reassembled R-U-THERE").isTrue();
            assertSurvives(lab, a);
        }, "reassembled fragmented IKE message"));
        return c.stream();
    }

    private static V1AttackCase dropped(String name, int id, int number, byte[] data, String fault) {
        return new V1AttackCase(name, (lab, a) -> {
            IsakmpSa sa = established(lab, a);
            silent(a, fragment(sa.cookieI, sa.cookieR, id, number, true, data));
            assertSurvives(lab, a);
        }, "dropped IKEv1 fragment .*" + fault);
    }

    private static byte[] fragment(long cookieI, long cookieR, int id, int number, boolean last, byte[] data) {
        IsakmpHeader h = IsakmpHeader.of(cookieI, cookieR, V1ExchangeType.IDENTITY_PROTECTION, false, 0);
        return FRAGMENTS.encode(new IsakmpFragment(h, id, number, last ? IsakmpFragment.FLAG_LAST : 0, Octets.of(data)));
    }

    private static List<byte[]> split(IsakmpSa sa, byte[] message, int size) {
        List<byte[]> out = new ArrayList<>();
        int n = (message.length + size - 1) / size;
        for (int i = 0; i < n; i++) {
            byte[] part = Arrays.copyOfRange(message, i * size, Math.min(message.length, (i + 1) * size));
            out.add(fragment(sa.cookieI, sa.cookieR, 1, i + 1, i == n - 1, part));
        }
        return out;
    }
}
