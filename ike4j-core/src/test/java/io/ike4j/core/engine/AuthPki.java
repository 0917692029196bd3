package io.ike4j.core.engine;

import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.CrlIssuer;
import io.ike4j.core.auth.cert.issue.CrlReason;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.issue.SubjectAltName;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.keys.TestKeys;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.crypto.RandomSource;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Root CA → intermediate CA → leaves, made with the issue package, valid around the two-peer clock. */
final class AuthPki {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FROM = NOW.minus(Duration.ofDays(30));
    static final Instant TO = NOW.plus(Duration.ofDays(365));

    record Leaf(KeyPair key, X509Certificate cert) {}

    final String name;
    final KeyKind kind;
    final KeyPair rootKey;
    final KeyPair interKey;
    final PrivateKeyStore caStore;
    final X509Certificate root;
    final X509Certificate inter;
    private long serial = 1;

    AuthPki(String name, KeyKind kind) throws Exception {
        this.name = name;
        this.kind = kind;
        rootKey = TestKeys.generate(kind, 2048);
        interKey = TestKeys.generate(kind, 2048);
        caStore = PrivateKeyStore.builder(RandomSource.secure())
                .add(new KeyRef("root"), PrivateKeyHandle.of(rootKey))
                .add(new KeyRef("inter"), PrivateKeyHandle.of(interKey)).build();
        root = Certificates.parse(CertificateIssuer.selfSigned(CertificateTemplate.authority(
                DistinguishedNames.parse("C=CH, O=" + name + ", CN=" + name + " Root CA"), rootKey.getPublic(), next(), FROM, TO),
                caStore, new KeyRef("root"), Issuing.defaultScheme(kind)));
        inter = Certificates.parse(CertificateIssuer.issue(CertificateTemplate.authority(
                DistinguishedNames.parse("C=CH, O=" + name + ", CN=" + name + " Intermediate CA"), interKey.getPublic(), next(), FROM, TO),
                root, caStore, new KeyRef("root"), Issuing.defaultScheme(kind)));
    }

    private BigInteger next() {
        return BigInteger.valueOf(serial++);
    }

    Leaf leaf(String fqdn) throws Exception {
        return leaf(kind, fqdn, FROM, TO);
    }

    Leaf leaf(KeyKind leafKind, String fqdn, Instant from, Instant to) throws Exception {
        KeyPair key = TestKeys.generate(leafKind, 2048);
        CertificateTemplate t = CertificateTemplate.endEntity(DistinguishedNames.parse("C=CH, O=" + name + ", CN=" + fqdn),
                key.getPublic(), next(), from, to).withSubjectAltNames(List.of(SubjectAltName.parse(fqdn)));
        return new Leaf(key, Certificates.parse(CertificateIssuer.issue(t, inter, caStore, new KeyRef("inter"),
                Issuing.defaultScheme(kind))));
    }

    X509CRL crl(X509Certificate... revoked) throws Exception {
        List<CrlIssuer.Revoked> entries = Arrays.stream(revoked)
                .map(c -> new CrlIssuer.Revoked(c.getSerialNumber(), NOW.minus(Duration.ofDays(2)), CrlReason.KEY_COMPROMISE)).toList();
        return Certificates.parseCrl(CrlIssuer.issue(inter, caStore, new KeyRef("inter"), Issuing.defaultScheme(kind),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(7)), BigInteger.ONE, entries));
    }

    /** A store holding the given leaf keys, named leaf0, leaf1... */
    static Credentials.Builder credentials(Leaf... leaves) throws Exception {
        PrivateKeyStore.Builder b = PrivateKeyStore.builder(RandomSource.secure());
        List<KeyRef> refs = new java.util.ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            KeyRef r = new KeyRef("leaf" + i);
            b.add(r, PrivateKeyHandle.of(leaves[i].key()));
            refs.add(r);
        }
        return Credentials.builder().signer(b.build(), refs);
    }
}
