package io.ike4j.core.auth.signature;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7427 4: the SIGNATURE_HASH_ALGORITHMS notification data is a list of 16-bit hash algorithm identifiers.
 * Encoding, strict decoding and the choice of a common hash.
 */
public final class SignatureHashAlgorithms {

    /** What we announce by default (strongSwan announces SHA-256/384/512 and identity). */
    public static final List<HashAlgorithm> DEFAULT = List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384,
            HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY);

    /** Result of decoding received notify data. */
    public sealed interface Decoded {
        /** Known algorithms in the peer's order; unknown values are kept aside (RFC 7427 4: ignore them). */
        record Supported(List<HashAlgorithm> algorithms, List<Integer> unknownValues) implements Decoded {
            public Supported {
                algorithms = List.copyOf(algorithms);
                unknownValues = List.copyOf(unknownValues);
            }
        }

        /** Empty or odd-length data. */
        record Malformed(String reason) implements Decoded {}
    }

    private SignatureHashAlgorithms() {}

    public static byte[] encode(List<HashAlgorithm> algorithms) {
        byte[] out = new byte[algorithms.size() * 2];
        for (int i = 0; i < algorithms.size(); i++) {
            int v = algorithms.get(i).value();
            out[2 * i] = (byte) (v >>> 8);
            out[2 * i + 1] = (byte) v;
        }
        return out;
    }

    public static Decoded decode(byte[] data) {
        if (data.length == 0) return new Decoded.Malformed("empty SIGNATURE_HASH_ALGORITHMS data");
        if (data.length % 2 != 0) return new Decoded.Malformed("SIGNATURE_HASH_ALGORITHMS data has odd length " + data.length);
        Set<HashAlgorithm> known = new LinkedHashSet<>();
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < data.length; i += 2) {
            int v = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            HashAlgorithm.of(v).ifPresentOrElse(known::add, () -> unknown.add(v));
        }
        return new Decoded.Supported(List.copyOf(known), unknown);
    }

    /**
     * The hash to use for a signature we make: the first of {@code ourPreference} that the peer announced and that
     * {@code usable} (fit for our key) allows. Empty if there is none: fall back to a classic method or fail.
     */
    public static Optional<HashAlgorithm> negotiate(List<HashAlgorithm> ourPreference, List<HashAlgorithm> peerSupported,
            Set<HashAlgorithm> usable) {
        for (HashAlgorithm h : ourPreference) {
            if (peerSupported.contains(h) && usable.contains(h)) return Optional.of(h);
        }
        return Optional.empty();
    }
}
