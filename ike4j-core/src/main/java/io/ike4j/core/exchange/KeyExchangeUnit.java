package io.ike4j.core.exchange;

import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Optional;

/** KE payloads (RFC 7296 1.2, 3.4) and INVALID_KE_PAYLOAD (3.10.1: data = the 2-byte group the responder wants). */
public final class KeyExchangeUnit {
    private KeyExchangeUnit() {}

    public static KeyExchange initiate(KeyExchangeMethod method, RandomSource random) throws KeyExchangeException {
        return KeyExchanges.initiate(method, random);
    }

    public static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peer, RandomSource random)
            throws KeyExchangeException {
        return KeyExchanges.respond(method, peer, random);
    }

    /** The session's randomness and the engine's provider for the method's group ({@link CryptoProviders}). */
    static KeyExchange initiate(KeyExchangeMethod method, Session s) throws KeyExchangeException {
        return KeyExchanges.initiate(method, s.context().random(), EngineCrypto.of(s).keyExchange(method));
    }

    static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peer, Session s) throws KeyExchangeException {
        return KeyExchanges.respond(method, peer, s.context().random(), EngineCrypto.of(s).keyExchange(method));
    }

    public static KeyExchangePayload payload(KeyExchangeMethod method, byte[] publicValue) {
        return new KeyExchangePayload(method.value(), publicValue);
    }

    public static NotifyPayload invalidKe(KeyExchangeMethod wanted) {
        return NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte) (wanted.value() >>> 8), (byte) wanted.value()});
    }

    /** The group requested by an INVALID_KE_PAYLOAD notify, if its data is well-formed. */
    public static Optional<Integer> requestedGroup(NotifyPayload n) {
        byte[] d = n.data();
        return d.length == 2 ? Optional.of(((d[0] & 0xff) << 8) | (d[1] & 0xff)) : Optional.empty();
    }
}
