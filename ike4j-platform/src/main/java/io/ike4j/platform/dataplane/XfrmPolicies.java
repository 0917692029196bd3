package io.ike4j.platform.dataplane;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.tun.Cidrs;
import io.ike4j.platform.xfrm.XfrmAbi;
import io.ike4j.platform.xfrm.XfrmDirection;
import io.ike4j.platform.xfrm.XfrmMode;
import io.ike4j.platform.xfrm.XfrmPolicy;
import io.ike4j.platform.xfrm.XfrmSelector;
import io.ike4j.platform.xfrm.XfrmTemplate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The XFRM policies of one CHILD_SA (RFC 4301 4.4.1, the SPD): for every pair of a local and a remote traffic
 * selector of the same family, and every prefix their address ranges split into, an "out" policy (local → remote)
 * requiring the outbound SA and "in" (and, in tunnel mode, "fwd") policies (remote → local) requiring the inbound
 * one. More specific selectors get a better (lower) priority, as in strongSwan.
 */
final class XfrmPolicies {
    private static final int PRIORITY_BASE = 393_216;

    private XfrmPolicies() {
    }

    static List<XfrmPolicy> of(ChildSaSpec spec) throws DataPlaneException {
        XfrmMode mode = spec.mode() == ChildSaSpec.Mode.TUNNEL ? XfrmMode.TUNNEL : XfrmMode.TRANSPORT;
        InetAddress local = spec.local().address();
        InetAddress remote = spec.remote().address();
        XfrmTemplate out = XfrmTemplate.esp(local, remote, mode, spec.reqid());
        XfrmTemplate in = XfrmTemplate.esp(remote, local, mode, spec.reqid());
        List<XfrmPolicy> policies = new ArrayList<>();
        for (TrafficSelectorSubstructure l : spec.localSelectors()) {
            for (TrafficSelectorSubstructure r : spec.remoteSelectors()) {
                if (l.startAddress().length != r.startAddress().length) continue;
                int proto = l.ipProtocol() != 0 ? l.ipProtocol() : r.ipProtocol();
                if (l.ipProtocol() != 0 && r.ipProtocol() != 0 && l.ipProtocol() != r.ipProtocol()) continue;
                int[] lp = portMask(l);
                int[] rp = portMask(r);
                for (String lc : Cidrs.range(l.startAddress(), l.endAddress())) {
                    for (String rc : Cidrs.range(r.startAddress(), r.endAddress())) {
                        XfrmSelector toRemote = selector(lc, rc, proto, lp, rp);
                        XfrmSelector fromRemote = selector(rc, lc, proto, rp, lp);
                        int prio = priority(toRemote);
                        policies.add(XfrmPolicy.allow(toRemote, XfrmDirection.OUT, prio, List.of(out)));
                        policies.add(XfrmPolicy.allow(fromRemote, XfrmDirection.IN, prio, List.of(in)));
                        if (mode == XfrmMode.TUNNEL) {
                            policies.add(XfrmPolicy.allow(fromRemote, XfrmDirection.FWD, prio, List.of(in)));
                        }
                    }
                }
            }
        }
        if (policies.isEmpty()) throw new DataPlaneException("no pair of local and remote traffic selectors of one family");
        return policies;
    }

    /**
     * The "out" policies of a trap (RFC 4301 4.4.1): local → remote selectors requiring an ESP SA between the trap's
     * outer addresses that does not exist yet, so the kernel reports matching packets with XFRM_MSG_ACQUIRE.
     */
    static List<XfrmPolicy> trap(io.ike4j.core.engine.TrapPolicy t) throws DataPlaneException {
        XfrmMode mode = t.mode() == ChildSaSpec.Mode.TUNNEL ? XfrmMode.TUNNEL : XfrmMode.TRANSPORT;
        XfrmTemplate out = XfrmTemplate.esp(t.local(), t.remote(), mode, 0);
        List<XfrmPolicy> policies = new ArrayList<>();
        for (TrafficSelectorSubstructure l : t.localSelectors()) {
            for (TrafficSelectorSubstructure r : t.remoteSelectors()) {
                if (l.startAddress().length != r.startAddress().length) continue;
                if (l.ipProtocol() != 0 && r.ipProtocol() != 0 && l.ipProtocol() != r.ipProtocol()) continue;
                int proto = l.ipProtocol() != 0 ? l.ipProtocol() : r.ipProtocol();
                int[] lp = portMask(l);
                int[] rp = portMask(r);
                for (String lc : Cidrs.range(l.startAddress(), l.endAddress())) {
                    for (String rc : Cidrs.range(r.startAddress(), r.endAddress())) {
                        XfrmSelector toRemote = selector(lc, rc, proto, lp, rp);
                        policies.add(XfrmPolicy.allow(toRemote, XfrmDirection.OUT, priority(toRemote), List.of(out)));
                    }
                }
            }
        }
        if (policies.isEmpty()) throw new DataPlaneException("trap " + t.key() + ": no pair of selectors of one family");
        return policies;
    }

    /** {port, mask}: any (0, 0), one port (p, 0xffff), or an aligned power-of-two block; else not expressible. */
    static int[] portMask(TrafficSelectorSubstructure ts) throws DataPlaneException {
        int s = ts.startPort();
        int e = ts.endPort();
        if (s == 0 && e == 0xffff) return new int[] {0, 0};
        int size = e - s + 1;
        if (size > 0 && Integer.bitCount(size) == 1 && (s & (size - 1)) == 0) return new int[] {s, 0xffff & ~(size - 1)};
        throw new DataPlaneException("port range " + s + "-" + e + " cannot be expressed as an XFRM selector");
    }

    private static XfrmSelector selector(String src, String dst, int proto, int[] sport, int[] dport)
            throws DataPlaneException {
        int slash = src.indexOf('/');
        int dslash = dst.indexOf('/');
        try {
            InetAddress s = InetAddress.getByName(src.substring(0, slash));
            InetAddress d = InetAddress.getByName(dst.substring(0, dslash));
            int family = s.getAddress().length == 4 ? XfrmAbi.AF_INET : XfrmAbi.AF_INET6;
            return new XfrmSelector(family, s, Integer.parseInt(src.substring(slash + 1)), d,
                    Integer.parseInt(dst.substring(dslash + 1)), proto, sport[0], sport[1], dport[0], dport[1], 0);
        } catch (UnknownHostException e) {
            throw new DataPlaneException("bad prefix " + src + " or " + dst, e);
        }
    }

    private static int priority(XfrmSelector s) {
        int p = PRIORITY_BASE - 512 * (s.sourcePrefixLength() + s.destinationPrefixLength());
        if (s.protocol() != 0) p -= 256;
        if (s.sourcePortMask() != 0 || s.destinationPortMask() != 0) p -= 128;
        return p;
    }
}
