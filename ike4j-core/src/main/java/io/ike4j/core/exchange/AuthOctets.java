package io.ike4j.core.exchange;

import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.sa.IkeSa;
import java.util.Arrays;

/** The signed octets of either side of an SA (RFC 7296 2.15), whatever our role. */
final class AuthOctets {
    private AuthOctets() {}

    /** InitiatorSignedOctets = RealMessage1 | NonceRData | prf(SK_pi, IDi'). */
    static byte[] initiator(IkeSa sa, Identity idi) {
        byte[] realMessage1 = sa.isInitiator() ? sa.ownInitMessage : sa.peerInitMessage;
        byte[] sk = sa.keys.skPi();
        try {
            return withIntAuth(sa, PskAuthUnit.signedOctets(Prf.of(sa.transforms.prf()), realMessage1, sa.nonceR, sk, idi));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    /** ResponderSignedOctets = RealMessage2 | NonceIData | prf(SK_pr, IDr'). */
    static byte[] responder(IkeSa sa, Identity idr) {
        byte[] realMessage2 = sa.isInitiator() ? sa.peerInitMessage : sa.ownInitMessage;
        byte[] sk = sa.keys.skPr();
        try {
            return withIntAuth(sa, PskAuthUnit.signedOctets(Prf.of(sa.transforms.prf()), realMessage2, sa.nonceI, sk, idr));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    /**
     * RFC 9242 3.3.2: after IKE_INTERMEDIATE exchanges every AUTH also covers IntAuth_i | IntAuth_r | IKE_AUTH_MID,
     * the Message ID of the first IKE_AUTH request (the one after the last IKE_INTERMEDIATE).
     */
    private static byte[] withIntAuth(IkeSa sa, byte[] octets) {
        return IntermediateAuthUnit.signedOctets(sa, octets, sa.intermediate.exchanges() + 1L);
    }
}
