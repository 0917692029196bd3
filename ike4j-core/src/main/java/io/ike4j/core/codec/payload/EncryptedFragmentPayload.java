package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;

/**
 * Encrypted Fragment payload SKF (RFC 7383 2.5). {@code firstInnerPayload} is the Next Payload field: the first
 * inner payload type in fragment 1, zero in the others. Fragment numbers run 1..{@code totalFragments}.
 */
public record EncryptedFragmentPayload(int firstInnerPayload, int fragmentNumber, int totalFragments, byte[] body,
                                       boolean critical) implements Payload {
    public EncryptedFragmentPayload {
        body = body.clone();
    }

    public EncryptedFragmentPayload(int firstInnerPayload, int fragmentNumber, int totalFragments, byte[] body) {
        this(firstInnerPayload, fragmentNumber, totalFragments, body, false);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    @Override
    public int payloadType() {
        return PayloadType.SKF.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedFragmentPayload p && p.firstInnerPayload == firstInnerPayload
                && p.fragmentNumber == fragmentNumber && p.totalFragments == totalFragments && p.critical == critical
                && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return (((firstInnerPayload * 31 + fragmentNumber) * 31 + totalFragments) * 31 + Arrays.hashCode(body)) * 2
                + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "SKF[" + fragmentNumber + "/" + totalFragments + ", first=" + firstInnerPayload + ", " + body.length
                + " bytes]";
    }
}
