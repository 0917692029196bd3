package io.ike4j.platform.esp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one direction of an ESP SA: packets and bytes (of inner packets) processed successfully, and
 * packets dropped by reason.
 */
public record EspCounters(long packets, long bytes, Map<EspDrop, Long> drops) {
    public static final EspCounters ZERO = new EspCounters(0, 0, Map.of());

    public EspCounters {
        drops = drops.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(drops));
    }

    /** Packets dropped for {@code reason}. */
    public long drops(EspDrop reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** Packets dropped for any reason. */
    public long totalDrops() {
        long n = 0;
        for (long v : drops.values()) n += v;
        return n;
    }

    static EspCounters of(long packets, long bytes, long[] dropsByOrdinal) {
        EnumMap<EspDrop, Long> m = new EnumMap<>(EspDrop.class);
        EspDrop[] reasons = EspDrop.values();
        for (int i = 0; i < dropsByOrdinal.length; i++) {
            if (dropsByOrdinal[i] != 0) m.put(reasons[i], dropsByOrdinal[i]);
        }
        return new EspCounters(packets, bytes, m);
    }
}
