package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.Pem;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Parses certificates and CRLs (PEM or DER bytes, no I/O) with the JDK CertificateFactory. */
public final class Certificates {
    private Certificates() {}

    /** One certificate: DER (e.g. a CERT payload with encoding 4, RFC 7296 3.6) or the first PEM block. */
    public static X509Certificate parse(byte[] data) throws CertificateException {
        List<X509Certificate> all = parseAll(data);
        if (all.isEmpty()) throw new CertificateException("no certificate");
        return all.getFirst();
    }

    public static List<X509Certificate> parseAll(byte[] data) throws CertificateException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (byte[] der : ders(data, "CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new CertificateException("malformed certificate");
        }
    }

    public static X509CRL parseCrl(byte[] data) throws CRLException {
        try {
            List<byte[]> ders = ders(data, "X509 CRL");
            if (ders.isEmpty()) throw new CRLException("no CRL");
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(ders.getFirst()));
        } catch (CertificateException | RuntimeException e) {
            throw new CRLException("malformed CRL");
        }
    }

    private static List<byte[]> ders(byte[] data, String label) throws CertificateException {
        if (!Pem.isPem(data)) return List.of(data);
        try {
            return Pem.decodeAll(data).stream().filter(b -> b.label().equals(label)).map(Pem.Block::der).toList();
        } catch (DerException e) {
            throw new CertificateException(e.getMessage());
        }
    }
}
