package io.ike4j.core.auth.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateRequestsTest {
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(KeyKind.ECDSA_P256);
    }

    @Test
    void keyHashIsSha1OfSubjectPublicKeyInfo() throws Exception {
        // for these keys the JDK's encoding is the SPKI as it appears in the certificate
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(pki.root.getPublicKey().getEncoded());
        assertThat(CertificateRequests.keyHash(pki.root)).isEqualTo(expected).hasSize(20);
        byte[] data = CertificateRequests.encode(List.of(pki.root, pki.intermediate));
        assertThat(data).hasSize(40);
        assertThat(CertificateRequests.decode(data)).isInstanceOfSatisfying(CertificateRequests.Decoded.Hashes.class, h -> {
            assertThat(h.hashes()).hasSize(2);
            assertThat(h.hashes().get(1)).isEqualTo(CertificateRequests.keyHash(pki.intermediate));
        });
        assertThat(CertificateRequests.decode(new byte[21])).isInstanceOf(CertificateRequests.Decoded.Malformed.class);
    }

    @Test
    void selectsWhatToSend() {
        List<java.security.cert.X509Certificate> chain = List.of(pki.leaf, pki.intermediate, pki.root);
        List<byte[]> askRoot = List.of(CertificateRequests.keyHash(pki.root));
        List<byte[]> askInter = List.of(CertificateRequests.keyHash(pki.intermediate));
        assertThat(CertificateRequests.toSend(CertificateRequests.SendPolicy.IF_ASKED, true, chain, askRoot))
                .containsExactly(pki.leaf, pki.intermediate);
        assertThat(CertificateRequests.toSend(CertificateRequests.SendPolicy.IF_ASKED, true, chain, askInter))
                .containsExactly(pki.leaf);
        assertThat(CertificateRequests.toSend(CertificateRequests.SendPolicy.IF_ASKED, false, chain, List.of())).isEmpty();
        assertThat(CertificateRequests.toSend(CertificateRequests.SendPolicy.ALWAYS, false, chain, List.of()))
                .containsExactly(pki.leaf, pki.intermediate); // never the self-signed root
        assertThat(CertificateRequests.toSend(CertificateRequests.SendPolicy.NEVER, true, chain, askRoot)).isEmpty();
        assertThat(CertificateRequests.requested(askInter, List.of(pki.root, pki.intermediate))).containsExactly(pki.intermediate);
    }

    @Test
    void choosesTheChainReachingARequestedCa() throws Exception {
        TestPki other = new TestPki(KeyKind.ED25519);
        List<java.security.cert.X509Certificate> a = List.of(pki.leaf, pki.intermediate, pki.root);
        List<java.security.cert.X509Certificate> b = List.of(other.leaf, other.intermediate, other.root);
        assertThat(CertificateRequests.chooseChain(List.of(a, b), List.of(CertificateRequests.keyHash(other.root)))).contains(b);
        assertThat(CertificateRequests.chooseChain(List.of(a, b), List.of(new byte[20]))).contains(a);
        assertThat(CertificateRequests.chooseChain(List.of(), List.of())).isEmpty();
    }
}
