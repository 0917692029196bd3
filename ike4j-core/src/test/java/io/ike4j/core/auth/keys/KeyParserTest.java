package io.ike4j.core.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Pem;
import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.auth.signature.VerifyResult;
import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyParserTest {

    private static byte[] pem(String label, byte[] der) {
        return Pem.encode(label, der).getBytes(StandardCharsets.US_ASCII);
    }

    /** The private key inside PKCS#8 (RFC 5208: version, algorithm, OCTET STRING privateKey). */
    static byte[] innerKey(byte[] pkcs8) throws Exception {
        DerReader r = DerReader.single(pkcs8).reader();
        r.read(Der.INTEGER);
        r.read(Der.SEQUENCE);
        return r.read(Der.OCTET_STRING).contents();
    }

    /** A standalone SEC1 ECPrivateKey with the curve in [0] parameters, as strongSwan's ecdsa/ dir holds them. */
    static byte[] sec1(KeyPair pair, String curveOid) throws Exception {
        DerReader r = DerReader.single(innerKey(pair.getPrivate().getEncoded())).reader();
        r.read(Der.INTEGER);
        byte[] scalar = r.read(Der.OCTET_STRING).contents();
        return Der.sequence(Der.integer(1), Der.octetString(scalar), Der.explicit(0, Der.oid(curveOid)));
    }

    private static void assertSameKeyAndSigns(PrivateKeyHandle h, KeyPair pair, SignatureScheme scheme) {
        assertThat(h.publicKey()).isEqualTo(pair.getPublic());
        assertThat(h.toString()).doesNotContain(pair.getPrivate().toString());
        PrivateKeyStore store = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("k"), h).build();
        byte[] msg = "octets".getBytes(StandardCharsets.US_ASCII);
        SignResult r = store.sign(new KeyRef("k"), scheme, msg);
        assertThat(r).isInstanceOf(SignResult.Signed.class);
        assertThat(new SignatureVerifier().verify(pair.getPublic(), scheme, ((SignResult.Signed) r).saltLength(), msg,
                ((SignResult.Signed) r).signature())).isInstanceOf(VerifyResult.Valid.class);
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void pkcs8PemAndDer(KeyKind kind) throws Exception {
        KeyPair pair = TestKeys.pair(kind);
        SignatureScheme scheme = switch (kind) {
            case RSA -> SignatureScheme.RSA_PSS_SHA256;
            case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> SignatureScheme.ECDSA_SHA256;
            case ED25519 -> SignatureScheme.ED25519;
            case ED448 -> SignatureScheme.ED448;
        };
        byte[] der = pair.getPrivate().getEncoded();
        PrivateKeyHandle fromPem = KeyParser.parsePrivate(pem("PRIVATE KEY", der));
        assertThat(fromPem.kind()).isEqualTo(kind);
        assertSameKeyAndSigns(fromPem, pair, scheme);
        assertSameKeyAndSigns(KeyParser.parsePrivate(der), pair, scheme);
        assertThat(KeyParser.parsePublic(pem("PUBLIC KEY", pair.getPublic().getEncoded()))).isEqualTo(pair.getPublic());
        assertThat(KeyParser.parsePublic(pair.getPublic().getEncoded())).isEqualTo(pair.getPublic());
    }

    @Test
    void traditionalPkcs1Rsa() throws Exception {
        KeyPair pair = TestKeys.pair(KeyKind.RSA);
        byte[] pkcs1 = innerKey(pair.getPrivate().getEncoded());
        assertSameKeyAndSigns(KeyParser.parsePrivate(pem("RSA PRIVATE KEY", pkcs1)), pair, SignatureScheme.RSA_PKCS1_SHA256);
        assertSameKeyAndSigns(KeyParser.parsePrivate(pkcs1), pair, SignatureScheme.RSA_PKCS1_SHA256);
    }

    @Test
    void sec1EcKeysForEachCurve() throws Exception {
        String[][] curves = {{"ECDSA_P256", "1.2.840.10045.3.1.7"}, {"ECDSA_P384", "1.3.132.0.34"}, {"ECDSA_P521", "1.3.132.0.35"}};
        for (String[] c : curves) {
            KeyPair pair = TestKeys.pair(KeyKind.valueOf(c[0]));
            byte[] sec1 = sec1(pair, c[1]);
            PrivateKeyHandle h = KeyParser.parsePrivate(pem("EC PRIVATE KEY", sec1));
            assertThat(h.kind()).isEqualTo(KeyKind.valueOf(c[0]));
            assertSameKeyAndSigns(h, pair, SignatureScheme.ECDSA_SHA384);
            assertSameKeyAndSigns(KeyParser.parsePrivate(sec1), pair, SignatureScheme.ECDSA_SHA384);
        }
    }

    @Test
    void refusesEncryptedMalformedAndUnsupported() {
        assertThatThrownBy(() -> KeyParser.parsePrivate(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0})))
                .isInstanceOfSatisfying(KeyLoadException.class, e -> assertThat(e.reason()).isEqualTo(KeyLoadException.Reason.ENCRYPTED));
        assertThatThrownBy(() -> KeyParser.parsePrivate(new byte[] {0x30, 0x05, 0x02}))
                .isInstanceOfSatisfying(KeyLoadException.class, e -> assertThat(e.reason()).isEqualTo(KeyLoadException.Reason.MALFORMED));
        assertThatThrownBy(() -> KeyParser.parsePrivate("-----BEGIN PRIVATE KEY-----\n@@@\n-----END PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(KeyLoadException.class);
        // DSA key algorithm OID 1.2.840.10040.4.1
        byte[] dsa = Der.sequence(Der.integer(0), Der.algorithm("1.2.840.10040.4.1", null), Der.octetString(Der.integer(5)));
        assertThatThrownBy(() -> KeyParser.parsePrivate(pem("PRIVATE KEY", dsa)))
                .isInstanceOfSatisfying(KeyLoadException.class, e -> assertThat(e.reason()).isEqualTo(KeyLoadException.Reason.UNSUPPORTED_ALGORITHM));
        // SEC1 without curve parameters cannot be loaded
        byte[] noCurve = Der.sequence(Der.integer(1), Der.octetString(new byte[32]));
        assertThatThrownBy(() -> KeyParser.parsePrivate(pem("EC PRIVATE KEY", noCurve)))
                .isInstanceOfSatisfying(KeyLoadException.class, e -> assertThat(e.reason()).isEqualTo(KeyLoadException.Reason.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> KeyParser.parsePublic(pem("CERTIFICATE", new byte[] {0x30, 0})))
                .isInstanceOf(KeyLoadException.class);
    }

    @Test
    void opensslTraditionalFilesLoadWhenOpensslIsPresent() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenSsl.available(), "openssl not installed");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("keys");
        byte[] rsa = OpenSsl.run(dir, "genrsa", "-traditional", "2048");
        assertThat(new String(rsa, StandardCharsets.US_ASCII)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(KeyParser.parsePrivate(rsa).kind()).isEqualTo(KeyKind.RSA);
        byte[] ec = OpenSsl.run(dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout");
        assertThat(new String(ec, StandardCharsets.US_ASCII)).contains("BEGIN EC PRIVATE KEY");
        assertThat(KeyParser.parsePrivate(ec).kind()).isEqualTo(KeyKind.ECDSA_P384);
        byte[] ed = OpenSsl.run(dir, "genpkey", "-algorithm", "ed25519");
        assertThat(KeyParser.parsePrivate(ed).kind()).isEqualTo(KeyKind.ED25519);
    }
}
