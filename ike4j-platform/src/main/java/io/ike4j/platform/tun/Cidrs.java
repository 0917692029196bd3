package io.ike4j.platform.tun;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Address ranges of traffic selectors (RFC 7296 3.13.1) as the fewest covering-exactly CIDR prefixes. */
public final class Cidrs {
    private Cidrs() {
    }

    /** The prefixes that together cover exactly the address range of each selector (ports and protocol ignored). */
    public static List<String> of(List<TrafficSelectorSubstructure> selectors) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (TrafficSelectorSubstructure ts : selectors) {
            byte[] s = ts.startAddress();
            byte[] e = ts.endAddress();
            if (s.length != e.length || (s.length != 4 && s.length != 16)) continue;
            out.addAll(range(s, e));
        }
        return List.copyOf(out);
    }

    /** The prefixes covering exactly [start, end] (both 4 or both 16 bytes); empty if start > end. */
    public static List<String> range(byte[] start, byte[] end) {
        int bits = start.length * 8;
        BigInteger lo = new BigInteger(1, start);
        BigInteger hi = new BigInteger(1, end);
        List<String> out = new ArrayList<>();
        while (lo.compareTo(hi) <= 0) {
            // the largest aligned block starting at lo that does not pass hi
            int size = lo.signum() == 0 ? bits : lo.getLowestSetBit();
            while (size > 0 && lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) size--;
            out.add(format(lo, start.length) + "/" + (bits - size));
            lo = lo.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }

    private static String format(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, b, len - n, n);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }
}
