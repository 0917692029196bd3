package io.ike4j.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Traffic selector negotiation (RFC 7296 2.9). TSi describes the initiator's side, TSr the responder's.
 * The responder intersects each proposed selector with its configuration; the initiator checks that the
 * answer is a subset of what it proposed.
 */
public final class TrafficSelectorNarrowing {
    private TrafficSelectorNarrowing() {
    }

    /**
     * Responder: narrows the initiator's {@code tsi}/{@code tsr} to our policy. {@code configuredRemote}
     * (the initiator's side) and {@code configuredLocal} (ours) must already have {@code dynamic} resolved.
     * Results are in configured order (strongSwan's default); results containing the initiator's first
     * selector (possibly the packet that triggered the SA) are moved first, as RFC 7296 2.9 asks that the
     * narrowed set include it when policy allows. Selectors contained in another result are dropped.
     */
    public static NarrowingResult narrow(List<TrafficSelector> tsi, List<TrafficSelector> tsr,
                                         List<TrafficSelector> configuredLocal, List<TrafficSelector> configuredRemote) {
        if (tsi.isEmpty() || tsr.isEmpty()) return new NarrowingResult.Unacceptable("empty TSi or TSr");
        List<TrafficSelector> i = narrowSide(tsi, configuredRemote);
        if (i.isEmpty()) return new NarrowingResult.Unacceptable("TSi does not overlap with the configured remote selectors");
        List<TrafficSelector> r = narrowSide(tsr, configuredLocal);
        if (r.isEmpty()) return new NarrowingResult.Unacceptable("TSr does not overlap with the configured local selectors");
        return new NarrowingResult.Narrowed(i, r);
    }

    /**
     * Responder: the configured selectors for the initiator's side with {@code dynamic} resolved. {@code dynamic}
     * is the peer's address; a peer behind a NAT proposes its private address instead (RFC 7296 2.23.1, e.g. a
     * NATed road warrior in transport mode), so then each single-address selector it proposes in {@code tsi} is
     * accepted as its dynamic address too (strongSwan's behaviour). Fixed selectors are unaffected.
     */
    public static List<TrafficSelector> resolveRemote(List<ConfiguredSelector> configured, byte[] peerAddress,
                                                      boolean peerBehindNat, List<TrafficSelector> tsi) {
        List<byte[]> addresses = new ArrayList<>();
        addresses.add(peerAddress.clone());
        if (peerBehindNat) {
            for (TrafficSelector t : tsi) {
                byte[] a = t.startAddress();
                if (t.isHost() && addresses.stream().noneMatch(x -> Arrays.equals(x, a))) addresses.add(a);
            }
        }
        return ConfiguredSelector.resolveAll(configured, addresses);
    }

    /** The intersections of proposed and configured selectors for one side. */
    public static List<TrafficSelector> narrowSide(List<TrafficSelector> proposed, List<TrafficSelector> configured) {
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector c : configured) {
            for (TrafficSelector p : proposed) {
                Optional<TrafficSelector> x = c.intersect(p);
                if (x.isPresent() && out.stream().noneMatch(o -> o.contains(x.get()))) {
                    out.removeIf(o -> x.get().contains(o));
                    out.add(x.get());
                }
            }
        }
        if (!proposed.isEmpty()) {
            TrafficSelector first = proposed.getFirst();
            List<TrafficSelector> withFirst = new ArrayList<>(out.stream().filter(o -> o.contains(first)).toList());
            out.stream().filter(o -> !o.contains(first)).forEach(withFirst::add);
            out = withFirst;
        }
        return List.copyOf(out);
    }

    /**
     * Initiator: every returned selector must lie within one we proposed on the same side, and neither
     * list may be empty.
     */
    public static SelectorCheck checkResponse(List<TrafficSelector> proposedTsi, List<TrafficSelector> proposedTsr,
                                              List<TrafficSelector> returnedTsi, List<TrafficSelector> returnedTsr) {
        if (returnedTsi.isEmpty() || returnedTsr.isEmpty()) return new SelectorCheck.Rejected("empty TSi or TSr in response");
        Optional<TrafficSelector> badI = firstOutside(returnedTsi, proposedTsi);
        if (badI.isPresent()) return new SelectorCheck.Rejected("returned TSi " + badI.get() + " was not proposed");
        Optional<TrafficSelector> badR = firstOutside(returnedTsr, proposedTsr);
        if (badR.isPresent()) return new SelectorCheck.Rejected("returned TSr " + badR.get() + " was not proposed");
        return new SelectorCheck.Accepted(returnedTsi, returnedTsr);
    }

    private static Optional<TrafficSelector> firstOutside(List<TrafficSelector> returned, List<TrafficSelector> proposed) {
        return returned.stream().filter(r -> proposed.stream().noneMatch(p -> p.contains(r))).findFirst();
    }
}
