package io.ike4j.core.auth.cert.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.auth.cert.Certificates;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * CERT payloads and certificate/CRL files: any bytes give certificates or {@link CertificateException} /
 * {@link CRLException}, never an unchecked exception (the JDK's X.509 parser included). A parsed certificate's
 * encoding parses back to an equal certificate.
 */
class CertificatesFuzz {

    @FuzzTest
    void parse(byte[] data) {
        try {
            X509Certificate c = Certificates.parse(data);
            assertThat(Certificates.parse(c.getEncoded())).isEqualTo(c);
            c.getSubjectX500Principal();
            c.getSubjectAlternativeNames();
            c.getPublicKey();
        } catch (CertificateException e) {
            // typed error: fine
        }
        try {
            Certificates.parseAll(data);
        } catch (CertificateException e) {
            // typed error: fine
        }
        try {
            Certificates.parseCrl(data);
        } catch (CRLException e) {
            // typed error: fine
        }
    }
}
