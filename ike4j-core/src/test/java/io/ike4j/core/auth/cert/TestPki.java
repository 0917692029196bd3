package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.CrlIssuer;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.ExtendedKeyUsage;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.issue.SubjectAltName;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.keys.TestKeys;
import io.ike4j.core.crypto.RandomSource;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A small PKI made with the issue package: root CA, intermediate CA, leaf. */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    final KeyPair rootKey;
    final KeyPair interKey;
    final KeyPair leafKey;
    final PrivateKeyStore store;
    final X509Certificate root;
    final X509Certificate intermediate;
    final X509Certificate leaf;
    private long serial = 1;

    TestPki(KeyKind kind) throws Exception {
        this(kind, TestKeys.generate(kind, 2048), TestKeys.generate(kind, 2048), TestKeys.generate(kind, 2048));
    }

    TestPki(KeyKind kind, KeyPair rootKey, KeyPair interKey, KeyPair leafKey) throws Exception {
        this.rootKey = rootKey;
        this.interKey = interKey;
        this.leafKey = leafKey;
        store = PrivateKeyStore.builder(RandomSource.secure())
                .add(new KeyRef("root"), PrivateKeyHandle.of(rootKey))
                .add(new KeyRef("inter"), PrivateKeyHandle.of(interKey))
                .add(new KeyRef("leaf"), PrivateKeyHandle.of(leafKey))
                .build();
        Instant from = NOW.minus(Duration.ofDays(30));
        Instant to = NOW.plus(Duration.ofDays(365));
        root = Certificates.parse(CertificateIssuer.selfSigned(
                CertificateTemplate.authority(DistinguishedNames.parse("C=CH, O=Test, CN=Root CA"), rootKey.getPublic(), next(), from, to),
                store, new KeyRef("root"), Issuing.defaultScheme(kind)));
        intermediate = Certificates.parse(CertificateIssuer.issue(
                CertificateTemplate.authority(DistinguishedNames.parse("C=CH, O=Test, CN=Intermediate CA"), interKey.getPublic(), next(), from, to),
                root, store, new KeyRef("root"), Issuing.defaultScheme(kind)));
        leaf = leaf(leafKey, from, to, List.of("moon.example.com", "moon@example.com", "192.0.2.1", "2001:db8::1"));
    }

    BigInteger next() {
        return BigInteger.valueOf(serial++);
    }

    X509Certificate leaf(KeyPair key, Instant from, Instant to, List<String> sans) throws Exception {
        CertificateTemplate t = CertificateTemplate.endEntity(DistinguishedNames.parse("C=CH, O=Test, CN=moon.example.com"),
                        key.getPublic(), next(), from, to)
                .withSubjectAltNames(sans.stream().map(SubjectAltName::parse).toList())
                .withExtendedKeyUsages(Set.of(ExtendedKeyUsage.SERVER_AUTH))
                .withCrlDistributionPoints(List.of("http://crl.example.com/inter.crl"));
        return Certificates.parse(CertificateIssuer.issue(t, intermediate, store, new KeyRef("inter"),
                Issuing.defaultScheme(KeyKind.of(interKey.getPrivate()).orElseThrow())));
    }

    X509CRL crlRevoking(X509Certificate... revoked) throws Exception {
        List<CrlIssuer.Revoked> entries = java.util.Arrays.stream(revoked)
                .map(c -> new CrlIssuer.Revoked(c.getSerialNumber(), NOW.minus(Duration.ofDays(1)),
                        io.ike4j.core.auth.cert.issue.CrlReason.KEY_COMPROMISE))
                .toList();
        return Certificates.parseCrl(CrlIssuer.issue(intermediate, store, new KeyRef("inter"),
                Issuing.defaultScheme(KeyKind.of(interKey.getPrivate()).orElseThrow()), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(7)), BigInteger.ONE, entries));
    }
}
