package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.IpLiterals;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The redirect notifications (RFC 5685 8, 9): REDIRECT_SUPPORTED, REDIRECT and REDIRECTED_FROM. A gateway identity
 * is {@code GW Ident Type (1) | GW Ident Len (1) | identity}, type 1 IPv4, 2 IPv6, 3 FQDN; REDIRECT in an
 * IKE_SA_INIT response also carries the initiator's nonce after it (RFC 5685 8.1).
 */
public final class RedirectUnit {
    static final int IPV4 = 1;
    static final int IPV6 = 2;
    static final int FQDN = 3;

    private RedirectUnit() {}

    /** A gateway identity: an address or an FQDN (the core resolves no names). */
    public record Gateway(Optional<InetAddress> address, String name) {
        public static Optional<Gateway> parse(String text) {
            if (text == null || text.isBlank() || text.length() > 255) return Optional.empty();
            Optional<InetAddress> ip = IpLiterals.parse(text.trim());
            return Optional.of(new Gateway(ip, ip.map(InetAddress::getHostAddress).orElse(text.trim())));
        }

        @Override
        public String toString() { return name; }
    }

    /** A received REDIRECT: the new gateway and the nonce data (empty outside IKE_SA_INIT). */
    public record Redirect(Gateway gateway, byte[] nonce) {}

    public static NotifyPayload supported() {
        return NotifyPayload.of(NotifyType.REDIRECT_SUPPORTED, new byte[0]);
    }

    public static NotifyPayload redirect(Gateway gw, byte[] nonce) {
        byte[] id = identity(gw);
        byte[] data = Arrays.copyOf(id, id.length + nonce.length);
        System.arraycopy(nonce, 0, data, id.length, nonce.length);
        return NotifyPayload.of(NotifyType.REDIRECT, data);
    }

    public static NotifyPayload redirectedFrom(InetAddress original) {
        return NotifyPayload.of(NotifyType.REDIRECTED_FROM, identity(new Gateway(Optional.of(original), original.getHostAddress())));
    }

    private static byte[] identity(Gateway gw) {
        byte[] id = gw.address().map(InetAddress::getAddress).orElseGet(() -> gw.name().getBytes(StandardCharsets.US_ASCII));
        int type = gw.address().isEmpty() ? FQDN : id.length == 4 ? IPV4 : IPV6;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        b.write(id.length);
        b.writeBytes(id);
        return b.toByteArray();
    }

    /** The first well-formed REDIRECT of a message (malformed ones are ignored, RFC 7296 3.10.1 status types). */
    public static Optional<Redirect> redirect(IkeMessage m) {
        if (!io.ike4j.core.codec.MessageRules.carries(m, NotifyType.REDIRECT)) return Optional.empty();
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == NotifyType.REDIRECT.value())
                .map(n -> parse(n.data())).flatMap(Optional::stream).findFirst();
    }

    /** Whether the initiator announced redirect support (REDIRECT_SUPPORTED, or REDIRECTED_FROM after a redirect). */
    public static boolean supports(IkeMessage m) {
        return MessageRules.carries(m, NotifyType.REDIRECT_SUPPORTED) || MessageRules.carries(m, NotifyType.REDIRECTED_FROM);
    }

    static Optional<Redirect> parse(byte[] d) {
        if (d.length < 2) return Optional.empty();
        int type = d[0] & 0xff, len = d[1] & 0xff;
        if (d.length < 2 + len || len == 0) return Optional.empty();
        byte[] id = Arrays.copyOfRange(d, 2, 2 + len);
        byte[] nonce = Arrays.copyOfRange(d, 2 + len, d.length);
        Gateway gw;
        switch (type) {
            case IPV4, IPV6 -> {
                if (id.length != (type == IPV4 ? 4 : 16)) return Optional.empty();
                try {
                    InetAddress a = InetAddress.getByAddress(id);
                    gw = new Gateway(Optional.of(a), a.getHostAddress());
                } catch (java.net.UnknownHostException e) {
                    return Optional.empty();
                }
            }
            case FQDN -> {
                String name = new String(id, StandardCharsets.US_ASCII);
                if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) return Optional.empty();
                gw = new Gateway(Optional.empty(), name);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Redirect(gw, nonce));
    }
}
