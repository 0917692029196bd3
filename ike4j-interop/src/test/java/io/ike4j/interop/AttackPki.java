package io.ike4j.interop;

import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.issue.SubjectAltName;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.SharedKeyStore;
import io.ike4j.core.crypto.RandomSource;
import java.util.Optional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The certificates of the adversarial lab's {@code attack-cert} connection, made in-process with ike4j-core's issue
 * package (what {@code ike4j pki} runs, without a JVM per file): a root CA the daemon trusts and leaves for
 * {@link AdversarialLab#ATTACKER_ID} whose private keys the attacker holds (RSA 2048, ECDSA P-256, RSA 1024).
 */
final class AttackPki {
    record Leaf(KeyPair key, X509Certificate cert) {}

    final KeyPair caKey;
    final X509Certificate ca;
    final Leaf rsa;
    final Leaf ecdsa;
    final Leaf rsa1024;
    private final PrivateKeyStore caStore;
    private long serial = 1;

    AttackPki() {
        try {
            caKey = rsaKey(2048);
            caStore = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("ca"), PrivateKeyHandle.of(caKey)).build();
            Instant now = Instant.now();
            ca = Certificates.parse(CertificateIssuer.selfSigned(CertificateTemplate.authority(
                    DistinguishedNames.parse("C=CH, O=ike4j lab, CN=attack Root CA"), caKey.getPublic(), next(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))), caStore, new KeyRef("ca"), Issuing.defaultScheme(KeyKind.RSA)));
            rsa = leaf(rsaKey(2048));
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            ecdsa = leaf(ec.generateKeyPair());
            rsa1024 = leaf(rsaKey(1024));
        } catch (Exception e) {
            throw new IllegalStateException("attack PKI: " + e, e);
        }
    }

    private static KeyPair rsaKey(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private BigInteger next() {
        return BigInteger.valueOf(serial++);
    }

    private Leaf leaf(KeyPair key) throws Exception {
        Instant now = Instant.now();
        CertificateTemplate t = CertificateTemplate.endEntity(DistinguishedNames.parse("C=CH, O=ike4j lab, CN=" + AdversarialLab.ATTACKER_ID),
                key.getPublic(), next(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                .withSubjectAltNames(List.of(SubjectAltName.parse(AdversarialLab.ATTACKER_ID)));
        return new Leaf(key, Certificates.parse(CertificateIssuer.issue(t, ca, caStore, new KeyRef("ca"), Issuing.defaultScheme(KeyKind.RSA))));
    }

    /** The attacker's credentials: {@code leaf}'s private key (its certificate goes in the connection's local round). */
    static Credentials credentials(Leaf leaf) {
        try {
            PrivateKeyStore store = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("leaf"), PrivateKeyHandle.of(leaf.key())).build();
            return new Credentials(SharedKeyStore.EMPTY, Optional.of(store), List.of(new KeyRef("leaf")), List.of(), List.of(),
                    SharedKeyStore.EMPTY, Optional.empty(), Optional.empty(), Optional.empty(), SharedKeyStore.EMPTY);
        } catch (io.ike4j.core.auth.keys.KeyLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the CA certificate (PEM) into {@code swanctlDir/x509ca/}. */
    void installCa(Path swanctlDir) {
        try {
            Path d = Files.createDirectories(swanctlDir.resolve("x509ca"));
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(d.resolve("attack-ca.pem"), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
