package io.ike4j.core.auth.signature;

import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Hash Algorithms for the SIGNATURE_HASH_ALGORITHMS notify (IANA; RFC 7427 4, RFC 8420). */
public enum HashAlgorithm implements IanaValue {
    SHA1(1, "SHA-1", 20, Oids.SHA1),
    SHA2_256(2, "SHA-256", 32, Oids.SHA256),
    SHA2_384(3, "SHA-384", 48, Oids.SHA384),
    SHA2_512(4, "SHA-512", 64, Oids.SHA512),
    /** RFC 8420: the signature algorithm hashes internally (EdDSA signs the octets directly). */
    IDENTITY(5, "NONE", 0, null);

    private final int value;
    private final String jcaName;
    private final int length;
    private final String oid;

    HashAlgorithm(int value, String jcaName, int length, String oid) {
        this.value = value;
        this.jcaName = jcaName;
        this.length = length;
        this.oid = oid;
    }

    @Override
    public int value() {
        return value;
    }

    /** JCA MessageDigest name ("NONE" for identity). */
    public String jcaName() {
        return jcaName;
    }

    /** Output length in bytes (0 for identity). */
    public int length() {
        return length;
    }

    /** Digest algorithm OID (empty for identity). */
    public Optional<String> oid() {
        return Optional.ofNullable(oid);
    }

    public static Optional<HashAlgorithm> of(int value) {
        for (HashAlgorithm h : values()) {
            if (h.value == value) return Optional.of(h);
        }
        return Optional.empty();
    }

    static Optional<HashAlgorithm> ofOid(String oid) {
        for (HashAlgorithm h : values()) {
            if (oid.equals(h.oid)) return Optional.of(h);
        }
        return Optional.empty();
    }
}
