package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.policy.ConfiguredSelector;
import io.ike4j.core.policy.IpFamily;
import io.ike4j.core.policy.NarrowingResult;
import io.ike4j.core.policy.SelectorCheck;
import io.ike4j.core.policy.TrafficSelector;
import io.ike4j.core.policy.TrafficSelectorNarrowing;
import io.ike4j.core.policy.TrafficSelectorParseException;
import io.ike4j.core.policy.TrafficSelectorParser;
import io.ike4j.core.sa.IkeSa;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's glue to the {@code policy} package: configured selector strings to TS payload contents, and the
 * RFC 7296 2.9 narrowing (responder) and check (initiator) on wire selectors.
 */
final class SelectorUnit {
    private SelectorUnit() {}

    /**
     * The most selectors a peer may put in one TS payload. Every narrowed selector becomes a route and a policy in the
     * data plane; 255 of them (the count field's limit) kept a user-space daemon installing routes for seconds before
     * it answered. Real configurations use a handful; above this the CHILD_SA is refused with TS_UNACCEPTABLE.
     */
    static final int MAX_PEER_SELECTORS = 32;

    /** Parses config entries (swanctl.conf syntax); entries that do not parse are skipped. */
    static List<ConfiguredSelector> configured(List<String> entries) {
        List<ConfiguredSelector> out = new ArrayList<>();
        for (String e : entries) {
            try {
                out.add(TrafficSelectorParser.parse(e));
            } catch (TrafficSelectorParseException ex) {
                // skipped like an unusable entry; configuration front ends report these
            }
        }
        return out;
    }

    /** What we offer for one side: the configured selectors with {@code dynamic} resolved to {@code host}. */
    static List<TrafficSelectorSubstructure> offer(List<String> entries, InetAddress host) {
        return wire(ConfiguredSelector.resolveAll(configured(entries), List.of(host.getAddress())));
    }

    /**
     * Our side's selectors: {@code dynamic} is our virtual IP once assigned, all addresses of each requested family
     * while our request is pending (strongSwan offers 0.0.0.0/0 and ::/0 then), else the IKE SA's address.
     */
    static List<TrafficSelectorSubstructure> offerLocal(List<String> entries, IkeSa sa) {
        if (!sa.vips.assigned.isEmpty()) {
            return wire(ConfiguredSelector.resolveAll(configured(entries), raw(sa.vips.assigned)));
        }
        List<InetAddress> requested = sa.connection.virtualIps().requested();
        if (requested.isEmpty()) return offer(entries, sa.local.address());
        List<TrafficSelector> out = new ArrayList<>();
        for (ConfiguredSelector c : configured(entries)) {
            switch (c) {
                case ConfiguredSelector.Fixed f -> out.add(f.selector());
                case ConfiguredSelector.Dynamic d -> requested.stream()
                        .map(a -> a.getAddress().length == 4 ? IpFamily.IPV4 : IpFamily.IPV6).distinct()
                        .forEach(f -> out.add(TrafficSelector.any(f).withProtocol(d.ipProtocol(), d.startPort(), d.endPort())));
            }
        }
        return wire(out);
    }

    /** The responder's narrowing for an IKE SA: {@code dynamic} stands for virtual IPs where there are any. */
    static NarrowingResult narrow(ChildConfig c, IkeSa sa, List<TrafficSelectorSubstructure> tsi,
                                  List<TrafficSelectorSubstructure> tsr) {
        List<InetAddress> peerVips = sa.vips.peerAddresses();
        if (peerVips.isEmpty() && sa.vips.assigned.isEmpty()) {
            return narrow(c, sa.local.address(), sa.remote.address(), sa.natRemote, tsi, tsr);
        }
        List<TrafficSelector> i = typed(tsi), r = typed(tsr);
        List<byte[]> localHosts = sa.vips.assigned.isEmpty() ? List.of(sa.local.address().getAddress()) : raw(sa.vips.assigned);
        List<TrafficSelector> ours = ConfiguredSelector.resolveAll(configured(c.localTs()), localHosts);
        List<TrafficSelector> theirs = peerVips.isEmpty()
                ? TrafficSelectorNarrowing.resolveRemote(configured(c.remoteTs()), sa.remote.address().getAddress(),
                        sa.natRemote, i)
                : ConfiguredSelector.resolveAll(configured(c.remoteTs()), raw(peerVips)); // remote_ts = dynamic: the VIP
        return TrafficSelectorNarrowing.narrow(i, r, ours, theirs);
    }

    private static List<byte[]> raw(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getAddress).toList();
    }

    /** The responder's narrowing (RFC 7296 2.9) of TSi/TSr against one CHILD_SA configuration. */
    static NarrowingResult narrow(ChildConfig c, InetAddress local, InetAddress remote, boolean remoteBehindNat,
                                  List<TrafficSelectorSubstructure> tsi, List<TrafficSelectorSubstructure> tsr) {
        List<TrafficSelector> i = typed(tsi), r = typed(tsr);
        List<TrafficSelector> ours = ConfiguredSelector.resolveAll(configured(c.localTs()), List.of(local.getAddress()));
        List<TrafficSelector> theirs = TrafficSelectorNarrowing.resolveRemote(configured(c.remoteTs()), remote.getAddress(),
                remoteBehindNat, i);
        return TrafficSelectorNarrowing.narrow(i, r, ours, theirs);
    }

    /** The initiator's check of the returned selectors against its offer; every returned one must be a valid selector. */
    static SelectorCheck check(List<TrafficSelectorSubstructure> offeredTsi, List<TrafficSelectorSubstructure> offeredTsr,
                               List<TrafficSelectorSubstructure> tsi, List<TrafficSelectorSubstructure> tsr) {
        List<TrafficSelector> i = typed(tsi), r = typed(tsr);
        if (i.size() != tsi.size() || r.size() != tsr.size()) return new SelectorCheck.Rejected("invalid traffic selector in response");
        return TrafficSelectorNarrowing.checkResponse(typed(offeredTsi), typed(offeredTsr), i, r);
    }

    /** Wire selectors as typed ones; those that cannot be (unknown TS type, bad lengths or ranges) are left out. */
    static List<TrafficSelector> typed(List<TrafficSelectorSubstructure> wire) {
        return wire.stream().map(TrafficSelector::fromSubstructure).flatMap(Optional::stream).toList();
    }

    static List<TrafficSelectorSubstructure> wire(List<TrafficSelector> typed) {
        return typed.stream().map(TrafficSelector::toSubstructure).toList();
    }

    /** strongSwan's display ({@link TrafficSelector#toString()}); {@code ?} for a selector that is not valid. */
    static String display(TrafficSelectorSubstructure ts) {
        return TrafficSelector.fromSubstructure(ts).map(TrafficSelector::toString).orElse("?");
    }
}
