package io.ike4j.interop;

import java.util.List;
import java.util.Map;

/**
 * One CHILD_SA as a peer reports it, with VICI's {@code list-sas} key names in mind. Absent values are
 * {@code null} (e.g. no integrity algorithm with AEAD) and absent counters are 0. SPIs are lower-case hex.
 */
public record ChildSaView(
        String name,
        String state,
        String mode,
        String protocol,
        boolean encap,
        String spiIn,
        String spiOut,
        String encrAlg,
        Integer encrKeysize,
        String integAlg,
        String dhGroup,
        List<String> localTs,
        List<String> remoteTs,
        long bytesIn,
        long packetsIn,
        long bytesOut,
        long packetsOut) {

    public ChildSaView {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** Builds the view from a VICI {@code child-sas} entry. */
    public static ChildSaView fromVici(Map<String, Object> c) {
        return new ChildSaView(
                ViciTree.string(c, "name"),
                ViciTree.string(c, "state"),
                ViciTree.string(c, "mode"),
                ViciTree.string(c, "protocol"),
                "yes".equals(ViciTree.string(c, "encap")),
                lower(ViciTree.string(c, "spi-in")),
                lower(ViciTree.string(c, "spi-out")),
                ViciTree.string(c, "encr-alg"),
                integer(ViciTree.string(c, "encr-keysize")),
                ViciTree.string(c, "integ-alg"),
                ViciTree.string(c, "dh-group"),
                ViciTree.strings(c, "local-ts"),
                ViciTree.strings(c, "remote-ts"),
                counter(ViciTree.string(c, "bytes-in")),
                counter(ViciTree.string(c, "packets-in")),
                counter(ViciTree.string(c, "bytes-out")),
                counter(ViciTree.string(c, "packets-out")));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long counter(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
