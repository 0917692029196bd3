package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.engine.Endpoint;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * NAT detection (RFC 7296 2.23): NAT_DETECTION_SOURCE_IP / _DESTINATION_IP carry SHA-1(SPIi | SPIr | IP | port).
 * Sent always (strongSwan interoperability); in the IKE_SA_INIT request SPIr is zero.
 */
public final class NatDetectionUnit {
    private NatDetectionUnit() {}

    public static byte[] hash(long spiI, long spiR, Endpoint e) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
            sha1.update(e.address().getAddress());
            sha1.update(new byte[] {(byte) (e.port() >>> 8), (byte) e.port()});
            return sha1.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 missing from the JDK", ex);
        }
    }

    public static List<NotifyPayload> notifies(long spiI, long spiR, Endpoint local, Endpoint remote) {
        return List.of(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, hash(spiI, spiR, local)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, hash(spiI, spiR, remote)));
    }

    /** What the peer's NAT-D notifies say (as seen on a message received on {@code local} from {@code remote}). */
    public record Result(boolean peerSupports, boolean localBehindNat, boolean remoteBehindNat) {}

    public static Result evaluate(IkeMessage m, long spiI, long spiR, Endpoint local, Endpoint remote) {
        byte[] srcExpected = hash(spiI, spiR, remote);
        byte[] dstExpected = hash(spiI, spiR, local);
        boolean anySrc = false, srcMatch = false, anyDst = false, dstMatch = false;
        for (NotifyPayload n : m.all(NotifyPayload.class)) {
            if (n.notifyType() == NotifyType.NAT_DETECTION_SOURCE_IP.value()) {
                anySrc = true;
                srcMatch |= MessageDigest.isEqual(n.data(), srcExpected);
            } else if (n.notifyType() == NotifyType.NAT_DETECTION_DESTINATION_IP.value()) {
                anyDst = true;
                dstMatch |= MessageDigest.isEqual(n.data(), dstExpected);
            }
        }
        boolean supports = anySrc && anyDst;
        return new Result(supports, supports && !dstMatch, supports && !srcMatch);
    }
}
