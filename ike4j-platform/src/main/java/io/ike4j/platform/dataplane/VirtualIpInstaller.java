package io.ike4j.platform.dataplane;

import io.ike4j.platform.tun.IpRoute2;
import java.io.IOException;
import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts virtual IPs (RFC 7296 3.15) on host interfaces for kernel data planes: like strongSwan's kernel-netlink, on the
 * interface traffic to the IKE peer leaves from.
 */
public interface VirtualIpInstaller {

    /** The interface the route to {@code peer} uses. */
    String interfaceTowards(InetAddress peer) throws IOException;

    void add(String device, String cidr) throws IOException;

    void delete(String device, String cidr) throws IOException;

    /** Through iproute2: {@code ip route get PEER}, {@code ip addr add|del CIDR dev DEVICE}. */
    static VirtualIpInstaller ipRoute2(IpRoute2 ip) {
        Pattern dev = Pattern.compile("\\bdev (\\S+)");
        return new VirtualIpInstaller() {
            @Override
            public String interfaceTowards(InetAddress peer) throws IOException {
                String out = ip.run(peer.getAddress().length == 4 ? "-4" : "-6", "route", "get", peer.getHostAddress());
                Matcher m = dev.matcher(out);
                if (!m.find()) throw new IOException("no route to " + peer.getHostAddress() + ": " + out.strip());
                return m.group(1);
            }

            @Override
            public void add(String device, String cidr) throws IOException {
                ip.addAddress(device, cidr);
            }

            @Override
            public void delete(String device, String cidr) throws IOException {
                ip.deleteAddress(device, cidr);
            }
        };
    }
}
