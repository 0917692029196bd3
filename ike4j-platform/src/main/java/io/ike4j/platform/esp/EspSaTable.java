package io.ike4j.platform.esp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The installed ESP SAs of a user-space data plane: inbound lookup by SPI in O(1) (open addressing over a
 * copy-on-write snapshot, so lookups take no lock and allocate nothing), and outbound selection by inner
 * destination against the remote traffic selectors (first match, newest SA first, so that after a rekey the new
 * SA carries the traffic). Installs and removals are rare and serialized; lookups run concurrently.
 */
public final class EspSaTable {
    private record Snapshot(int[] spis, EspSa[] bySpi, EspSa[] newestFirst) {
    }

    private static final Snapshot EMPTY = new Snapshot(new int[8], new EspSa[8], new EspSa[0]);

    private volatile Snapshot snapshot = EMPTY;
    private final Object writeLock = new Object();
    private final long[] tableDrops = new long[EspDrop.values().length];

    /**
     * Installs an SA pair.
     *
     * @throws EspConfigException if an SA with the same inbound SPI is installed
     */
    public void install(EspSa sa) throws EspConfigException {
        install(sa, false);
    }

    /**
     * Installs an SA pair; {@code outboundDeferred} puts it behind every installed SA for outbound selection (a rekey
     * responder's new SA: used once the SA it replaces is removed, RFC 7296 1.3.3 make-before-break).
     *
     * @throws EspConfigException if an SA with the same inbound SPI is installed
     */
    public void install(EspSa sa, boolean outboundDeferred) throws EspConfigException {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            if (find(s, sa.inbound().spi()) != null) {
                throw new EspConfigException(String.format("inbound SPI %08x already installed", sa.inbound().spi()));
            }
            List<EspSa> all = new ArrayList<>(s.newestFirst.length + 1);
            all.addAll(Arrays.asList(s.newestFirst));
            if (outboundDeferred) all.add(sa);
            else all.addFirst(sa);
            snapshot = build(all);
        }
    }

    /**
     * Puts the SA pair with this inbound SPI first for outbound selection (a deferred pair whose peer has shown it
     * has the new inbound SA); false if there is none.
     */
    public boolean activate(int inboundSpi) {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            EspSa sa = find(s, inboundSpi);
            if (sa == null) return false;
            List<EspSa> all = new ArrayList<>(Arrays.asList(s.newestFirst));
            all.remove(sa);
            all.addFirst(sa);
            snapshot = build(all);
            return true;
        }
    }

    /** Removes (and wipes) the SA pair with this inbound SPI; returns it if there was one. */
    public Optional<EspSa> remove(int inboundSpi) {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            EspSa sa = find(s, inboundSpi);
            if (sa == null) return Optional.empty();
            List<EspSa> rest = new ArrayList<>(Arrays.asList(s.newestFirst));
            rest.remove(sa);
            snapshot = build(rest);
            sa.wipe();
            return Optional.of(sa);
        }
    }

    /** Removes and wipes all SAs. */
    public void clear() {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            snapshot = EMPTY;
            for (EspSa sa : s.newestFirst) sa.wipe();
        }
    }

    /** The SA pair whose inbound SPI is {@code spi}, or null. */
    public EspSa inbound(int spi) {
        return find(snapshot, spi);
    }

    /** The SA pair to send the inner packet through, or null if no remote selector matches. */
    public EspSa selectOutbound(byte[] packet, int off, int len) {
        for (EspSa sa : snapshot.newestFirst) {
            if (sa.matchesOutbound(packet, off, len)) return sa;
        }
        return null;
    }

    /** Installed SA pairs, newest first. */
    public List<EspSa> all() {
        return List.of(snapshot.newestFirst);
    }

    /**
     * Looks up the SA by the packet's SPI and decapsulates (RFC 4303 3.4.2). Drops that happen before an SA is
     * known ({@link EspDrop#SHORT} for fewer than 8 bytes, {@link EspDrop#UNKNOWN_SPI}) are counted by the table.
     *
     * @return the inner packet length written at {@code out[outOff...]}, or a negative {@link EspDrop#code()}
     */
    public int decapsulate(byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < EspCipher.HEADER || off < 0 || in.length - off < len) return tableDrop(EspDrop.SHORT);
        EspSa sa = find(snapshot, EspCipher.getInt(in, off));
        if (sa == null) return tableDrop(EspDrop.UNKNOWN_SPI);
        return sa.inbound().decapsulate(in, off, len, out, outOff);
    }

    /**
     * Selects the SA for the inner packet and encapsulates it into {@code out[outOff...]}.
     *
     * @return the ESP packet length, or a negative {@link EspDrop#code()} ({@link EspDrop#NO_SA} counted by the table)
     */
    public int encapsulate(byte[] inner, int innerOff, int innerLen, byte[] out, int outOff) {
        EspSa sa = selectOutbound(inner, innerOff, innerLen);
        if (sa == null) return tableDrop(EspDrop.NO_SA);
        return sa.outbound().encapsulate(inner, innerOff, innerLen, out, outOff);
    }

    /** Drops counted by the table itself (no SA known). */
    public EspCounters tableCounters() {
        synchronized (tableDrops) {
            return EspCounters.of(0, 0, tableDrops);
        }
    }

    private int tableDrop(EspDrop reason) {
        synchronized (tableDrops) {
            tableDrops[reason.ordinal()]++;
        }
        return reason.code();
    }

    private static EspSa find(Snapshot s, int spi) {
        int[] keys = s.spis;
        int m = keys.length - 1;
        for (int i = mix(spi) & m; ; i = (i + 1) & m) {
            EspSa sa = s.bySpi[i];
            if (sa == null) return null;
            if (keys[i] == spi) return sa;
        }
    }

    private static Snapshot build(List<EspSa> sas) {
        int cap = 8;
        while (cap < sas.size() * 2) cap <<= 1; // load factor at most 1/2: probes stay short
        int[] keys = new int[cap];
        EspSa[] vals = new EspSa[cap];
        for (EspSa sa : sas) {
            int spi = sa.inbound().spi();
            int i = mix(spi) & (cap - 1);
            while (vals[i] != null) i = (i + 1) & (cap - 1);
            keys[i] = spi;
            vals[i] = sa;
        }
        return new Snapshot(keys, vals, sas.toArray(EspSa[]::new));
    }

    private static int mix(int spi) {
        int h = spi * 0x9e3779b9;
        return h ^ (h >>> 16);
    }
}
