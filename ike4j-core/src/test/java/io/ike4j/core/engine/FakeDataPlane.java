package io.ike4j.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a data plane makes of one peer's Install/RemoveChildSa outputs, the way the user-space ESP table behaves:
 * inbound SAs by SPI, outbound the newest SA first, except that a rekey responder's SA (outbound deferred) goes
 * behind the others until the SA it replaces is removed. Refuses duplicate inbound SPIs.
 */
final class FakeDataPlane {
    record Sa(long childId, int inboundSpi, int outboundSpi) {}

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
                if (i.outboundDeferred()) newestFirst.add(sa);
                else newestFirst.addFirst(sa);
            }
            case EngineOutput.ActivateOutbound a -> {
                Sa sa = inbound.get(a.inboundSpi());
                if (sa == null) {
                    errors.add(String.format("activating unknown SPI %08x", a.inboundSpi()));
                    return;
                }
                newestFirst.remove(sa);
                newestFirst.addFirst(sa);
            }
            case EngineOutput.RemoveChildSa r -> {
                Sa sa = inbound.remove(r.inboundSpi());
                if (sa == null) errors.add(String.format("removing unknown SPI %08x", r.inboundSpi()));
                else newestFirst.remove(sa);
            }
            default -> { }
        }
    }

    int count() {
        return inbound.size();
    }

    boolean hasInbound(int spi) {
        return inbound.containsKey(spi);
    }

    /** The SPI outbound packets go to now, or 0 without any SA. */
    int outboundSpi() {
        return newestFirst.isEmpty() ? 0 : newestFirst.getFirst().outboundSpi();
    }
}
