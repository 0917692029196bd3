package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.V1LifeType;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.proposal.IanaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * IKEv1 SA lifetimes (RFC 2407 4.5, RFC 2409 5.5 and Appendix A): life type/duration pairs in seconds and kilobytes,
 * their negotiation and the RESPONDER-LIFETIME notification (RFC 2407 4.6.3.1). A kilobyte is 1000 bytes, as
 * strongSwan counts it (it proposes {@code life_bytes / 1000} and reads a duration as {@code 1000 *} kilobytes), so a
 * swanctl.conf copied from strongSwan negotiates the same limits; we round up so a configured limit never becomes 0.
 */
final class V1Lifetimes {
    static final long BYTES_PER_KILOBYTE = 1000;
    /** Longest life duration we accept: 8 bytes (RFC 2407 4.5 leaves the length open; strongSwan reads 64 bits). */
    static final int MAX_DURATION_BYTES = 8;

    private V1Lifetimes() {}

    /** A lifetime in seconds and kilobytes; 0 means not given (unlimited). */
    record Life(long seconds, long kilobytes) {
        static final Life NONE = new Life(0, 0);

        boolean isNone() {
            return seconds == 0 && kilobytes == 0;
        }
    }

    /** What the responder uses, and what it tells the initiator in RESPONDER-LIFETIME ({@link Life#NONE}: nothing). */
    record Responder(Life used, Life announced) {}

    /** Our configured lifetime as proposed: seconds, and kilobytes when life_bytes is set. */
    static Life configured(ChildConfig c) {
        return new Life(Math.max(0, c.lifeTime().toSeconds()), kilobytes(c.lifeBytes()));
    }

    /** Bytes as whole kilobytes, rounded up (0 stays 0: unlimited). */
    static long kilobytes(long bytes) {
        return bytes <= 0 ? 0 : (bytes - 1) / BYTES_PER_KILOBYTE + 1;
    }

    static long bytes(long kilobytes) {
        return kilobytes > Long.MAX_VALUE / BYTES_PER_KILOBYTE ? Long.MAX_VALUE : kilobytes * BYTES_PER_KILOBYTE;
    }

    /** The pairs for {@code life}: seconds first, then kilobytes, as strongSwan orders them. */
    static List<DataAttribute> attributes(IanaValue lifeType, IanaValue lifeDuration, Life life) {
        List<DataAttribute> a = new ArrayList<>();
        if (life.seconds() > 0) {
            a.add(DataAttribute.basic(lifeType, V1LifeType.SECONDS));
            a.add(duration(lifeDuration, life.seconds()));
        }
        if (life.kilobytes() > 0) {
            a.add(DataAttribute.basic(lifeType, V1LifeType.KILOBYTES));
            a.add(duration(lifeDuration, life.kilobytes()));
        }
        return a;
    }

    /** RFC 2407 4.5: variable length; basic when it fits 16 bits, else 4 bytes, else 8. */
    static DataAttribute duration(IanaValue type, long value) {
        if (value <= 0xffffffffL) return DataAttribute.lifeDuration(type, value);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (value >>> (56 - 8 * i));
        return DataAttribute.variable(type.value(), b);
    }

    /**
     * Collects life type/duration pairs of one transform (or notification) in any order: each duration belongs to the
     * life type right before it. An unknown life type, a duration without a type, or one longer than 8 bytes makes the
     * whole set unacceptable ({@link #error()}); a zero duration counts as not given; a type repeated keeps the shorter.
     */
    static final class Reader {
        private int pendingType = -1;
        private long seconds;
        private long kilobytes;
        private String error;

        /** A life type attribute; false once the set is unacceptable. */
        boolean type(DataAttribute a) {
            if (error != null) return false;
            Optional<V1LifeType> t = V1LifeType.of(a.intValue());
            if (t.isEmpty()) return fail("unknown life type " + a.intValue());
            pendingType = t.get().value();
            return true;
        }

        /** A life duration attribute; false once the set is unacceptable. */
        boolean duration(DataAttribute a) {
            if (error != null) return false;
            if (pendingType < 0) return fail("life duration without a life type");
            if (!a.basic() && (a.value().length() == 0 || a.value().length() > MAX_DURATION_BYTES)) {
                return fail("life duration of " + a.value().length() + " bytes");
            }
            OptionalLong v = a.longValue();
            if (v.isEmpty()) return fail("life duration beyond 63 bits");
            if (v.getAsLong() > 0) {
                if (pendingType == V1LifeType.SECONDS.value()) seconds = shorter(seconds, v.getAsLong());
                else kilobytes = shorter(kilobytes, v.getAsLong());
            }
            pendingType = -1;
            return true;
        }

