package io.ike4j.daemon;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.platform.runtime.SaEventListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The daemon's view of live SAs, kept from the engine's {@link SaEvent}s (so listing never reaches into engine state),
 * and a fan-out of events to temporary watchers (an {@code initiate} waiting for its SA).
 */
public final class SaTracker implements SaEventListener {
    private record Entry(IkeSaInfo info, Map<Long, ChildSaInfo> children) {}

    private final ConcurrentSkipListMap<Long, Entry> sas = new ConcurrentSkipListMap<>();
    private final List<Consumer<SaEvent>> watchers = new CopyOnWriteArrayList<>();
    /**
     * CHILD_SAs closed, as (IKE SA id, CHILD_SA id), until their IKE SA ends: events are delivered by the thread that
     * handled each input, so a CHILD_SA's close (the peer's DELETE) may arrive before its establishment is delivered.
     */
    private final java.util.Set<List<Long>> closedChildren = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void onEvent(SaEvent event) {
        switch (event) {
            case SaEvent.IkeSaEstablished e -> {
                Map<Long, ChildSaInfo> children = new LinkedHashMap<>();
                if (e.info() != null) for (ChildSaInfo c : e.info().children()) {
                    if (!closedChildren.contains(List.of(e.ikeSaId(), c.childSaId()))) children.put(c.childSaId(), c);
                }
                if (e.info() != null) sas.put(e.ikeSaId(), new Entry(e.info(), children));
            }
            case SaEvent.IkeSaUpdated e -> {
                if (e.info() != null) sas.computeIfPresent(e.ikeSaId(), (id, old) -> new Entry(e.info(), old.children()));
            }
            case SaEvent.IkeSaClosed e -> forget(e.ikeSaId());
            case SaEvent.IkeSaFailed e -> forget(e.ikeSaId());
            case SaEvent.ChildSaEstablished e -> {
                // CHILD_SA ids are unique: one established under another IKE SA moved there (IKEv1 adoption)
                sas.forEach((id, other) -> {
                    if (id != e.ikeSaId()) synchronized (other) {
                        other.children().remove(e.childSaId());
                    }
                });
                Entry entry = sas.get(e.ikeSaId());
                if (entry != null && e.info() != null && !closedChildren.contains(List.of(e.ikeSaId(), e.childSaId()))) {
                    synchronized (entry) {
                        entry.children().put(e.childSaId(), e.info());
                    }
                }
            }
            case SaEvent.ChildSaClosed e -> {
                closedChildren.add(List.of(e.ikeSaId(), e.childSaId()));
                Entry entry = sas.get(e.ikeSaId());
                if (entry != null) {
                    synchronized (entry) {
                        entry.children().remove(e.childSaId());
                    }
                }
            }
            case SaEvent.ChildSaFailed e -> { /* nothing was installed */ }
            case SaEvent.ChildSaRekeyed e -> {
                Entry entry = sas.get(e.ikeSaId());
                if (entry != null && e.info() != null) {
                    synchronized (entry) {
                        entry.children().put(e.newChildSaId(), e.info());
                        // the old one stays for inbound packets until its Delete or expiry, listed as strongSwan does
                        entry.children().computeIfPresent(e.oldChildSaId(), (id, c) -> c.withState("REKEYED"));
                    }
                }
            }
            case SaEvent.IkeSaRekeyed e -> { // new SPIs (in place) or a new SA (reauthentication): keep its CHILD_SAs
                Entry entry = sas.get(e.ikeSaId());
                if (entry != null && e.info() != null) {
                    synchronized (entry) {
                        sas.put(e.ikeSaId(), new Entry(e.info(), entry.children()));
                    }
                }
            }
        }
        for (Consumer<SaEvent> w : watchers) w.accept(event);
    }

    private void forget(long ikeSaId) {
        sas.remove(ikeSaId);
        closedChildren.removeIf(k -> k.getFirst() == ikeSaId);
    }

    public void watch(Consumer<SaEvent> watcher) {
        watchers.add(watcher);
    }

    public void unwatch(Consumer<SaEvent> watcher) {
        watchers.remove(watcher);
    }

    /** Each live IKE SA with its current CHILD_SAs, in unique-id order, built one at a time. */
    public void forEach(Consumer<IkeSaInfo> sink) {
        for (Entry e : sas.values()) sink.accept(snapshot(e));
    }

    public List<IkeSaInfo> list() {
        List<IkeSaInfo> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    public int ikeSaCount() {
        return sas.size();
    }

    public int childSaCount() {
        int n = 0;
        for (Entry e : sas.values()) {
            synchronized (e) {
                n += e.children().size();
            }
        }
        return n;
    }

    private static IkeSaInfo snapshot(Entry e) {
        List<ChildSaInfo> children;
        synchronized (e) {
            children = List.copyOf(e.children().values());
        }
        return e.info().withChildren(children);
    }
}
