package io.ike4j.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares two peers' views of the same SA: one side's initiator is the other's responder, IKE SPIs are equal,
 * CHILD SPIs are crossed (my in = your out), algorithms equal and traffic selectors mirrored.
 */
public final class SaAgreement {

    private SaAgreement() {
    }

    /** The disagreements between {@code a} and {@code b} as readable lines; empty when they describe one IKE SA. */
    public static List<String> disagreements(SaView a, SaView b) {
        List<String> out = new ArrayList<>();
        same(out, "state", a.state(), b.state());
        if (a.initiator() == b.initiator()) {
            out.add("both sides claim initiator=" + a.initiator());
        }
        same(out, "initiator-spi", a.initiatorSpi(), b.initiatorSpi());
        same(out, "responder-spi", a.responderSpi(), b.responderSpi());
        same(out, "encr-alg", a.encrAlg(), b.encrAlg());
        same(out, "encr-keysize", a.encrKeysize(), b.encrKeysize());
        same(out, "integ-alg", a.integAlg(), b.integAlg());
        same(out, "prf-alg", a.prfAlg(), b.prfAlg());
        same(out, "dh-group", a.dhGroup(), b.dhGroup());
        same(out, "local-id/remote-id", canonicalId(a.localId()), canonicalId(b.remoteId()));
        same(out, "remote-id/local-id", canonicalId(a.remoteId()), canonicalId(b.localId()));
        for (ChildSaView ca : a.children()) {
            ChildSaView cb = b.children().stream().filter(c -> Objects.equals(c.spiIn(), ca.spiOut())).findFirst().orElse(null);
            if (cb == null) {
                out.add("child " + ca.name() + ": no child on the other side has spi-in " + ca.spiOut());
                continue;
            }
            String p = "child " + ca.name() + " ";
            same(out, p + "spi-in/spi-out", ca.spiIn(), cb.spiOut());
            same(out, p + "state", ca.state(), cb.state());
            same(out, p + "mode", ca.mode(), cb.mode());
            same(out, p + "protocol", ca.protocol(), cb.protocol());
            same(out, p + "encr-alg", ca.encrAlg(), cb.encrAlg());
            same(out, p + "encr-keysize", ca.encrKeysize(), cb.encrKeysize());
            same(out, p + "integ-alg", ca.integAlg(), cb.integAlg());
            same(out, p + "local-ts/remote-ts", ca.localTs(), cb.remoteTs());
            same(out, p + "remote-ts/local-ts", ca.remoteTs(), cb.localTs());
        }
        if (a.children().size() != b.children().size()) {
            out.add("child count " + a.children().size() + " vs " + b.children().size());
        }
        return out;
    }

    /**
     * An identity in strongSwan's display form, so both peers' ways of printing one ID_KEY_ID compare equal:
     * ike4j shows a key id as configured ({@code @#0a0b0c}), strongSwan as text when printable, else as
     * colon-separated hex ({@code 0a:0b:0c}). Other identities are returned unchanged.
     */
    public static String canonicalId(String id) {
        if (id == null || !id.matches("@#([0-9a-fA-F]{2})+")) {
            return id;
        }
        byte[] b = java.util.HexFormat.of().parseHex(id.substring(2));
        boolean printable = true;
        for (byte x : b) {
            printable &= x >= 0x20 && x < 0x7f;
        }
        if (printable) {
            return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return java.util.HexFormat.ofDelimiter(":").formatHex(b);
    }

    private static void same(List<String> out, String what, Object x, Object y) {
        if (!Objects.equals(x, y)) {
            out.add(what + ": " + x + " vs " + y);
        }
    }
}
