package io.ike4j.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 7296 2.15 AUTH inputs. InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI with
 * MACedIDForI = prf(SK_pi, RestOfInitIDPayload); the responder mirror uses RealMessage2, NonceIData and
 * prf(SK_pr, RestOfRespIDPayload). RestOfXIDPayload (IDx') is the ID payload body without the generic
 * payload header: ID Type, three reserved bytes, identification data.
 */
public final class AuthenticationOctets {

    /** RFC 7296 2.15: the 17 ASCII characters, no terminator. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private AuthenticationOctets() {}

    /** MACedIDForX = prf(SK_px, IDx'). */
    public static byte[] macedId(Prf prf, byte[] skP, byte[] idPayloadBody) {
        return prf.compute(skP, idPayloadBody);
    }

    /** RealMessage | NonceData | MACedID. */
    public static byte[] signedOctets(byte[] realMessage, byte[] peerNonce, byte[] macedId) {
        return Bytes.concat(realMessage, peerNonce, macedId);
    }

    /** InitiatorSignedOctets = RealMessage1 | NonceRData | prf(SK_pi, IDi'). */
    public static byte[] initiatorSignedOctets(Prf prf, byte[] skPi, byte[] realMessage1, byte[] nonceR,
            byte[] idiBody) {
        return signedOctets(realMessage1, nonceR, macedId(prf, skPi, idiBody));
    }

    /** ResponderSignedOctets = RealMessage2 | NonceIData | prf(SK_pr, IDr'). */
    public static byte[] responderSignedOctets(Prf prf, byte[] skPr, byte[] realMessage2, byte[] nonceI,
            byte[] idrBody) {
        return signedOctets(realMessage2, nonceI, macedId(prf, skPr, idrBody));
    }

    /** Shared-key AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), SignedOctets). */
    public static byte[] pskAuth(Prf prf, byte[] sharedSecret, byte[] signedOctets) {
        byte[] inner = prf.compute(sharedSecret, KEY_PAD);
        try {
            return prf.compute(inner, signedOctets);
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }
}
