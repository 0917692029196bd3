package io.ike4j.core.pool;

import io.ike4j.core.config.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The addresses of a virtual IP pool ({@code pools.<name>.addrs}): a CIDR prefix ({@code 10.3.0.0/24}) without its
 * network and broadcast address as strongSwan hands them out, or an inclusive range ({@code 10.3.0.10-10.3.0.20}).
 * IPv6 works the same way; pools larger than {@link #MAX_SIZE} addresses are cut to that size.
 *
 * @param base the first address of the prefix or range (what {@code list-pools} shows)
 * @param first the first address handed out
 * @param size the number of addresses handed out
 */
public record PoolRange(InetAddress base, InetAddress first, long size) {
    /** The largest pool we track (strongSwan caps its in-memory pools the same way). */
    public static final long MAX_SIZE = 1L << 31;

    public PoolRange {
        if (base == null || first == null || base.getAddress().length != first.getAddress().length) {
            throw new IllegalArgumentException("base and first address of one family required");
        }
        if (size < 1 || size > MAX_SIZE) throw new IllegalArgumentException("pool size out of range");
    }

    /** Parses {@code addrs}; empty when the text is neither a CIDR prefix nor an address range. */
    public static Optional<PoolRange> parse(String text) {
        String s = text == null ? "" : text.strip();
        int slash = s.indexOf('/');
        int dash = s.indexOf('-');
        if (slash > 0) {
            Optional<InetAddress> a = IpLiterals.parse(s.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (a.isEmpty()) return Optional.empty();
            int len = a.get().getAddress().length * 8;
            if (bits < 0 || bits > len) return Optional.empty();
            BigInteger net = masked(toInt(a.get().getAddress()), bits, len);
            BigInteger count = BigInteger.ONE.shiftLeft(len - bits);
            BigInteger start = net;
            // strongSwan: a prefix loses its network and broadcast addresses when it has more than two
            if (count.compareTo(BigInteger.TWO) > 0) {
                start = net.add(BigInteger.ONE);
                count = count.subtract(BigInteger.TWO);
            }
            return Optional.of(new PoolRange(toAddress(net, len / 8), toAddress(start, len / 8), cap(count)));
        }
        if (dash > 0) {
            Optional<InetAddress> a = IpLiterals.parse(s.substring(0, dash).strip());
            Optional<InetAddress> b = IpLiterals.parse(s.substring(dash + 1).strip());
            if (a.isEmpty() || b.isEmpty() || a.get().getAddress().length != b.get().getAddress().length) return Optional.empty();
            BigInteger from = toInt(a.get().getAddress()), to = toInt(b.get().getAddress());
            if (from.compareTo(to) > 0) return Optional.empty();
            return Optional.of(new PoolRange(a.get(), a.get(), cap(to.subtract(from).add(BigInteger.ONE))));
        }
        return IpLiterals.parse(s).map(a -> new PoolRange(a, a, 1));
    }

    public boolean ipv6() {
        return base.getAddress().length == 16;
    }

    /** The address at {@code index} (0 = {@link #first}). */
    public InetAddress address(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("pool index " + index);
        byte[] f = first.getAddress();
        return toAddress(toInt(f).add(BigInteger.valueOf(index)), f.length);
    }

    /** The index of {@code a} in this pool, or -1 if it is not one of its addresses. */
    public long indexOf(InetAddress a) {
        byte[] f = first.getAddress(), b = a.getAddress();
        if (f.length != b.length) return -1;
        BigInteger d = toInt(b).subtract(toInt(f));
        return d.signum() < 0 || d.compareTo(BigInteger.valueOf(size)) >= 0 ? -1 : d.longValueExact();
    }

    @Override
    public String toString() {
        return IpLiterals.format(base.getAddress()).orElse("?") + " (" + size + ")";
    }

    private static long cap(BigInteger n) {
        return n.min(BigInteger.valueOf(MAX_SIZE)).longValueExact();
    }

    private static BigInteger toInt(byte[] b) {
        return new BigInteger(1, b);
    }

    private static BigInteger masked(BigInteger v, int bits, int len) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(len - bits).subtract(BigInteger.ONE);
        return v.andNot(hostMask);
    }

    private static InetAddress toAddress(BigInteger v, int bytes) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[bytes];
        int n = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - n, out, bytes - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes never fail
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolRange r && r.size == size && Arrays.equals(r.base.getAddress(), base.getAddress())
                && Arrays.equals(r.first.getAddress(), first.getAddress());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(first.getAddress()) * 31 + Long.hashCode(size);
    }
}
