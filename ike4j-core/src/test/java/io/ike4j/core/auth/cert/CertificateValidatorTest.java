package io.ike4j.core.auth.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.TestKeys;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateValidatorTest {
    private static final InstantSource CLOCK = InstantSource.fixed(TestPki.NOW);

    private static RefusalReason refusal(ValidationResult r) {
        assertThat(r).isInstanceOf(ValidationResult.Refused.class);
        return ((ValidationResult.Refused) r).reason();
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "ECDSA_P256", "ECDSA_P384", "ED25519"})
    void chainToRootValidates(KeyKind kind) throws Exception {
        TestPki pki = new TestPki(kind);
        CertificateValidator v = new CertificateValidator(List.of(pki.root), List.of(), CLOCK);
        ValidationResult r = v.validate(pki.leaf, List.of(pki.intermediate));
        assertThat(r).isInstanceOfSatisfying(ValidationResult.Trusted.class, t -> {
            assertThat(t.path()).containsExactly(pki.leaf, pki.intermediate);
            assertThat(t.anchor().getTrustedCert()).isEqualTo(pki.root);
            assertThat(t.endEntity()).isEqualTo(pki.leaf);
        });
        // with a CRL that revokes something else, still trusted
        X509Certificate other = pki.leaf(TestKeys.pair(kind), TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1)), List.of("x.example.com"));
        assertThat(new CertificateValidator(List.of(pki.root), List.of(pki.crlRevoking(other)), CLOCK)
                .validate(pki.leaf, List.of(pki.intermediate))).isInstanceOf(ValidationResult.Trusted.class);
    }

    @Test
    void expiredAndNotYetValidWithInjectedClock() throws Exception {
        TestPki pki = new TestPki(KeyKind.ECDSA_P256);
        ValidationResult later = new CertificateValidator(List.of(pki.root), List.of(), InstantSource.fixed(TestPki.NOW.plus(Duration.ofDays(400))))
                .validate(pki.leaf, List.of(pki.intermediate));
        assertThat(refusal(later)).isEqualTo(RefusalReason.EXPIRED);
        ValidationResult earlier = new CertificateValidator(List.of(pki.root), List.of(), InstantSource.fixed(TestPki.NOW.minus(Duration.ofDays(40))))
                .validate(pki.leaf, List.of(pki.intermediate));
        assertThat(refusal(earlier)).isEqualTo(RefusalReason.NOT_YET_VALID);

        X509Certificate shortLived = pki.leaf(TestKeys.pair(KeyKind.ECDSA_P256), TestPki.NOW.minus(Duration.ofDays(10)),
                TestPki.NOW.minus(Duration.ofDays(1)), List.of("old.example.com"));
        ValidationResult r = new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(shortLived, List.of(pki.intermediate));
        assertThat(refusal(r)).isEqualTo(RefusalReason.EXPIRED);
        assertThat(((ValidationResult.Refused) r).detail()).contains("moon.example.com").contains("expired");
    }

    @Test
    void revokedByCrl() throws Exception {
        TestPki pki = new TestPki(KeyKind.ECDSA_P384);
        ValidationResult r = new CertificateValidator(List.of(pki.root), List.of(pki.crlRevoking(pki.leaf)), CLOCK)
                .validate(pki.leaf, List.of(pki.intermediate));
        assertThat(refusal(r)).isEqualTo(RefusalReason.REVOKED);
    }

    @Test
    void untrustedRootAndMissingIntermediate() throws Exception {
        TestPki pki = new TestPki(KeyKind.ED25519);
        TestPki other = new TestPki(KeyKind.ED25519);
        assertThat(refusal(new CertificateValidator(List.of(other.root), List.of(), CLOCK).validate(pki.leaf, List.of(pki.intermediate))))
                .isEqualTo(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(refusal(new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(pki.leaf, List.of())))
                .isEqualTo(RefusalReason.UNTRUSTED_CHAIN);
        // same names, other keys: the signature decides
        assertThat(refusal(new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(pki.leaf, List.of(other.intermediate))))
                .isEqualTo(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void leafUsedAsIssuerIsNotACa() throws Exception {
        TestPki pki = new TestPki(KeyKind.ECDSA_P256);
        // a certificate "issued" by the leaf (no basicConstraints CA)
        var store = io.ike4j.core.auth.keys.PrivateKeyStore.builder(io.ike4j.core.crypto.RandomSource.secure())
                .add(new io.ike4j.core.auth.keys.KeyRef("leaf"), io.ike4j.core.auth.keys.PrivateKeyHandle.of(pki.leafKey)).build();
        var t = io.ike4j.core.auth.cert.issue.CertificateTemplate.endEntity(
                io.ike4j.core.auth.cert.issue.DistinguishedNames.parse("CN=sub"), TestKeys.pair(KeyKind.ECDSA_P256).getPublic(),
                java.math.BigInteger.TEN, TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1)));
        X509Certificate sub = Certificates.parse(io.ike4j.core.auth.cert.issue.CertificateIssuer.issue(t, pki.leaf, store,
                new io.ike4j.core.auth.keys.KeyRef("leaf"), io.ike4j.core.auth.signature.SignatureScheme.ECDSA_SHA256));
        assertThat(refusal(new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(sub, List.of(pki.leaf, pki.intermediate))))
                .isIn(RefusalReason.INVALID_CA, RefusalReason.KEY_USAGE);
    }

    @Test
    void weakRsaKeysAreRefused() throws Exception {
        TestPki pki = new TestPki(KeyKind.RSA, TestKeys.rsa(2048), TestKeys.rsa(2048), TestKeys.rsa(1024));
        ValidationResult r = new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(pki.leaf, List.of(pki.intermediate));
        assertThat(refusal(r)).isEqualTo(RefusalReason.WEAK_KEY);
        assertThat(r.toString()).contains("1024");
    }

    @Test
    void directlyTrustedSelfSignedCertificate() throws Exception {
        var pair = TestKeys.pair(KeyKind.ECDSA_P256);
        var store = io.ike4j.core.auth.keys.PrivateKeyStore.builder(io.ike4j.core.crypto.RandomSource.secure())
                .add(new io.ike4j.core.auth.keys.KeyRef("self"), io.ike4j.core.auth.keys.PrivateKeyHandle.of(pair)).build();
        X509Certificate self = Certificates.parse(io.ike4j.core.auth.cert.issue.CertificateIssuer.selfSigned(
                io.ike4j.core.auth.cert.issue.CertificateTemplate.endEntity(
                        io.ike4j.core.auth.cert.issue.DistinguishedNames.parse("CN=self"), pair.getPublic(), java.math.BigInteger.TWO,
                        TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1))),
                store, new io.ike4j.core.auth.keys.KeyRef("self"), io.ike4j.core.auth.signature.SignatureScheme.ECDSA_SHA256));
        assertThat(new CertificateValidator(List.of(self), List.of(), CLOCK).validate(self, List.of()))
                .isInstanceOf(ValidationResult.Trusted.class);
        assertThat(refusal(new CertificateValidator(List.of(self), List.of(), InstantSource.fixed(Instant.parse("2030-01-01T00:00:00Z")))
                .validate(self, List.of()))).isEqualTo(RefusalReason.EXPIRED);
        // a CA certificate (keyCertSign only) cannot authenticate a peer
        TestPki pki = new TestPki(KeyKind.ECDSA_P256);
        assertThat(refusal(new CertificateValidator(List.of(pki.root), List.of(), CLOCK).validate(pki.root, List.of())))
                .isEqualTo(RefusalReason.KEY_USAGE);
    }
}
