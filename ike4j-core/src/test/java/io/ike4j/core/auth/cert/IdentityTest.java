package io.ike4j.core.auth.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.codec.payload.IdType;
import java.net.InetAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityTest {
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(KeyKind.ECDSA_P256);
    }

    private static IkeIdentity dn(String strongSwanDn) {
        return new IkeIdentity(IdType.ID_DER_ASN1_DN, DistinguishedNames.parse(strongSwanDn).getEncoded());
    }

    private static IkeIdentity ip(String literal) {
        byte[] a = InetAddress.ofLiteral(literal).getAddress();
        return new IkeIdentity(a.length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR, a);
    }

    @Test
    void identitiesConfirmedByTheCertificate() {
        assertThat(IdentityMatcher.matches(IkeIdentity.fqdn("moon.example.com"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(IkeIdentity.fqdn("MOON.Example.com"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(IkeIdentity.fqdn("sun.example.com"), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.matches(IkeIdentity.email("moon@example.com"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(IkeIdentity.email("sun@example.com"), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.matches(ip("192.0.2.1"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(ip("192.0.2.2"), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.matches(ip("2001:db8::1"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(dn("C=CH, O=Test, CN=moon.example.com"), pki.leaf)).isTrue();
        assertThat(IdentityMatcher.matches(dn("C=CH, O=Test, CN=sun.example.com"), pki.leaf)).isFalse();
        // RDN order matters: the reversed DN is a different name
        assertThat(IdentityMatcher.matches(dn("CN=moon.example.com, O=Test, C=CH"), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.matches(new IkeIdentity(IdType.ID_DER_ASN1_DN, new byte[] {0x30, 0x05}), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.matches(new IkeIdentity(IdType.ID_KEY_ID, new byte[] {1}), pki.leaf)).isFalse();
        assertThat(IdentityMatcher.check(IkeIdentity.fqdn("sun.example.com"), pki.leaf)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.IDENTITY_MISMATCH);
            assertThat(r.detail()).contains("sun.example.com");
        });
    }

    private static boolean pattern(String p, IkeIdentity id) {
        return IdentityPattern.parse(p).orElseThrow().matches(id);
    }

    @Test
    void strongSwanRemoteIdPatterns() {
        assertThat(pattern("%any", IkeIdentity.fqdn("anything"))).isTrue();
        assertThat(pattern("*.example.com", IkeIdentity.fqdn("moon.example.com"))).isTrue();
        assertThat(pattern("*.example.com", IkeIdentity.fqdn("a.b.example.com"))).isTrue();
        assertThat(pattern("*.example.com", IkeIdentity.fqdn("example.com"))).isFalse();
        assertThat(pattern("*.example.com", IkeIdentity.fqdn("moon.example.org"))).isFalse();
        assertThat(pattern("*.example.com", IkeIdentity.email("x@moon.example.com"))).isFalse();
        assertThat(pattern("moon.example.com", IkeIdentity.fqdn("Moon.Example.COM"))).isTrue();
        assertThat(pattern("@moon", IkeIdentity.fqdn("moon"))).isTrue();
        assertThat(pattern("*@example.com", IkeIdentity.email("carol@example.com"))).isTrue();
        assertThat(pattern("*@example.com", IkeIdentity.email("carol@example.org"))).isFalse();
        assertThat(pattern("carol@example.com", IkeIdentity.email("carol@example.com"))).isTrue();
        assertThat(pattern("192.0.2.1", ip("192.0.2.1"))).isTrue();
        assertThat(pattern("192.0.2.1", ip("192.0.2.2"))).isFalse();
        assertThat(pattern("2001:db8::1", ip("2001:db8::1"))).isTrue();
        assertThat(pattern("@#0a0b", new IkeIdentity(IdType.ID_KEY_ID, new byte[] {10, 11}))).isTrue();

        assertThat(pattern("C=CH, O=Test, CN=*", dn("C=CH, O=Test, CN=moon.example.com"))).isTrue();
        assertThat(pattern("CN=*, O=Org", dn("CN=anyone, O=Org"))).isTrue();
        assertThat(pattern("CN=*, O=Org", dn("CN=anyone, O=Other"))).isFalse();
        assertThat(pattern("CN=*, O=Org", dn("CN=anyone, OU=Unit, O=Org"))).isFalse();
        assertThat(pattern("C=CH, O=Test, CN=moon.example.com", dn("C=ch, O=test, CN=MOON.example.com"))).isTrue();
        assertThat(pattern("C=CH, O=Test, CN=*", IkeIdentity.fqdn("moon.example.com"))).isFalse();
        assertThat(IdentityPattern.parse("XX=foo")).isEmpty();
    }

    @Test
    void exactPatternsGiveOurOwnIdentity() {
        assertThat(IdentityPattern.parse("moon.example.com").orElseThrow().asIdentity()).contains(IkeIdentity.fqdn("moon.example.com"));
        assertThat(IdentityPattern.parse("*.example.com").orElseThrow().asIdentity()).isEmpty();
        assertThat(IdentityPattern.parse("C=CH, O=Test, CN=moon.example.com").orElseThrow().asIdentity())
                .contains(dn("C=CH, O=Test, CN=moon.example.com"));
        IkeIdentity own = IdentityPattern.parse("C=CH, O=Test, CN=moon.example.com").orElseThrow().asIdentity().orElseThrow();
        assertThat(IdentityMatcher.matches(own, pki.leaf)).isTrue();
    }
}