        private boolean fail(String reason) {
            error = reason;
            return false;
        }

        /** Why the set is unacceptable, or null. */
        String error() {
            return error;
        }

        Life life() {
            return new Life(seconds, kilobytes);
        }
    }

    /** The shorter of two limits where 0 is unlimited. */
    static long shorter(long a, long b) {
        if (a <= 0) return Math.max(0, b);
        if (b <= 0) return a;
        return Math.min(a, b);
    }

    /**
     * RFC 2409 5.5 / RFC 2407 4.6.3.1, responder: the initiator's lifetimes are accepted, except where ours is shorter:
     * then ours is used and announced in RESPONDER-LIFETIME (each type that differs). Without a seconds lifetime the
     * offer means the RFC 2407 4.5 default of 28800 seconds.
     */
    static Responder respond(Life offered, Life ours) {
        long offeredSeconds = offered.seconds() > 0 ? offered.seconds() : QuickMode.DEFAULT_LIFETIME;
        long seconds = shorter(offeredSeconds, ours.seconds());
        long kilobytes = shorter(offered.kilobytes(), ours.kilobytes());
        Life notify = new Life(seconds < offeredSeconds ? seconds : 0,
                kilobytes != offered.kilobytes() ? kilobytes : 0);
        return new Responder(new Life(seconds, kilobytes), notify);
    }

    /**
     * Initiator: what the responder's answer and RESPONDER-LIFETIME say can only shorten what we proposed; an answer
     * without a seconds lifetime means the RFC 2407 4.5 default of 28800 seconds (as strongSwan reads it too).
     */
    static Life initiator(Life ours, Life answered, Life notified) {
        long answeredSeconds = answered.seconds() > 0 ? answered.seconds() : QuickMode.DEFAULT_LIFETIME;
        return new Life(shorter(shorter(ours.seconds(), answeredSeconds), notified.seconds()),
                shorter(shorter(ours.kilobytes(), answered.kilobytes()), notified.kilobytes()));
    }

    /** RFC 2407 4.6.3.1: the notification data, the attributes the responder uses (IPsec DOI attribute numbers). */
    static byte[] notifyData(Life life) {
        return DataAttribute.encodeAll(attributes(io.ike4j.core.codec.v1.Phase2AttributeType.SA_LIFE_TYPE,
                io.ike4j.core.codec.v1.Phase2AttributeType.SA_LIFE_DURATION, life));
    }

    /** A RESPONDER-LIFETIME notification's data; empty if malformed or with an unacceptable pair (then ignored). */
    static Optional<Life> parseNotify(byte[] data) {
        Optional<List<DataAttribute>> attrs = DataAttribute.decodeAll(data);
        if (attrs.isEmpty()) return Optional.empty();
        Reader r = new Reader();
        for (DataAttribute a : attrs.get()) {
            boolean ok = switch (a.type()) {
                case 1 -> r.type(a); // SA Life Type
                case 2 -> r.duration(a); // SA Life Duration
                default -> true; // RFC 2407 4.6.3.1 allows other attributes; they do not concern us
            };
            if (!ok) return Optional.empty();
        }
        return Optional.of(r.life());
    }

    /**
     * Byte limits to install for a negotiated {@code kilobytes} (0: none): the hard limit (our configured life_bytes
     * exactly when that is what was negotiated), and the soft one before it: rekey_bytes if lower, else 90 %.
     */
    static ByteLimits byteLimits(ChildConfig c, long kilobytes) {
        if (kilobytes <= 0) return new ByteLimits(0, 0);
        long hard = kilobytes == kilobytes(c.lifeBytes()) ? c.lifeBytes() : bytes(kilobytes);
        long soft = c.rekeyBytes() > 0 && c.rekeyBytes() < hard ? c.rekeyBytes() : hard - hard / 10;
        return new ByteLimits(soft, hard);
    }

    /** Soft (rekey) and hard (expire) byte limits of an IPsec SA; 0 = none. */
    record ByteLimits(long soft, long hard) {}
}
