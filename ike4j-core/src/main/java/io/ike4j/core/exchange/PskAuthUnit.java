package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.AuthenticationOctets;
import io.ike4j.core.crypto.Prf;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Pre-shared key authentication (RFC 7296 2.15):
 * AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), SignedOctets), where SignedOctets =
 * RealMessage | Nonce of the peer | prf(SK_px, RestOfIDPayload) and RestOfIDPayload = IDType | RESERVED | ID data.
 */
public final class PskAuthUnit {
    private PskAuthUnit() {}

    /** The signed octets of one side (RFC 7296 2.15). */
    public static byte[] signedOctets(Prf prf, byte[] realMessage, byte[] peerNonce, byte[] skP, Identity id) {
        byte[] rest = new byte[4 + id.data().length];
        rest[0] = (byte) id.concreteType().value(); // RestOfIDPayload: ID Type | RESERVED | data
        System.arraycopy(id.data(), 0, rest, 4, id.data().length);
        return AuthenticationOctets.signedOctets(realMessage, peerNonce, AuthenticationOctets.macedId(prf, skP, rest));
    }

    public static byte[] compute(Prf prf, byte[] psk, byte[] signedOctets) {
        return AuthenticationOctets.pskAuth(prf, psk, signedOctets);
    }

    public static AuthenticationPayload payload(Prf prf, byte[] psk, byte[] signedOctets) {
        return new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC.value(), compute(prf, psk, signedOctets));
    }

    /** Constant-time verification of a received AUTH payload; false for another method. */
    public static boolean verify(Prf prf, byte[] psk, byte[] signedOctets, AuthenticationPayload auth) {
        if (auth.method() != AuthMethod.SHARED_KEY_MIC.value()) return false;
        byte[] expected = compute(prf, psk, signedOctets);
        try {
            return MessageDigest.isEqual(expected, auth.data());
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }
}
