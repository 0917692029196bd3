package io.ike4j.core.auth.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.ExtendedKeyUsage;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.ocsp.OcspUris;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.TestKeys;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCSP (RFC 6960) through the {@link CrlFetcher} seam with an in-process responder: good, revoked, unusable answers. */
class OcspTest {
    private static final InstantSource CLOCK = InstantSource.fixed(TestPki.NOW);
    private static final URI OCSP = URI.create("http://ocsp.example.com/");
    static TestPki pki;
    static X509Certificate leaf;
    static X509Certificate delegate;
    static KeyPair delegateKey;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(KeyKind.ECDSA_P256);
        leaf = issue(CertificateTemplate.endEntity(DistinguishedNames.parse("C=CH, O=Test, CN=ocsp-leaf"),
                TestKeys.pair(KeyKind.ECDSA_P256).getPublic(), pki.next(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(30))).withOcspUris(List.of(OCSP.toString())));
        delegateKey = TestKeys.generate(KeyKind.ECDSA_P256, 256);
        delegate = issue(CertificateTemplate.endEntity(DistinguishedNames.parse("C=CH, O=Test, CN=OCSP responder"),
                delegateKey.getPublic(), pki.next(), TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(30)))
                .withExtendedKeyUsages(Set.of(ExtendedKeyUsage.OCSP_SIGNING)));
    }

    private static X509Certificate issue(CertificateTemplate t) throws Exception {
        return Certificates.parse(CertificateIssuer.issue(t, pki.intermediate, pki.store, new KeyRef("inter"),
                Issuing.defaultScheme(KeyKind.ECDSA_P256)));
    }

    private final List<String> notes = new ArrayList<>();
    private final List<URI> crlsAsked = new ArrayList<>();
    private int ocspQueries;
    private final List<Optional<java.time.Instant>> remembered = new ArrayList<>();

    private ValidationResult validate(RevocationPolicy policy, TestOcspResponder responder) {
        CrlFetcher f = new CrlFetcher() {
            @Override
            public Result fetch(URI uri) {
                crlsAsked.add(uri);
                return new Result.Failed("no CRL here");
            }

            @Override
            public OcspAnswer queryOcsp(URI uri, byte[] request) {
                ocspQueries++;
                assertThat(uri).isEqualTo(OCSP);
                try {
                    return new OcspAnswer.Answered(responder.respond(request));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void rememberOcsp(byte[] request, byte[] response, Optional<java.time.Instant> nextUpdate) {
                assertThat(request).isEqualTo(io.ike4j.core.auth.cert.ocsp.OcspRequests.build(leaf, pki.intermediate).orElseThrow());
                remembered.add(nextUpdate);
            }
        };
        return new CertificateValidator(List.of(pki.root), List.of(), CLOCK, new RevocationChecker(policy, Optional.of(f), notes::add))
                .validate(leaf, List.of(pki.intermediate));
    }

    private static TestOcspResponder issuerSigned() {
        return new TestOcspResponder(pki.intermediate, pki.interKey.getPrivate(), List.of());
    }

    @Test
    void responderUriIsReadFromAuthorityInfoAccess() {
        assertThat(OcspUris.of(leaf)).containsExactly(OCSP);
        assertThat(OcspUris.of(pki.leaf)).isEmpty();
    }

    @Test
    void goodAnswerIsTrustedUnderIfuri() {
        assertThat(validate(RevocationPolicy.IFURI, issuerSigned())).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(crlsAsked).isEmpty();
        assertThat(ocspQueries).isEqualTo(1);
        assertThat(notes).isEmpty();
    }

    @Test
    void revokedAnswerIsRefusedWithTheReason() {
        TestOcspResponder r = issuerSigned();
        r.answer = TestOcspResponder.Answer.REVOKED;
        ValidationResult v = validate(RevocationPolicy.RELAXED, r);
        assertThat(v).isInstanceOfSatisfying(ValidationResult.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(RefusalReason.REVOKED);
            assertThat(f.detail()).contains("ocsp-leaf").contains("OCSP says revoked").contains("reason: key compromise");
        });
    }

    @Test
    void delegatedResponderWithOcspSigningIsAccepted() {
        TestOcspResponder r = new TestOcspResponder(delegate, delegateKey.getPrivate(), List.of(delegate));
        r.answer = TestOcspResponder.Answer.REVOKED;
        assertThat(validate(RevocationPolicy.RELAXED, r)).isInstanceOf(ValidationResult.Refused.class);
    }

    @Test
    void answerSignedByAStrangerIsUnusable() throws Exception {
        KeyPair stranger = TestKeys.generate(KeyKind.ECDSA_P256, 256);
        TestOcspResponder r = new TestOcspResponder(pki.intermediate, stranger.getPrivate(), List.of());
        r.answer = TestOcspResponder.Answer.REVOKED;
        assertThat(validate(RevocationPolicy.RELAXED, r)).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).anyMatch(n -> n.contains("OCSP answer of " + OCSP + " unusable: OCSP response signature does not verify"))
                .anyMatch(n -> n.contains("certificate status is not available: no OCSP answer") && n.contains("accepted (revocation = relaxed)"));
        assertThat(validate(RevocationPolicy.STRICT, r)).isInstanceOfSatisfying(ValidationResult.Refused.class,
                f -> assertThat(f.reason()).isEqualTo(RefusalReason.REVOCATION_UNAVAILABLE));
    }

    @Test
    void staleAndUnknownAnswersDecideNothing() {
        TestOcspResponder r = issuerSigned();
        r.nextUpdate = TestPki.NOW.minus(Duration.ofHours(1));
        assertThat(validate(RevocationPolicy.IFURI, r)).isInstanceOf(ValidationResult.Refused.class);
        assertThat(notes).anyMatch(n -> n.contains("OCSP response is stale"));
        notes.clear();
        r = issuerSigned();
        r.answer = TestOcspResponder.Answer.UNKNOWN;
        assertThat(validate(RevocationPolicy.RELAXED, r)).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).anyMatch(n -> n.contains("does not know"));
    }

    /** Good and revoked answers are offered to the fetcher's cache with their nextUpdate; others are not. */
    @Test
    void usableAnswersAreRememberedUntilTheirNextUpdate() {
        TestOcspResponder r = issuerSigned();
        validate(RevocationPolicy.IFURI, r);
        r.answer = TestOcspResponder.Answer.REVOKED;
        validate(RevocationPolicy.RELAXED, r);
        assertThat(remembered).containsExactly(Optional.of(r.nextUpdate), Optional.of(r.nextUpdate));
        remembered.clear();
        r.answer = TestOcspResponder.Answer.UNKNOWN;
        validate(RevocationPolicy.RELAXED, r);
        r = issuerSigned();
        r.nextUpdate = TestPki.NOW.minus(Duration.ofHours(1));
        validate(RevocationPolicy.RELAXED, r);
        assertThat(remembered).isEmpty();
    }

    @Test
    void garbageIsUnusableNotAnException() {
        CrlFetcher f = new CrlFetcher() {
            @Override
            public Result fetch(URI uri) {
                return new Result.Failed("none");
            }

            @Override
            public OcspAnswer queryOcsp(URI uri, byte[] request) {
                return new OcspAnswer.Answered(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00});
            }
        };
        ValidationResult v = new CertificateValidator(List.of(pki.root), List.of(), CLOCK,
                new RevocationChecker(RevocationPolicy.RELAXED, Optional.of(f), notes::add)).validate(leaf, List.of(pki.intermediate));
        assertThat(v).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).anyMatch(n -> n.contains("unusable: malformed OCSP response"));
    }
}
