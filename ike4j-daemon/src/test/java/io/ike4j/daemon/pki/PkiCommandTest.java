package io.ike4j.daemon.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateValidator;
import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.cert.IdentityMatcher;
import io.ike4j.core.auth.cert.IkeIdentity;
import io.ike4j.core.auth.cert.RefusalReason;
import io.ike4j.core.auth.cert.ValidationResult;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PkiCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private final PkiCommand pki = new PkiCommand(InstantSource.fixed(NOW), new SecureRandom());

    /** Runs pki; writes stdout to {@code outFile} in the temp dir (if not null) and returns stdout. */
    private byte[] run(String outFile, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> a = new ArrayList<>();
        for (String s : args) a.add(s.startsWith("@") ? dir.resolve(s.substring(1)).toString() : s);
        int rc = pki.run(a.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as("pki %s: %s", a, err.toString(StandardCharsets.UTF_8)).isZero();
        if (outFile != null) Files.write(dir.resolve(outFile), out.toByteArray());
        return out.toByteArray();
    }

    private String fail(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = pki.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(1);
        return err.toString(StandardCharsets.UTF_8);
    }

    /** CA -> intermediate -> leaf with the given key type, as files in the temp dir. */
    private void makePki(String type, String size) throws IOException {
        for (String k : List.of("ca", "inter", "leaf")) {
            if (size == null) run(k + ".key", "--gen", "--type", type, "--outform", "pem");
            else run(k + ".key", "--gen", "--type", type, "--size", size, "--outform", "pem");
        }
        run("ca.pem", "--self", "--ca", "--in", "@ca.key", "--dn", "C=CH, O=ike4j, CN=ike4j Root CA", "--lifetime", "3650", "--outform", "pem");
        run("inter.pem", "--issue", "--cacert", "@ca.pem", "--cakey", "@ca.key", "--in", "@inter.key", "--ca",
                "--dn", "C=CH, O=ike4j, CN=ike4j Intermediate", "--flag", "ikeIntermediate", "--outform", "pem");
        run("leaf.pub", "--pub", "--in", "@leaf.key", "--outform", "pem");
        run("leaf.pem", "--issue", "--cacert", "@inter.pem", "--cakey", "@inter.key", "--pub", "@leaf.pub",
                "--dn", "C=CH, O=ike4j, CN=moon.example.com", "--san", "moon.example.com", "--san", "moon@example.com",
                "--san", "192.0.2.1", "--flag", "serverAuth", "--crl", "http://crl.example.com/inter.crl",
                "--ocsp", "http://ocsp.example.com/", "--lifetime", "365", "--outform", "pem");
    }

    private X509Certificate cert(String name) throws Exception {
        return Certificates.parse(Files.readAllBytes(dir.resolve(name)));
    }

    @ParameterizedTest
    @CsvSource(value = {"rsa,2048", "ecdsa,256", "ecdsa,384", "ed25519,NULL"}, nullValues = "NULL")
    void endToEndChainIsAcceptedByTheJdkAndOurValidator(String type, String size) throws Exception {
        makePki(type, size);
        X509Certificate ca = cert("ca.pem");
        X509Certificate inter = cert("inter.pem");
        X509Certificate leaf = cert("leaf.pem");
        assertThat(leaf.getPublicKey()).isEqualTo(KeyParser.parsePrivate(Files.readAllBytes(dir.resolve("leaf.key"))).publicKey());
        assertThat(inter.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));

        CertificateValidator v = new CertificateValidator(List.of(ca), List.of(), InstantSource.fixed(NOW.plusSeconds(60)));
        assertThat(v.validate(leaf, List.of(inter))).isInstanceOf(ValidationResult.Trusted.class);
        assertThat(IdentityMatcher.matches(IkeIdentity.fqdn("moon.example.com"), leaf)).isTrue();
        assertThat(IdentityMatcher.matches(IkeIdentity.email("moon@example.com"), leaf)).isTrue();
        assertThat(io.ike4j.core.auth.cert.ocsp.OcspUris.of(leaf)).containsExactly(java.net.URI.create("http://ocsp.example.com/"));

        String printed = new String(run(null, "--print", "--in", "@leaf.pem"), StandardCharsets.UTF_8);
        assertThat(printed).contains("subject:  \"C=CH, O=ike4j, CN=moon.example.com\"")
                .contains("issuer:   \"C=CH, O=ike4j, CN=ike4j Intermediate\"")
                .contains("moon.example.com, moon@example.com, 192.0.2.1").contains("serverAuth");
        assertThat(new String(run(null, "--print", "--in", "@inter.pem"), StandardCharsets.UTF_8)).contains("CA").contains("ikeIntermediate");

        if (OpenSslCli.available()) {
            Files.write(dir.resolve("inter-only.pem"), Files.readAllBytes(dir.resolve("inter.pem")));
            String text = OpenSslCli.run(dir, "x509", "-in", "leaf.pem", "-noout", "-text");
            assertThat(text).contains("DNS:moon.example.com").contains("email:moon@example.com").contains("IP Address:192.0.2.1")
                    .contains("TLS Web Server Authentication").contains("URI:http://crl.example.com/inter.crl")
                    .contains("OCSP - URI:http://ocsp.example.com/")
                    .contains("X509v3 Subject Key Identifier").contains("X509v3 Authority Key Identifier");
            assertThat(OpenSslCli.run(dir, "verify", "-attime", String.valueOf(NOW.getEpochSecond() + 60), "-CAfile", "ca.pem",
                    "-untrusted", "inter-only.pem", "leaf.pem")).contains("leaf.pem: OK");
        }
    }

    @Test
    void revokedWithSignCrl() throws Exception {
        makePki("ecdsa", "256");
        run("inter.crl", "--signcrl", "--cacert", "@inter.pem", "--cakey", "@inter.key", "--reason", "key-compromise",
                "--cert", "@leaf.pem", "--outform", "pem");
        X509CRL crl = Certificates.parseCrl(Files.readAllBytes(dir.resolve("inter.crl")));
        X509Certificate leaf = cert("leaf.pem");
        assertThat(crl.isRevoked(leaf)).isTrue();
        assertThat(crl.getRevokedCertificate(leaf).getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        crl.verify(cert("inter.pem").getPublicKey());
        ValidationResult r = new CertificateValidator(List.of(cert("ca.pem")), List.of(crl), InstantSource.fixed(NOW.plusSeconds(60)))
                .validate(leaf, List.of(cert("inter.pem")));
        assertThat(r).isInstanceOfSatisfying(ValidationResult.Refused.class, f -> assertThat(f.reason()).isEqualTo(RefusalReason.REVOKED));
        assertThat(new String(run(null, "--print", "--in", "@inter.crl"), StandardCharsets.UTF_8)).contains("1 revoked certificate(s)");

        if (OpenSslCli.available()) {
            assertThat(OpenSslCli.run(dir, "crl", "-in", "inter.crl", "-noout", "-text")).contains("Key Compromise");
            Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("ca.pem")) + Files.readString(dir.resolve("inter.pem")));
            String out = OpenSslCli.runAllowingFailure(dir, "verify", "-attime", String.valueOf(NOW.getEpochSecond() + 60),
                    "-crl_check", "-CRLfile", "inter.crl", "-CAfile", "chain.pem", "leaf.pem");
            assertThat(out).contains("certificate revoked");
        }
    }

    @Test
    void derOutputAndKeyFormats() throws Exception {
        byte[] der = run("k.der", "--gen", "--type", "ecdsa", "--size", "521");
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(KeyParser.parsePrivate(der).kind()).isEqualTo(KeyKind.ECDSA_P521);
        byte[] pub = run(null, "--pub", "--in", "@k.der");
        assertThat(KeyParser.parsePublic(pub)).isEqualTo(KeyParser.parsePrivate(der).publicKey());
        run("ed.pem", "--gen", "--type", "ed448", "--outform", "pem");
        byte[] self = run("ed.crt", "--self", "--in", "@ed.pem", "--dn", "CN=ed448 self");
        assertThat(Certificates.parse(self).getSigAlgName()).isEqualToIgnoringCase("Ed448");
    }

    @Test
    void usageErrorsAreReported() throws Exception {
        assertThat(fail()).contains("no command");
        assertThat(fail("--gen", "--type", "dsa")).contains("unknown key --type");
        assertThat(fail("--gen", "--type", "rsa", "--size", "1024")).contains("2048");
        assertThat(fail("--self", "--in", dir.resolve("missing.key").toString(), "--dn", "CN=x")).contains("cannot read");
        assertThat(fail("--gen", "--bogus", "1")).contains("does not take --bogus");
        assertThat(fail("--print")).contains("requires --in");
        run("ca.key", "--gen", "--type", "ed25519", "--outform", "pem");
        assertThat(fail("--self", "--in", dir.resolve("ca.key").toString(), "--dn", "CN=x", "--flag", "nope")).contains("unknown --flag");
        String keyText = Files.readString(dir.resolve("ca.key"));
        assertThat(fail("--self", "--in", dir.resolve("ca.key").toString(), "--dn", "CN=x", "--flag", "nope"))
                .doesNotContain(keyText.lines().skip(1).findFirst().orElseThrow());
    }
}
