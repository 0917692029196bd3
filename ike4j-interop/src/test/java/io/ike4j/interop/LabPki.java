package io.ike4j.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for the lab made with the checkout's {@code bin/ike4j pki} (PEM): per key type a root CA, an
 * intermediate CA and leaf certificates for {@code left.ike4j.test} / {@code right.ike4j.test}, plus CRLs. Files are
 * kept in one directory and copied into each peer's swanctl directory (x509/, x509ca/, x509crl/, private/).
 */
final class LabPki {
    private final Path dir;

    LabPki(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Runs {@code bin/ike4j pki ARGS}, its PEM output to {@code out}. */
    void pki(String out, String... args) {
        RepoRoot.ensureFreshJar();
        List<String> cmd = new ArrayList<>(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), RepoRoot.cli().toString(), "pki"));
        for (String a : args) cmd.add(a.startsWith("@") ? file(a.substring(1)).toString() : a);
        ExecResult r = Commands.run(Duration.ofMinutes(2), cmd).orThrow();
        try {
            Files.writeString(file(out), r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pki --gen arguments for a scheme name: rsa (3072), rsa4096, ecdsa256, ecdsa384, ed25519. */
    private static String[] gen(String type) {
        // "ecdsa256-other": a second, unrelated chain of the same key type
        return switch (type.contains("-") ? type.substring(0, type.indexOf('-')) : type) {
            case "rsa" -> new String[] {"--gen", "--type", "rsa", "--size", "3072", "--outform", "pem"};
            case "rsa4096" -> new String[] {"--gen", "--type", "rsa", "--size", "4096", "--outform", "pem"};
            case "ecdsa256" -> new String[] {"--gen", "--type", "ecdsa", "--size", "256", "--outform", "pem"};
            case "ecdsa384" -> new String[] {"--gen", "--type", "ecdsa", "--size", "384", "--outform", "pem"};
            case "ed25519" -> new String[] {"--gen", "--type", "ed25519", "--outform", "pem"};
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** {@code <type>-ca.pem}, {@code <type>-inter.pem}, {@code <type>-left.pem}/{@code -right.pem} with keys. */
    void chain(String type) {
        pki(type + "-ca.key", gen(type));
        pki(type + "-ca.pem", "--self", "--ca", "--in", "@" + type + "-ca.key", "--dn", "C=CH, O=ike4j lab, CN=" + type + " Root CA",
                "--outform", "pem");
        pki(type + "-inter.key", gen(type));
        pki(type + "-inter.pem", "--issue", "--cacert", "@" + type + "-ca.pem", "--cakey", "@" + type + "-ca.key", "--in",
                "@" + type + "-inter.key", "--ca", "--dn", "C=CH, O=ike4j lab, CN=" + type + " Intermediate CA", "--outform", "pem");
        for (String side : List.of("left", "right")) leaf(type, side, type + "-" + side, null, null);
    }

    /** A leaf for {@code side}.ike4j.test issued by the intermediate of {@code type}, optionally with a validity window. */
    void leaf(String type, String side, String name, Instant notBefore, Instant notAfter) {
        leaf(type, side, name, notBefore, notAfter, new String[0]);
    }

    /** A leaf for {@code side}.ike4j.test with a CRL distribution point ({@code pki --crl URI}). */
    void leafWithCdp(String type, String side, String name, String cdpUri) {
        leaf(type, side, name, null, null, "--crl", cdpUri);
    }

    /** A leaf for {@code side}.ike4j.test whose authorityInfoAccess names an OCSP responder ({@code pki --ocsp URI}). */
    void leafWithOcsp(String type, String side, String name, String ocspUri) {
        leaf(type, side, name, null, null, "--ocsp", ocspUri);
    }

    private void leaf(String type, String side, String name, Instant notBefore, Instant notAfter, String... extra) {
        pki(name + ".key", gen(type));
        List<String> args = new ArrayList<>(List.of("--issue", "--cacert", "@" + type + "-inter.pem", "--cakey", "@" + type + "-inter.key",
                "--in", "@" + name + ".key", "--dn", "C=CH, O=ike4j lab, CN=" + side + ".ike4j.test", "--san", side + ".ike4j.test",
                "--outform", "pem"));
        if (notBefore != null) args.addAll(List.of("--not-before", notBefore.toString(), "--not-after", notAfter.toString()));
        args.addAll(List.of(extra));
        pki(name + ".pem", args.toArray(String[]::new));
    }

    /** A CRL of {@code type}'s intermediate revoking {@code certs}. */
    void crl(String type, String name, String... certs) {
        List<String> args = new ArrayList<>(List.of("--signcrl", "--cacert", "@" + type + "-inter.pem", "--cakey", "@" + type + "-inter.key",
                "--reason", "key-compromise", "--outform", "pem"));
        for (String c : certs) args.addAll(List.of("--cert", "@" + c + ".pem"));
        pki(name + ".crl", args.toArray(String[]::new));
    }

    /** Copies a file into {@code swanctlDir/sub/}. */
    void install(Path swanctlDir, String sub, String name) {
        try {
            Path d = Files.createDirectories(swanctlDir.resolve(sub));
            Files.copy(file(name), d.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a file from {@code swanctlDir/sub/} (e.g. a CRL after its case). */
    static void uninstall(Path swanctlDir, String sub, String name) {
        try {
            Files.deleteIfExists(swanctlDir.resolve(sub).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
