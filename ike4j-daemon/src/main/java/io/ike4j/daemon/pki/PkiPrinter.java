package io.ike4j.daemon.pki;

import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.der.Pem;
import io.ike4j.core.auth.keys.KeyKind;
import java.io.PrintStream;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@code pki --print --in file}: a readable summary of a certificate or CRL (strongSwan-like layout). */
final class PkiPrinter {
    private PkiPrinter() {}

    static void print(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("in", "type");
        byte[] data = PkiFiles.read(a.require("in"));
        boolean crl = a.get("type").map("crl"::equals).orElse(false) || PkiFiles.ascii(data).contains("BEGIN X509 CRL");
        try {
            if (crl) printCrl(Certificates.parseCrl(data), out);
            else printCert(Certificates.parse(data), out);
        } catch (CertificateException | CRLException e) {
            throw new PkiException("cannot parse " + a.require("in") + ": " + e.getMessage());
        }
    }

    private static void printCert(X509Certificate c, PrintStream out) {
        out.println("  subject:  \"" + DistinguishedNames.format(c.getSubjectX500Principal()) + "\"");
        out.println("  issuer:   \"" + DistinguishedNames.format(c.getIssuerX500Principal()) + "\"");
        List<String> sans = new ArrayList<>();
        try {
            Collection<List<?>> all = c.getSubjectAlternativeNames();
            if (all != null) for (List<?> l : all) sans.add(String.valueOf(l.get(1)));
        } catch (CertificateParsingException e) {
            sans.add("(unparsable)");
        }
        if (!sans.isEmpty()) out.println("  altNames: " + String.join(", ", sans));
        List<String> flags = new ArrayList<>();
        if (c.getBasicConstraints() >= 0) flags.add("CA");
        boolean[] ku = c.getKeyUsage();
        if (ku != null && ku.length > 6 && ku[6]) flags.add("CRLSign");
        try {
            List<String> eku = c.getExtendedKeyUsage();
            if (eku != null) {
                for (String oid : eku) {
                    flags.add(switch (oid) {
                        case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                        case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                        case "1.3.6.1.5.5.8.2.2" -> "ikeIntermediate";
                        default -> oid;
                    });
                }
            }
        } catch (CertificateParsingException e) {
            flags.add("(unparsable EKU)");
        }
        out.println("  flags:    " + String.join(" ", flags));
        out.println("  serial:   " + PkiCommand.hex(c.getSerialNumber().toByteArray()));
        out.println("  validity: not before " + c.getNotBefore().toInstant());
        out.println("            not after  " + c.getNotAfter().toInstant());
        PublicKey key = c.getPublicKey();
        out.println("  pubkey:   " + KeyKind.of(key).map(Enum::name).orElse(key.getAlgorithm()) + " " + KeyKind.bits(key) + " bits");
        out.println("  keyid:    " + PkiCommand.hex(Issuing.keyIdentifier(key)));
        out.println("  sigalg:   " + c.getSigAlgName());
    }

    private static void printCrl(X509CRL crl, PrintStream out) {
        out.println("  issuer:   \"" + DistinguishedNames.format(crl.getIssuerX500Principal()) + "\"");
        out.println("  update:   this on " + crl.getThisUpdate().toInstant());
        if (crl.getNextUpdate() != null) out.println("            next on " + crl.getNextUpdate().toInstant());
        var revoked = crl.getRevokedCertificates();
        out.println("  " + (revoked == null ? 0 : revoked.size()) + " revoked certificate(s)");
        if (revoked != null) {
            for (X509CRLEntry e : revoked) {
                out.println("    " + PkiCommand.hex(e.getSerialNumber().toByteArray()) + ": " + e.getRevocationDate().toInstant()
                        + (e.getRevocationReason() != null ? ", " + e.getRevocationReason() : ""));
            }
        }
    }

    static String pem(String label, byte[] der) {
        return Pem.encode(label, der);
    }
}
