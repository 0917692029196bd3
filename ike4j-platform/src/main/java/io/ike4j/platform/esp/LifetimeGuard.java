package io.ike4j.platform.esp;

import io.ike4j.core.sa.ChildSaSpec.Lifetimes;

/** Soft/hard byte and packet limits of one SA direction; each crossing is reported once. 0 means unlimited. */
final class LifetimeGuard {
    private final long softBytes;
    private final long hardBytes;
    private final long softPackets;
    private final long hardPackets;
    private boolean softReported;
    private boolean hardReported;

    LifetimeGuard(Lifetimes l) {
        Lifetimes x = l == null ? Lifetimes.NONE : l;
        this.softBytes = x.softBytes();
        this.hardBytes = x.hardBytes();
        this.softPackets = x.softPackets();
        this.hardPackets = x.hardPackets();
    }

    /** True if no further packet may be processed. */
    boolean expired(long packets, long bytes) {
        return (hardPackets > 0 && packets >= hardPackets) || (hardBytes > 0 && bytes >= hardBytes);
    }

    /** After counting a packet: the event kind newly crossed, or null. Hard wins over soft. */
    EspEvent.Kind crossed(long packets, long bytes) {
        if (!hardReported && expired(packets, bytes)) {
            hardReported = true;
            softReported = true;
            return EspEvent.Kind.HARD_LIFETIME;
        }
        if (!softReported && ((softPackets > 0 && packets >= softPackets) || (softBytes > 0 && bytes >= softBytes))) {
            softReported = true;
            return EspEvent.Kind.SOFT_LIFETIME;
        }
        return null;
    }
}
