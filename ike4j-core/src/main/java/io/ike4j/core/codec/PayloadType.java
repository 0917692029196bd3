package io.ike4j.core.codec;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Payload Types (IANA "IKEv2 Payload Types"; RFC 7296 3.2, RFC 7383, RFC 8019, RFC 9838). NONE is "No Next Payload". */
public enum PayloadType implements IanaValue {
    NONE(0),
    SA(33),
    KE(34),
    IDI(35),
    IDR(36),
    CERT(37),
    CERTREQ(38),
    AUTH(39),
    NONCE(40),
    NOTIFY(41),
    DELETE(42),
    VENDOR_ID(43),
    TSI(44),
    TSR(45),
    SK(46),
    CP(47),
    EAP(48),
    GSPM(49),
    IDG(50),
    GSA(51),
    KD(52),
    SKF(53),
    PS(54);

    private final int value;

    PayloadType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<PayloadType> of(int value) {
        for (PayloadType e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }

    /**
     * True for the IKEv1 (ISAKMP, RFC 2408 3.1 / RFC 2409) payload numbers 1..20, which are reserved in IKEv2:
     * seeing one in an IKEv2 message means an IKEv1 message was mislabelled or the peer is broken.
     */
    public static boolean isIkev1PayloadType(int value) {
        return value >= 1 && value <= 20;
    }
}
