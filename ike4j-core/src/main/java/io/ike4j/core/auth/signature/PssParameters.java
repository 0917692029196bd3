package io.ike4j.core.auth.signature;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.codec.payload.AuthMethod;
import java.math.BigInteger;
import java.util.Optional;

/**
 * RFC 4055 3.1 RSASSA-PSS-params, parsed strictly: hashAlgorithm [0] (SHA-256/384/512; the SHA-1 default is
 * refused), maskGenAlgorithm [1] MGF1 with the same hash, saltLength [2] at least the hash length (the key-dependent
 * upper bound is checked at verification), trailerField [3] only 1 (strongSwan omits it; RFC 7427 A.4.3 spells it out).
 */
final class PssParameters {
    private PssParameters() {}

    static AuthDataResult parse(DerReader.Element params, byte[] signature) throws DerException {
        if (!params.is(Der.SEQUENCE)) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS parameters not a SEQUENCE");
        DerReader r = params.reader();
        HashAlgorithm hash = HashAlgorithm.SHA1;
        HashAlgorithm mgfHash = HashAlgorithm.SHA1;
        BigInteger salt = BigInteger.valueOf(20);
        int lastTag = -1;
        while (r.hasMore()) {
            DerReader.Element field = r.read();
            if (field.tag() <= lastTag) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS fields out of order");
            lastTag = field.tag();
            DerReader inner = field.reader();
            DerReader.Element value = inner.read();
            inner.expectEnd();
            switch (field.tag()) {
                case 0xa0 -> {
                    Optional<HashAlgorithm> h = digest(value);
                    if (h.isEmpty()) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: unsupported hash");
                    hash = h.get();
                }
                case 0xa1 -> {
                    if (!value.is(Der.SEQUENCE)) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: bad maskGenAlgorithm");
                    DerReader mr = value.reader();
                    if (!mr.read(Der.OID).oid().equals(Oids.MGF1)) {
                        return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: mask generation function is not MGF1");
                    }
                    Optional<HashAlgorithm> h = digest(mr.read());
                    mr.expectEnd();
                    if (h.isEmpty()) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: unsupported MGF1 hash");
                    mgfHash = h.get();
                }
                case 0xa2 -> salt = value.integer();
                case 0xa3 -> {
                    if (!value.integer().equals(BigInteger.ONE)) {
                        return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: trailerField must be 1");
                    }
                }
                default -> {
                    return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: unexpected field");
                }
            }
        }
        if (mgfHash != hash) {
            return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: MGF1 hash " + mgfHash + " differs from hash " + hash);
        }
        SignatureScheme scheme = switch (hash) {
            case SHA2_256 -> SignatureScheme.RSA_PSS_SHA256;
            case SHA2_384 -> SignatureScheme.RSA_PSS_SHA384;
            case SHA2_512 -> SignatureScheme.RSA_PSS_SHA512;
            default -> null;
        };
        if (scheme == null) return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS with " + hash + " not accepted");
        if (salt.compareTo(BigInteger.valueOf(hash.length())) < 0 || salt.compareTo(BigInteger.valueOf(AuthDataCodec.MAX_SIGNATURE_LENGTH)) > 0) {
            return AuthDataCodec.refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS: salt length " + salt + " not acceptable");
        }
        return new AuthDataResult.Parsed(new AuthSignature(AuthMethod.DIGITAL_SIGNATURE, scheme, salt.intValueExact(), signature));
    }

    /** A digest AlgorithmIdentifier: SHA-2 OID with NULL or absent parameters (RFC 4055 2.1). */
    private static Optional<HashAlgorithm> digest(DerReader.Element alg) throws DerException {
        if (!alg.is(Der.SEQUENCE)) return Optional.empty();
        DerReader r = alg.reader();
        String oid = r.read(Der.OID).oid();
        if (r.hasMore()) {
            DerReader.Element p = r.read();
            if (!p.is(Der.NULL) || p.contents().length != 0) return Optional.empty();
        }
        r.expectEnd();
        return HashAlgorithm.ofOid(oid).filter(h -> h != HashAlgorithm.SHA1 && h != HashAlgorithm.IDENTITY);
    }
}
