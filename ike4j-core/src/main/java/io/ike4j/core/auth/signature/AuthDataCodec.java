package io.ike4j.core.auth.signature;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.codec.payload.AuthMethod;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes and strictly decodes the Authentication Data of signature AUTH payloads.
 * RFC 7427 3: method 14 data = ASN.1 length (1 octet) | AlgorithmIdentifier (DER) | signature value.
 * Classic methods 1, 9, 10, 11 carry the bare signature.
 */
public final class AuthDataCodec {
    /** Upper bound for any signature value we accept (RSA 8192 bits; ECDSA/EdDSA are far smaller). */
    public static final int MAX_SIGNATURE_LENGTH = 1024;

    private AuthDataCodec() {}

    /** The auth method to use for a scheme: the classic one for the raw ECDSA schemes, else 14. */
    public static AuthMethod methodFor(SignatureScheme scheme, boolean classicRsa) {
        return switch (scheme) {
            case ECDSA_P256_SHA256_RAW -> AuthMethod.ECDSA_SHA256_P256;
            case ECDSA_P384_SHA384_RAW -> AuthMethod.ECDSA_SHA384_P384;
            case ECDSA_P521_SHA512_RAW -> AuthMethod.ECDSA_SHA512_P521;
            case RSA_PKCS1_SHA1 -> classicRsa ? AuthMethod.RSA_DIGITAL_SIGNATURE : AuthMethod.DIGITAL_SIGNATURE;
            default -> AuthMethod.DIGITAL_SIGNATURE;
        };
    }

    /** AUTH data for {@code method}; for method 14 the AlgorithmIdentifier prefix is added. */
    public static byte[] encode(AuthMethod method, SignatureScheme scheme, int saltLength, byte[] signature) {
        if (method != AuthMethod.DIGITAL_SIGNATURE) return signature.clone();
        byte[] algId = scheme.family() == SignatureScheme.Family.RSA_PSS
                ? scheme.pssAlgorithmIdentifier(saltLength)
                : scheme.algorithmIdentifier().orElseThrow(() -> new IllegalArgumentException(scheme + " has no OID"));
        return Der.concat(new byte[] {(byte) algId.length}, algId, signature);
    }

    /** Decodes received AUTH data; never throws on bad input. */
    public static AuthDataResult decode(int method, byte[] data) {
        Optional<AuthMethod> m = AuthMethod.of(method);
        if (m.isEmpty()) return refused(AuthFailure.UNSUPPORTED_METHOD, "unknown auth method " + method);
        return switch (m.get()) {
            case RSA_DIGITAL_SIGNATURE -> bare(m.get(), SignatureScheme.RSA_PKCS1_SHA1, data);
            case ECDSA_SHA256_P256 -> bare(m.get(), SignatureScheme.ECDSA_P256_SHA256_RAW, data);
            case ECDSA_SHA384_P384 -> bare(m.get(), SignatureScheme.ECDSA_P384_SHA384_RAW, data);
            case ECDSA_SHA512_P521 -> bare(m.get(), SignatureScheme.ECDSA_P521_SHA512_RAW, data);
            case DIGITAL_SIGNATURE -> digitalSignature(data);
            default -> refused(AuthFailure.UNSUPPORTED_METHOD, "auth method " + m.get() + " is not a signature method");
        };
    }

    private static AuthDataResult bare(AuthMethod method, SignatureScheme scheme, byte[] data) {
        if (data.length == 0 || data.length > MAX_SIGNATURE_LENGTH) {
            return refused(AuthFailure.BAD_SIGNATURE_LENGTH, "signature length " + data.length + " out of bounds");
        }
        return new AuthDataResult.Parsed(new AuthSignature(method, scheme, 0, data));
    }

    // RFC 7427 3
    private static AuthDataResult digitalSignature(byte[] data) {
        if (data.length < 1) return refused(AuthFailure.MALFORMED, "empty AUTH data");
        int algLen = data[0] & 0xff;
        if (algLen < 2 || 1 + algLen > data.length) {
            return refused(AuthFailure.MALFORMED, "ASN.1 length " + algLen + " does not fit " + data.length + " bytes of AUTH data");
        }
        byte[] algId = Arrays.copyOfRange(data, 1, 1 + algLen);
        byte[] signature = Arrays.copyOfRange(data, 1 + algLen, data.length);
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_LENGTH) {
            return refused(AuthFailure.BAD_SIGNATURE_LENGTH, "signature length " + signature.length + " out of bounds");
        }
        try {
            DerReader.Element seq = DerReader.single(algId);
            if (!seq.is(Der.SEQUENCE)) return refused(AuthFailure.MALFORMED, "AlgorithmIdentifier is not a SEQUENCE");
            DerReader r = seq.reader();
            String oid = r.read(Der.OID).oid();
            Optional<DerReader.Element> params = r.hasMore() ? Optional.of(r.read()) : Optional.empty();
            r.expectEnd();
            return identify(oid, params, signature);
        } catch (DerException e) {
            return refused(AuthFailure.MALFORMED, "AlgorithmIdentifier: " + e.getMessage());
        }
    }

    private static AuthDataResult identify(String oid, Optional<DerReader.Element> params, byte[] sig) throws DerException {
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.family() == SignatureScheme.Family.RSA_PSS || s.oid().filter(oid::equals).isEmpty()) continue;
            if (s.family() == SignatureScheme.Family.RSA) {
                // RFC 4055 5: NULL parameters (absent tolerated, as strongSwan does)
                if (params.isPresent() && !(params.get().is(Der.NULL) && params.get().contents().length == 0)) {
                    return refused(AuthFailure.BAD_PARAMETERS, s + ": parameters must be NULL");
                }
            } else if (params.isPresent()) {
                // RFC 5758 3.2, RFC 8410 3: parameters MUST be absent
                return refused(AuthFailure.BAD_PARAMETERS, s + ": parameters must be absent");
            }
            if (s.family() == SignatureScheme.Family.ECDSA_DER) {
                String bad = checkEcdsaDer(sig);
                if (bad != null) return refused(AuthFailure.MALFORMED, s + ": " + bad);
            }
            return new AuthDataResult.Parsed(new AuthSignature(AuthMethod.DIGITAL_SIGNATURE, s, 0, sig));
        }
        if (oid.equals(Oids.RSASSA_PSS)) {
            if (params.isEmpty()) return refused(AuthFailure.BAD_PARAMETERS, "RSASSA-PSS without parameters");
            return PssParameters.parse(params.get(), sig);
        }
        return refused(AuthFailure.UNKNOWN_ALGORITHM, "unsupported signature algorithm " + oid);
    }

    /** RFC 5480 / RFC 3279 Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, strict DER, positive. */
    static String checkEcdsaDer(byte[] sig) {
        try {
            DerReader.Element e = DerReader.single(sig);
            if (!e.is(Der.SEQUENCE)) return "signature is not a SEQUENCE";
            DerReader r = e.reader();
            BigInteger rr = r.read(Der.INTEGER).integer();
            BigInteger ss = r.read(Der.INTEGER).integer();
            r.expectEnd();
            if (rr.signum() <= 0 || ss.signum() <= 0) return "r and s must be positive";
            return null;
        } catch (DerException ex) {
            return "signature value: " + ex.getMessage();
        }
    }

    static AuthDataResult refused(AuthFailure reason, String detail) {
        return new AuthDataResult.Refused(reason, detail);
    }
}
