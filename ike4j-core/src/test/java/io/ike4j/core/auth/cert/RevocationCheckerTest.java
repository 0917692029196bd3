package io.ike4j.core.auth.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.TestKeys;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRLs from distribution points through the {@link CrlFetcher} seam, and strongSwan's revocation policies. */
class RevocationCheckerTest {
    private static final InstantSource CLOCK = InstantSource.fixed(TestPki.NOW);
    private static final URI CDP = URI.create("http://crl.example.com/inter.crl");
    static TestPki pki;
    static X509Certificate other;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(KeyKind.ECDSA_P256);
        other = pki.leaf(TestKeys.pair(KeyKind.ECDSA_P256), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(1)), List.of("x.example.com"));
    }

    private final List<String> notes = new ArrayList<>();
    private final List<URI> asked = new ArrayList<>();

    private ValidationResult validate(RevocationPolicy policy, CrlFetcher.Result answer, InstantSource clock, List<X509CRL> crls) {
        CrlFetcher f = uri -> {
            asked.add(uri);
            return answer;
        };
        return new CertificateValidator(List.of(pki.root), crls, clock, new RevocationChecker(policy, Optional.of(f), notes::add))
                .validate(pki.leaf, List.of(pki.intermediate));
    }

    private ValidationResult validate(RevocationPolicy policy, CrlFetcher.Result answer) {
        return validate(policy, answer, CLOCK, List.of());
    }

    @Test
    void distributionPointUrisAreRead() {
        assertThat(CrlDistributionPoints.uris(pki.leaf)).containsExactly(CDP);
        assertThat(CrlDistributionPoints.uris(pki.root)).isEmpty();
    }

    @Test
    void fetchedCrlRevokesTheCertificate() throws Exception {
        ValidationResult r = validate(RevocationPolicy.RELAXED, new CrlFetcher.Result.Fetched(pki.crlRevoking(pki.leaf)));
        assertThat(r).isInstanceOfSatisfying(ValidationResult.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(RefusalReason.REVOKED);
            assertThat(f.detail()).contains("moon.example.com").contains("reason: key compromise");
        });
        assertThat(asked).containsExactly(CDP);
    }

    @Test
    void fetchedCrlWithoutTheCertificateIsGoodEvenWhenStrictForTheLeaf() throws Exception {
        assertThat(validate(RevocationPolicy.RELAXED, new CrlFetcher.Result.Fetched(pki.crlRevoking(other))))
                .isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).isEmpty();
        // strict: the leaf is good, but the intermediate has no CRL at all
        ValidationResult strict = validate(RevocationPolicy.STRICT, new CrlFetcher.Result.Fetched(pki.crlRevoking(other)));
        assertThat(strict).isInstanceOfSatisfying(ValidationResult.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(RefusalReason.REVOCATION_UNAVAILABLE);
            assertThat(f.detail()).contains("Intermediate CA").contains("revocation = strict");
        });
    }

    @Test
    void unreachableDistributionPointByPolicy() {
        CrlFetcher.Result down = new CrlFetcher.Result.Failed("connect timed out after PT2S");
        assertThat(validate(RevocationPolicy.RELAXED, down)).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).contains("fetching CRL from " + CDP + " failed: connect timed out after PT2S")
                .anySatisfy(n -> assertThat(n).startsWith("certificate status is not available").contains("relaxed"));
        for (RevocationPolicy p : List.of(RevocationPolicy.IFURI, RevocationPolicy.STRICT)) {
            assertThat(validate(p, down)).isInstanceOfSatisfying(ValidationResult.Refused.class, f -> {
                assertThat(f.reason()).isEqualTo(RefusalReason.REVOCATION_UNAVAILABLE);
                assertThat(f.detail()).contains("no CRL could be fetched").contains(CDP.toString());
            });
        }
    }

    @Test
    void staleCrlIsAcceptedOnlyWhenRelaxed() throws Exception {
        InstantSource later = InstantSource.fixed(TestPki.NOW.plus(Duration.ofDays(10))); // the CRL's nextUpdate is NOW+7d
        CrlFetcher.Result stale = new CrlFetcher.Result.Fetched(pki.crlRevoking(other));
        assertThat(validate(RevocationPolicy.RELAXED, stale, later, List.of())).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("is stale"));
        assertThat(validate(RevocationPolicy.IFURI, stale, later, List.of())).isInstanceOfSatisfying(ValidationResult.Refused.class,
                f -> assertThat(f.detail()).contains("is stale"));
    }

    @Test
    void crlOfAnotherIssuerIsIgnored() throws Exception {
        TestPki stranger = new TestPki(KeyKind.ECDSA_P256);
        ValidationResult r = validate(RevocationPolicy.IFURI, new CrlFetcher.Result.Fetched(stranger.crlRevoking(pki.leaf)));
        assertThat(r).isInstanceOf(ValidationResult.Refused.class);
        assertThat(((ValidationResult.Refused) r).reason()).isEqualTo(RefusalReason.REVOCATION_UNAVAILABLE);
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("is not signed by the issuer"));
    }

    @Test
    void configuredCrlStillRevokesWithoutFetcher() throws Exception {
        ValidationResult r = new CertificateValidator(List.of(pki.root), List.of(pki.crlRevoking(pki.leaf)), CLOCK)
                .validate(pki.leaf, List.of(pki.intermediate));
        assertThat(r).isInstanceOfSatisfying(ValidationResult.Refused.class,
                f -> assertThat(f.reason()).isEqualTo(RefusalReason.REVOKED));
    }
}
