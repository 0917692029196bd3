package io.ike4j.platform.xfrm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** Address helpers: family numbers and decoding of xfrm_address_t. */
final class XfrmAddresses {
    private XfrmAddresses() {
    }

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? XfrmAbi.AF_INET : XfrmAbi.AF_INET6;
    }

    /** The address in a 16-byte xfrm_address_t for the given family; empty for an unknown family. */
    static Optional<InetAddress> decode(byte[] b, int offset, int family) {
        int n = switch (family) {
            case XfrmAbi.AF_INET -> 4;
            case XfrmAbi.AF_INET6 -> 16;
            default -> 0;
        };
        if (n == 0) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, offset, offset + n)));
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen for 4 or 16 bytes
        }
    }
}
