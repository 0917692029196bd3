package io.ike4j.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a data plane makes of one peer's Install/RemoveChildSa outputs, the way the user-space ESP table behaves:
 * inbound SAs by SPI, outbound the newest SA first, except that a rekey responder's SA (outbound deferred) goes
 * behind the others until the SA it replaces is removed. Refuses duplicate inbound SPIs. Like the real data planes it
 * knows each SA by its IKE SA id (re-indexed by ReassignChildSa): a removal under another id is an error.
 */
final class FakeDataPlane {
    record Sa(long childId, int inboundSpi, int outboundSpi) {}

    private final Map<Sa, Long> ikeSaIds = new HashMap<>();

    private final List<Sa> newestFirst = new ArrayList<>();
    private final Map<Integer, Sa> inbound = new HashMap<>();
    final List<String> errors = new ArrayList<>();

    void apply(EngineOutput o) {
        switch (o) {
            case EngineOutput.InstallChildSa i -> {
                Sa sa = new Sa(i.spec().childSaId(), i.spec().inbound().spi(), i.spec().outbound().spi());
                if (inbound.containsKey(sa.inboundSpi())) {
                    errors.add(String.format("duplicate inbound SPI %08x", sa.inboundSpi()));
                    return;
                }
                inbound.put(sa.inboundSpi(), sa);
                ikeSaIds.put(sa, i.spec().ikeSaId());
                if (i.outboundDeferred()) newestFirst.add(sa);
                else newestFirst.addFirst(sa);
            }
            case EngineOutput.ActivateOutbound a -> {
                Sa sa = inbound.get(a.inboundSpi());
                if (sa == null || ikeSaIds.get(sa) != a.ikeSaId()) {
                    errors.add(String.format("activating unknown SPI %08x of IKE SA %d", a.inboundSpi(), a.ikeSaId()));
                    return;
                }
                newestFirst.remove(sa);
                newestFirst.addFirst(sa);
            }
            case EngineOutput.RemoveChildSa r -> {
                Sa sa = inbound.get(r.inboundSpi());
                if (sa == null) errors.add(String.format("removing unknown SPI %08x", r.inboundSpi()));
                else if (ikeSaIds.get(sa) != r.ikeSaId()) errors.add(String.format("removing SPI %08x under IKE SA %d, installed under %d",
                        r.inboundSpi(), r.ikeSaId(), ikeSaIds.get(sa)));
                else {
                    inbound.remove(r.inboundSpi());
                    ikeSaIds.remove(sa);
                    newestFirst.remove(sa);
                }
            }
            case EngineOutput.ReassignChildSa m -> {
                Sa sa = inbound.get(m.inboundSpi());
                if (sa == null || sa.childId() != m.childSaId() || ikeSaIds.get(sa) != m.fromIkeSaId()) {
                    errors.add(String.format("reassigning unknown SPI %08x of %d/%d", m.inboundSpi(), m.fromIkeSaId(), m.childSaId()));
                } else {
                    ikeSaIds.put(sa, m.toIkeSaId());
                }
            }
            default -> { }
        }
    }

    int count() {
        return inbound.size();
    }

    /** The IKE SA id the SA with inbound {@code spi} is known by here, or 0 if none is installed. */
    long ikeSaIdOf(int spi) {
        Sa sa = inbound.get(spi);
        return sa == null ? 0 : ikeSaIds.get(sa);
    }

    boolean hasInbound(int spi) {
        return inbound.containsKey(spi);
    }

    /** The SPI outbound packets go to now, or 0 without any SA. */
    int outboundSpi() {
        return newestFirst.isEmpty() ? 0 : newestFirst.getFirst().outboundSpi();
    }
}
