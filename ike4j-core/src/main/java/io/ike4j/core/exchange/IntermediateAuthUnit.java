package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.PayloadType;
import io.ike4j.core.codec.WireWriter;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.sa.IkeSa;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RFC 9242 3.3.2: the IKE_INTERMEDIATE messages are authenticated by the AUTH payloads of IKE_AUTH through
 * IntAuth_i / IntAuth_r, chained over the exchanges:
 * <pre>
 *   IntAuth_i(n) = prf(SK_pi(n), IntAuth_i(n-1) | IntAuth_i(n)_A | IntAuth_i(n)_P)     (IntAuth_i(0) empty)
 *   IntAuth_r(n) = prf(SK_pr(n), IntAuth_r(n-1) | IntAuth_r(n)_A | IntAuth_r(n)_P)
 * </pre>
 * where _A is the message from the first octet of the IKE header to the last octet of the Encrypted payload's
 * generic header, and _P the inner payloads in clear (no IV, padding, pad length or ICV). The IKE header's Length
 * and the Encrypted payload's Payload Length are those of a message whose SK payload held only the inner payloads
 * (length(A) + length(P), resp. 4 + length(P)); a fragmented message is taken as if it had not been fragmented
 * (RFC 9242 3.3.2, RFC 7383). SK_pi(n)/SK_pr(n) are the keys protecting the n-th IKE_INTERMEDIATE exchange.
 * Then {@code SignedOctets = RealMessage | Nonce | MACedID | IntAuth_i | IntAuth_r | IKE_AUTH_MID} (RFC 9242 3.3.2),
 * IKE_AUTH_MID being the 4-octet message ID of the IKE_AUTH request.
 */
final class IntermediateAuthUnit {
    private IntermediateAuthUnit() {}

    /**
     * IntAuth_[i|r](n)_A | IntAuth_[i|r](n)_P of an IKE_INTERMEDIATE message with {@code header} and the inner
     * payloads {@code inner} (IKE_INTERMEDIATE carries no payload outside SK).
     */
    static byte[] authenticatedData(IkeHeader header, List<Payload> inner) {
        byte[] plain = Messenger.CODEC.encodePayloads(inner);
        try {
            int aLength = IkeHeader.SIZE + 4;
            WireWriter w = new WireWriter(aLength + plain.length);
            header.encode(w, PayloadType.SK.value(), aLength + plain.length);
            w.u8(inner.isEmpty() ? 0 : inner.getFirst().payloadType()).u8(0).u16(4 + plain.length);
            w.bytes(plain);
            return w.toByteArray();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * IntAuth_A | IntAuth_P of a received IKE_INTERMEDIATE message, from the exact bytes the peer sent when the
     * datagram is a whole message whose only payload is SK (the normal case): the plaintext is opened again with
     * {@code inbound} and the two length fields adjusted. Otherwise (SKF fragments, RFC 7383) from the decoded
     * inner payloads, re-encoded as if unfragmented.
     */
    static byte[] receivedData(IkeMessage decoded, byte[] datagram, EncryptedPayloadProtection inbound) {
        int prefix = IkeHeader.SIZE + 4;
        if (datagram.length > prefix && (datagram[16] & 0xff) == PayloadType.SK.value()) {
            Optional<byte[]> plain = inbound.open(datagram, prefix, datagram.length - prefix);
            if (plain.isPresent()) {
                byte[] p = plain.get();
                try {
                    WireWriter w = new WireWriter(prefix + p.length).bytes(Arrays.copyOf(datagram, prefix)).bytes(p);
                    w.patchU32(24, prefix + p.length);
                    w.patchU16(IkeHeader.SIZE + 2, 4 + p.length);
                    return w.toByteArray();
                } finally {
                    Arrays.fill(p, (byte) 0);
                }
            }
        }
        return authenticatedData(decoded.header(), decoded.payloads());
    }

    /** IntAuth(n) = prf(SK_p(n), IntAuth(n-1) | A | P). */
    static byte[] chain(Prf prf, byte[] skP, byte[] previous, byte[] authenticatedData) {
        try {
            return prf.compute(skP, previous, authenticatedData);
        } finally {
            Arrays.fill(skP, (byte) 0);
        }
    }

    /**
     * The octets an AUTH payload covers: {@code octets} (RFC 7296 2.15) followed by IntAuth_i | IntAuth_r |
     * IKE_AUTH_MID when IKE_INTERMEDIATE exchanges took place, else {@code octets} unchanged.
     */
    static byte[] signedOctets(IkeSa sa, byte[] octets, long ikeAuthMessageId) {
        if (sa.intermediate.exchanges() == 0) return octets;
        byte[] i = sa.intermediate.intAuthI(), r = sa.intermediate.intAuthR();
        try {
            return new WireWriter(octets.length + i.length + r.length + 4).bytes(octets).bytes(i).bytes(r)
                    .u32(ikeAuthMessageId).toByteArray();
        } finally {
            Arrays.fill(i, (byte) 0);
            Arrays.fill(r, (byte) 0);
        }
    }
}
