package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire formats of the MOBIKE (RFC 4555 4) and redirect (RFC 5685 8, 9) notifications, and where they belong. */
class MobikeRedirectUnitsTest {
    private static IkeMessage message(ExchangeType ex, boolean response, List<Payload> ps) {
        return new IkeMessage(IkeHeader.of(1, 2, ex, true, response, 1), ps);
    }

    @Test
    void redirectCarriesTypeLengthIdentityAndNonce() throws Exception {
        byte[] nonce = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
        NotifyPayload n = RedirectUnit.redirect(RedirectUnit.Gateway.parse("192.0.2.3").orElseThrow(), nonce);
        assertThat(n.notifyType()).isEqualTo(16407);
        assertThat(HexFormat.of().formatHex(n.data())).isEqualTo("0104c0000203" + "0102030405060708090a0b0c0d0e0f10");
        RedirectUnit.Redirect r = RedirectUnit.parse(n.data()).orElseThrow();
        assertThat(r.gateway().address()).contains(InetAddress.getByName("192.0.2.3"));
        assertThat(r.nonce()).isEqualTo(nonce);
    }

    @Test
    void redirectToIpv6AndFqdn() throws Exception {
        NotifyPayload v6 = RedirectUnit.redirect(RedirectUnit.Gateway.parse("2001:db8::1").orElseThrow(), new byte[0]);
        assertThat(v6.data()[0]).isEqualTo((byte) 2);
        assertThat(v6.data()[1]).isEqualTo((byte) 16);
        assertThat(RedirectUnit.parse(v6.data()).orElseThrow().gateway().address()).contains(InetAddress.getByName("2001:db8::1"));
        NotifyPayload fqdn = RedirectUnit.redirect(RedirectUnit.Gateway.parse("vpn2.example.org").orElseThrow(), new byte[0]);
        assertThat(fqdn.data()[0]).isEqualTo((byte) 3);
        RedirectUnit.Redirect r = RedirectUnit.parse(fqdn.data()).orElseThrow();
        assertThat(r.gateway().address()).isEmpty();
        assertThat(r.gateway().name()).isEqualTo("vpn2.example.org");
    }

    @Test
    void malformedRedirectsAreIgnored() {
        assertThat(RedirectUnit.parse(new byte[0])).isEmpty();
        assertThat(RedirectUnit.parse(new byte[] {1, 4, 1, 2})).isEmpty(); // too short
        assertThat(RedirectUnit.parse(new byte[] {1, 3, 1, 2, 3})).isEmpty(); // IPv4 of 3 bytes
        assertThat(RedirectUnit.parse(new byte[] {9, 1, 1})).isEmpty(); // unknown type
        assertThat(RedirectUnit.parse(new byte[] {3, 2, 0, 'a'})).isEmpty(); // control character in an FQDN
    }

    @Test
    void redirectedFromNamesTheOriginalGateway() throws Exception {
        NotifyPayload n = RedirectUnit.redirectedFrom(InetAddress.getByName("192.0.2.2"));
        assertThat(n.notifyType()).isEqualTo(16408);
        assertThat(HexFormat.of().formatHex(n.data())).isEqualTo("0104c0000202");
    }

    @Test
    void addressListsAndCookie2() throws Exception {
        InetAddress used = InetAddress.getByName("192.0.2.1");
        List<Payload> ps = MobikeUnit.addressList(List.of(used, InetAddress.getByName("198.51.100.1"),
                InetAddress.getByName("2001:db8::5"), InetAddress.getByName("127.0.0.1"), InetAddress.getByName("fe80::1")), used);
        assertThat(ps).extracting(p -> ((NotifyPayload) p).notifyType())
                .containsExactly(NotifyType.ADDITIONAL_IP4_ADDRESS.value(), NotifyType.ADDITIONAL_IP6_ADDRESS.value());
        IkeMessage m = message(ExchangeType.INFORMATIONAL, false, ps);
        assertThat(MobikeUnit.peerAddresses(m).orElseThrow())
                .containsExactly(InetAddress.getByName("198.51.100.1"), InetAddress.getByName("2001:db8::5"));
        List<Payload> none = MobikeUnit.addressList(List.of(used), used);
        assertThat(((NotifyPayload) none.getFirst()).notifyType()).isEqualTo(NotifyType.NO_ADDITIONAL_ADDRESSES.value());
        assertThat(MobikeUnit.peerAddresses(message(ExchangeType.INFORMATIONAL, false, none)).orElseThrow()).isEmpty();
        assertThat(MobikeUnit.peerAddresses(message(ExchangeType.INFORMATIONAL, false, List.of()))).isEmpty();

        byte[] c = new byte[16];
        c[3] = 7;
        assertThat(MobikeUnit.echoes(message(ExchangeType.INFORMATIONAL, true, List.of(MobikeUnit.cookie2(c))), c)).isTrue();
        byte[] other = c.clone();
        other[0] = 1;
        assertThat(MobikeUnit.echoes(message(ExchangeType.INFORMATIONAL, true, List.of(MobikeUnit.cookie2(other))), c)).isFalse();
        assertThat(MobikeUnit.cookie2(message(ExchangeType.INFORMATIONAL, true, List.of(MobikeUnit.cookie2(new byte[4]))))).isEmpty();
    }

    @Test
    void notificationsOnlyCountWhereTheyBelong() {
        assertThat(MessageRules.notifyBelongs(NotifyType.UPDATE_SA_ADDRESSES, ExchangeType.INFORMATIONAL, true)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.UPDATE_SA_ADDRESSES, ExchangeType.INFORMATIONAL, false)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.UPDATE_SA_ADDRESSES, ExchangeType.CREATE_CHILD_SA, true)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.REDIRECT, ExchangeType.IKE_SA_INIT, false)).isTrue();
        assertThat(MessageRules.notifyBelongs(NotifyType.REDIRECT, ExchangeType.IKE_SA_INIT, true)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.MOBIKE_SUPPORTED, ExchangeType.IKE_SA_INIT, true)).isFalse();
        assertThat(MessageRules.notifyBelongs(NotifyType.INITIAL_CONTACT, ExchangeType.IKE_AUTH, true)).isTrue();
        byte[] gw = RedirectUnit.redirect(RedirectUnit.Gateway.parse("192.0.2.3").orElseThrow(), new byte[0]).data();
        IkeMessage misplaced = message(ExchangeType.CREATE_CHILD_SA, true, List.of(NotifyPayload.of(NotifyType.REDIRECT, gw)));
        assertThat(RedirectUnit.redirect(misplaced)).isEmpty();
        IkeMessage placed = message(ExchangeType.INFORMATIONAL, false, List.of(NotifyPayload.of(NotifyType.REDIRECT, gw)));
        assertThat(RedirectUnit.redirect(placed)).isPresent();
    }
}
