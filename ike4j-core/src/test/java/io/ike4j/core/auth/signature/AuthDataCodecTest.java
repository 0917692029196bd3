package io.ike4j.core.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.codec.payload.AuthMethod;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthDataCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    /** RFC 7427 Appendix A (A.1.1-A.1.4, A.3.2-A.3.4) and RFC 8420 3 (Ed25519/Ed448 AlgorithmIdentifiers). */
    @ParameterizedTest
    @CsvSource({
        "RSA_PKCS1_SHA1,   300d06092a864886f70d0101050500",
        "RSA_PKCS1_SHA256, 300d06092a864886f70d01010b0500",
        "RSA_PKCS1_SHA384, 300d06092a864886f70d01010c0500",
        "RSA_PKCS1_SHA512, 300d06092a864886f70d01010d0500",
        "ECDSA_SHA256,     300a06082a8648ce3d040302",
        "ECDSA_SHA384,     300a06082a8648ce3d040303",
        "ECDSA_SHA512,     300a06082a8648ce3d040304",
        "ED25519,          300506032b6570",
        "ED448,            300506032b6571",
    })
    void algorithmIdentifiersMatchTheRfc(SignatureScheme scheme, String expected) {
        assertThat(HEX.formatHex(scheme.algorithmIdentifier().orElseThrow())).isEqualTo(expected);
        byte[] sig = scheme.family() == SignatureScheme.Family.ECDSA_DER ? Der.sequence(Der.integer(5), Der.integer(7)) : new byte[64];
        byte[] data = AuthDataCodec.encode(AuthMethod.DIGITAL_SIGNATURE, scheme, 0, sig);
        assertThat(data[0] & 0xff).isEqualTo(expected.length() / 2);
        assertThat(AuthDataCodec.decode(14, data)).isEqualTo(new AuthDataResult.Parsed(
                new AuthSignature(AuthMethod.DIGITAL_SIGNATURE, scheme, 0, sig)));
    }

    /** RSASSA-PSS SHA-256 as strongSwan sends it: trailerField (default 1) omitted, salt 32. */
    private static final String PSS_SHA256 = "3041 0609 2a864886f70d01010a 3034"
            + " a00f 300d 0609 608648016503040201 0500"
            + " a11c 301a 0609 2a864886f70d010108 300d 0609 608648016503040201 0500"
            + " a203 0201 20";

    @Test
    void pssAlgorithmIdentifierIsDerWithDefaultsOmitted() {
        assertThat(HEX.formatHex(SignatureScheme.RSA_PSS_SHA256.algorithmIdentifier().orElseThrow()))
                .isEqualTo(PSS_SHA256.replace(" ", ""));
    }

    /** RFC 7427 A.4.3 spells out trailerField 1 (0xa3 03 02 01 01); that form is accepted too. */
    @Test
    void rfc7427PssWithExplicitTrailerIsAccepted() {
        byte[] algId = hex("3046 0609 2a864886f70d01010a 3039"
                + " a00f 300d 0609 608648016503040201 0500"
                + " a11c 301a 0609 2a864886f70d010108 300d 0609 608648016503040201 0500"
                + " a203 0201 20 a303 0201 01");
        AuthDataResult r = AuthDataCodec.decode(14, withSig(algId, new byte[256]));
        assertThat(r).isInstanceOfSatisfying(AuthDataResult.Parsed.class, p -> {
            assertThat(p.signature().scheme()).isEqualTo(SignatureScheme.RSA_PSS_SHA256);
            assertThat(p.signature().saltLength()).isEqualTo(32);
        });
    }

    private static byte[] withSig(byte[] algId, byte[] sig) {
        return Der.concat(new byte[] {(byte) algId.length}, algId, sig);
    }

    private static AuthFailure refusal(int method, byte[] data) {
        AuthDataResult r = AuthDataCodec.decode(method, data);
        assertThat(r).isInstanceOf(AuthDataResult.Refused.class);
        return ((AuthDataResult.Refused) r).reason();
    }

    @Test
    void malformedMethod14DataIsATypedRefusal() {
        byte[] good = withSig(hex("300d06092a864886f70d01010b0500"), new byte[256]);
        assertThat(refusal(14, new byte[0])).isEqualTo(AuthFailure.MALFORMED);
        assertThat(refusal(14, new byte[] {15})).isEqualTo(AuthFailure.MALFORMED); // truncated
        assertThat(refusal(14, java.util.Arrays.copyOf(good, 10))).isEqualTo(AuthFailure.MALFORMED); // truncated AlgId
        assertThat(refusal(14, java.util.Arrays.copyOf(good, 16))).isEqualTo(AuthFailure.BAD_SIGNATURE_LENGTH); // no signature
        byte[] shortLen = good.clone();
        shortLen[0] = 14; // length byte one too small
        assertThat(refusal(14, shortLen)).isEqualTo(AuthFailure.MALFORMED);
        byte[] longLen = good.clone();
        longLen[0] = 16; // one too large: the first signature byte becomes trailing garbage in the AlgId
        assertThat(refusal(14, longLen)).isEqualTo(AuthFailure.MALFORMED);
        byte[] hugeLen = good.clone();
        hugeLen[0] = (byte) 0xff;
        assertThat(refusal(14, java.util.Arrays.copyOf(hugeLen, 40))).isEqualTo(AuthFailure.MALFORMED);
        // unknown OID (md5WithRSAEncryption 1.2.840.113549.1.1.4)
        assertThat(refusal(14, withSig(hex("300d06092a864886f70d0101040500"), new byte[256]))).isEqualTo(AuthFailure.UNKNOWN_ALGORITHM);
        // ECDSA with parameters, PKCS#1 with non-NULL parameters
        assertThat(refusal(14, withSig(hex("300c06082a8648ce3d0403020500"), new byte[8]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        assertThat(refusal(14, withSig(hex("300e06092a864886f70d01010b020101"), new byte[8]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        // trailing garbage after the DER ECDSA signature / inside the AlgorithmIdentifier
        byte[] ecSig = Der.concat(Der.sequence(Der.integer(5), Der.integer(7)), new byte[] {0});
        assertThat(refusal(14, withSig(hex("300a06082a8648ce3d040302"), ecSig))).isEqualTo(AuthFailure.MALFORMED);
        assertThat(refusal(14, withSig(hex("300d06092a864886f70d01010b0500 00"), new byte[256]))).isEqualTo(AuthFailure.MALFORMED);
        // non-minimal DER length inside the AlgorithmIdentifier
        assertThat(refusal(14, withSig(hex("30810d06092a864886f70d01010b0500"), new byte[256]))).isEqualTo(AuthFailure.MALFORMED);
        // unsupported methods
        assertThat(refusal(2, new byte[20])).isEqualTo(AuthFailure.UNSUPPORTED_METHOD);
        assertThat(refusal(200, new byte[20])).isEqualTo(AuthFailure.UNSUPPORTED_METHOD);
        assertThat(refusal(9, new byte[0])).isEqualTo(AuthFailure.BAD_SIGNATURE_LENGTH);
    }

    private static byte[] pss(String hashA0, String mgfHash, String salt) {
        byte[] hashAlg = Der.algorithm(hashA0, Der.nul());
        byte[] params = Der.sequence(Der.explicit(0, hashAlg),
                Der.explicit(1, Der.algorithm("1.2.840.113549.1.1.8", Der.algorithm(mgfHash, Der.nul()))),
                Der.explicit(2, Der.integer(Long.parseLong(salt))));
        return Der.algorithm("1.2.840.113549.1.1.10", params);
    }

    @Test
    void pssParameterProblemsAreRefused() {
        String sha256 = "2.16.840.1.101.3.4.2.1";
        String sha384 = "2.16.840.1.101.3.4.2.2";
        assertThat(AuthDataCodec.decode(14, withSig(pss(sha256, sha256, "32"), new byte[256]))).isInstanceOf(AuthDataResult.Parsed.class);
        assertThat(refusal(14, withSig(pss(sha256, sha384, "32"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        assertThat(refusal(14, withSig(pss(sha256, sha256, "8"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        assertThat(refusal(14, withSig(pss(sha256, sha256, "-1"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        assertThat(refusal(14, withSig(pss("1.3.14.3.2.26", "1.3.14.3.2.26", "20"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        // RFC 7427 A.4.1: RSASSA-PSS with empty parameters means SHA-1 defaults: not accepted
        assertThat(refusal(14, withSig(hex("300d06092a864886f70d01010a3000"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        assertThat(refusal(14, withSig(hex("300b06092a864886f70d01010a"), new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
        // trailer other than 1
        byte[] t2 = Der.algorithm("1.2.840.113549.1.1.10", Der.sequence(Der.explicit(0, Der.algorithm(sha256, Der.nul())),
                Der.explicit(1, Der.algorithm("1.2.840.113549.1.1.8", Der.algorithm(sha256, Der.nul()))),
                Der.explicit(2, Der.integer(32)), Der.explicit(3, Der.integer(2))));
        assertThat(refusal(14, withSig(t2, new byte[256]))).isEqualTo(AuthFailure.BAD_PARAMETERS);
    }

    @Test
    void signatureHashAlgorithmsNotify() {
        byte[] data = SignatureHashAlgorithms.encode(SignatureHashAlgorithms.DEFAULT);
        assertThat(HEX.formatHex(data)).isEqualTo("0002000300040005");
        assertThat(SignatureHashAlgorithms.decode(hex("0002 0004 00ff 0001")))
                .isEqualTo(new SignatureHashAlgorithms.Decoded.Supported(
                        List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_512, HashAlgorithm.SHA1), List.of(255)));
        assertThat(SignatureHashAlgorithms.decode(hex("000200"))).isInstanceOf(SignatureHashAlgorithms.Decoded.Malformed.class);
        assertThat(SignatureHashAlgorithms.decode(new byte[0])).isInstanceOf(SignatureHashAlgorithms.Decoded.Malformed.class);
        assertThat(SignatureHashAlgorithms.negotiate(SignatureHashAlgorithms.DEFAULT,
                List.of(HashAlgorithm.SHA1, HashAlgorithm.SHA2_512, HashAlgorithm.SHA2_384), Set.of(HashAlgorithm.values())))
                .contains(HashAlgorithm.SHA2_384);
        assertThat(SignatureHashAlgorithms.negotiate(SignatureHashAlgorithms.DEFAULT, List.of(HashAlgorithm.SHA1),
                Set.of(HashAlgorithm.values()))).isEmpty();
        assertThat(HashAlgorithm.of(5)).contains(HashAlgorithm.IDENTITY);
    }
}
