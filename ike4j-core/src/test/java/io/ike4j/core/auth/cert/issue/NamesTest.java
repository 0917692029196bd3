package io.ike4j.core.auth.cert.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void strongSwanOrderIsEncodingOrder() {
        X500Principal p = DistinguishedNames.parse("C=CH, O=strongSwan, CN=moon.strongswan.org");
        assertThat(p.getName()).isEqualTo("CN=moon.strongswan.org,O=strongSwan,C=CH");
        assertThat(DistinguishedNames.format(p)).isEqualTo("C=CH, O=strongSwan, CN=moon.strongswan.org");
        assertThat(DistinguishedNames.splitRdns("O=a\\,b, CN=\"x, y\"")).containsExactly("O=a\\,b", "CN=\"x, y\"");
        assertThat(DistinguishedNames.parse("C=CH, E=moon@example.com").getName(X500Principal.RFC2253))
                .contains("1.2.840.113549.1.9.1");
    }

    @Test
    void sanInference() {
        assertThat(SubjectAltName.parse("moon.example.com").kind()).isEqualTo(SubjectAltName.Kind.DNS);
        assertThat(SubjectAltName.parse("moon@example.com").kind()).isEqualTo(SubjectAltName.Kind.EMAIL);
        assertThat(SubjectAltName.parse("192.0.2.1").kind()).isEqualTo(SubjectAltName.Kind.IP);
        assertThat(SubjectAltName.parse("fec0::1").kind()).isEqualTo(SubjectAltName.Kind.IP);
        assertThat(SubjectAltName.parse("999.0.2.1").kind()).isEqualTo(SubjectAltName.Kind.DNS);
        assertThat(SubjectAltName.parse("http://crl.example.com/x").kind()).isEqualTo(SubjectAltName.Kind.URI);
        assertThat(SubjectAltName.parse("C=CH, CN=x").kind()).isEqualTo(SubjectAltName.Kind.DN);
        assertThat(SubjectAltName.parse("192.0.2.1").encode()).containsExactly(0x87, 4, 192, 0, 2, 1);
        assertThat(List.of(CrlReason.ofName("keyCompromise"), CrlReason.ofName("key-compromise")))
                .allMatch(r -> r.orElseThrow() == CrlReason.KEY_COMPROMISE);
        assertThat(ExtendedKeyUsage.ofFlag("ikeIntermediate")).contains(ExtendedKeyUsage.IKE_INTERMEDIATE);
    }
}
