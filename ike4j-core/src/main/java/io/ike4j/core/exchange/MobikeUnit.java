package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The MOBIKE notifications (RFC 4555 4): what they look like on the wire and what a received message says. */
public final class MobikeUnit {
    /** COOKIE2 data: 8..64 bytes (RFC 4555 4.2.2 allows up to 64; strongSwan sends 16). */
    static final int COOKIE2_LENGTH = 16;

    private MobikeUnit() {}

    public static NotifyPayload supported() {
        return NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED, new byte[0]);
    }

    public static NotifyPayload update() {
        return NotifyPayload.of(NotifyType.UPDATE_SA_ADDRESSES, new byte[0]);
    }

    public static NotifyPayload cookie2(byte[] data) {
        return NotifyPayload.of(NotifyType.COOKIE2, data);
    }

    /**
     * RFC 4555 3.4, 4.2.1: our addresses other than {@code used} as ADDITIONAL_IP4/6_ADDRESS, or NO_ADDITIONAL_ADDRESSES
     * when there are none (loopback, link-local and wildcard addresses are never announced).
     */
    public static List<Payload> addressList(List<InetAddress> ours, InetAddress used) {
        List<Payload> ps = new ArrayList<>();
        for (InetAddress a : ours) {
            if (a.equals(used) || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) continue;
            ps.add(NotifyPayload.of(a.getAddress().length == 4 ? NotifyType.ADDITIONAL_IP4_ADDRESS
                    : NotifyType.ADDITIONAL_IP6_ADDRESS, a.getAddress()));
        }
        if (ps.isEmpty()) ps.add(NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES, new byte[0]));
        return ps;
    }

    /** The peer's additional addresses if the message carries an address list (RFC 4555 3.6), empty Optional if not. */
    public static Optional<List<InetAddress>> peerAddresses(IkeMessage m) {
        boolean any = false;
        List<InetAddress> out = new ArrayList<>();
        for (NotifyPayload n : m.all(NotifyPayload.class)) {
            int t = n.notifyType();
            if (t == NotifyType.NO_ADDITIONAL_ADDRESSES.value()) {
                any = true;
            } else if ((t == NotifyType.ADDITIONAL_IP4_ADDRESS.value() && n.data().length == 4)
                    || (t == NotifyType.ADDITIONAL_IP6_ADDRESS.value() && n.data().length == 16)) {
                any = true;
                try {
                    out.add(InetAddress.getByAddress(n.data()));
                } catch (UnknownHostException e) {
                    // cannot happen for 4 or 16 bytes
                }
            }
        }
        return any ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    /** The COOKIE2 data of a message, if it carries a well-formed one (8..64 bytes, RFC 4555 4.2.2). */
    public static Optional<byte[]> cookie2(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == NotifyType.COOKIE2.value())
                .map(NotifyPayload::data).filter(d -> d.length >= 8 && d.length <= 64).findFirst();
    }

    /** RFC 4555 3.5: the response must echo our COOKIE2 exactly. */
    public static boolean echoes(IkeMessage response, byte[] sent) {
        return cookie2(response).filter(c -> MessageDigest.isEqual(c, sent)).isPresent();
    }

    /** Whether the message carries anything MOBIKE (so that the INFORMATIONAL responder hands it to MOBIKE). */
    public static boolean concerns(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().anyMatch(n -> {
            int t = n.notifyType();
            return t == NotifyType.UPDATE_SA_ADDRESSES.value() || t == NotifyType.COOKIE2.value()
                    || t == NotifyType.ADDITIONAL_IP4_ADDRESS.value() || t == NotifyType.ADDITIONAL_IP6_ADDRESS.value()
                    || t == NotifyType.NO_ADDITIONAL_ADDRESSES.value();
        });
    }
}
