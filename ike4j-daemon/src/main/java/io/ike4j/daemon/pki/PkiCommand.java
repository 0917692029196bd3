package io.ike4j.daemon.pki;

import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.CrlIssuer;
import io.ike4j.core.auth.cert.issue.CrlReason;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.ExtendedKeyUsage;
import io.ike4j.core.auth.cert.issue.IssueException;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.issue.SubjectAltName;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyLoadException;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.signature.SignatureScheme;
import java.io.PrintStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * {@code pki}: key and certificate tool modelled on strongSwan's pki. Subcommands: --gen, --pub, --self, --issue,
 * --signcrl, --print. Output goes to {@code out} (DER unless {@code --outform pem}); errors to {@code err}.
 */
public final class PkiCommand {
    private static final KeyRef KEY = new KeyRef("pki");
    private final InstantSource clock;
    private final SecureRandom random;

    public PkiCommand(InstantSource clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public PkiCommand() {
        this(InstantSource.system(), new SecureRandom());
    }

    /** Runs one pki invocation; returns the exit code (0 ok, 1 usage or failure). */
    public int run(String[] args, PrintStream out, PrintStream err) {
        try {
            PkiArgs a = PkiArgs.parse(args);
            switch (a.command) {
                case "gen" -> gen(a, out);
                case "pub" -> pub(a, out);
                case "self" -> self(a, out);
                case "issue" -> issue(a, out);
                case "signcrl" -> signCrl(a, out);
                case "print" -> PkiPrinter.print(a, out);
                default -> throw new PkiException("unknown command");
            }
            return 0;
        } catch (PkiException e) {
            err.println("pki: " + e.getMessage());
            return 1;
        }
    }

    private void gen(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("type", "size", "outform");
        String type = a.get("type").orElse("rsa").toLowerCase(Locale.ROOT);
        try {
            KeyPairGenerator g;
            switch (type) {
                case "rsa" -> {
                    int size = a.intValue("size", 3072);
                    if (size < 2048) throw new PkiException("RSA keys below 2048 bits are refused");
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(size, random);
                }
                case "ecdsa" -> {
                    int size = a.intValue("size", 384);
                    String curve = switch (size) {
                        case 256 -> "secp256r1";
                        case 384 -> "secp384r1";
                        case 521 -> "secp521r1";
                        default -> throw new PkiException("ECDSA --size must be 256, 384 or 521");
                    };
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curve), random);
                }
                case "ed25519", "ed448" -> {
                    String name = type.equals("ed25519") ? "Ed25519" : "Ed448";
                    g = KeyPairGenerator.getInstance(name);
                    g.initialize(new java.security.spec.NamedParameterSpec(name), random);
                }
                default -> throw new PkiException("unknown key --type '" + type + "' (rsa, ecdsa, ed25519, ed448)");
            }
            PrivateKeyHandle key = PrivateKeyHandle.of(g.generateKeyPair());
            PkiFiles.write(out, a.get("outform").orElse("der"), "PRIVATE KEY", key.exportPkcs8());
        } catch (GeneralSecurityException | KeyLoadException e) {
            throw new PkiException("key generation failed: " + e.getMessage());
        }
    }

    private void pub(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("in", "outform", "type");
        PublicKey pub = PkiFiles.privateKey(a.require("in")).publicKey();
        PkiFiles.write(out, a.get("outform").orElse("der"), "PUBLIC KEY", pub.getEncoded());
    }

    private void self(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("in", "dn", "lifetime", "ca", "san", "flag", "outform", "serial", "type", "digest", "pathlen", "not-before",
                "not-after");
        PrivateKeyHandle key = PkiFiles.privateKey(a.require("in"));
        CertificateTemplate t = template(a, key.publicKey(), a.has("ca"));
        PrivateKeyStore store = store(key);
        try {
            byte[] der = CertificateIssuer.selfSigned(t, store, KEY, scheme(a, key.kind()));
            PkiFiles.write(out, a.get("outform").orElse("der"), "CERTIFICATE", der);
        } catch (IssueException e) {
            throw new PkiException(e.getMessage());
        }
    }

    private void issue(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("in", "pub", "cacert", "cakey", "dn", "san", "flag", "ca", "lifetime", "outform", "serial", "crl",
                "ocsp", "type", "digest", "pathlen", "not-before", "not-after");
        PublicKey subjectKey;
        if (a.has("pub")) subjectKey = PkiFiles.publicKey(a.require("pub"));
        else subjectKey = PkiFiles.privateKey(a.require("in")).publicKey();
        X509Certificate caCert = PkiFiles.certificate(a.require("cacert"));
        PrivateKeyHandle caKey = PkiFiles.privateKey(a.require("cakey"));
        if (!caKey.publicKey().equals(caCert.getPublicKey())) throw new PkiException("CA private key does not match the CA certificate");
        if (caCert.getBasicConstraints() < 0) throw new PkiException("CA certificate is not a CA (basicConstraints)");
        CertificateTemplate t = template(a, subjectKey, a.has("ca")).withCrlDistributionPoints(a.all("crl"))
                .withOcspUris(a.all("ocsp"));
        try {
            byte[] der = CertificateIssuer.issue(t, caCert, store(caKey), KEY, scheme(a, caKey.kind()));
            PkiFiles.write(out, a.get("outform").orElse("der"), "CERTIFICATE", der);
        } catch (IssueException e) {
            throw new PkiException(e.getMessage());
        }
    }

    private void signCrl(PkiArgs a, PrintStream out) throws PkiException {
        a.allowOnly("cacert", "cakey", "cert", "reason", "lifetime", "outform", "serial", "digest");
        X509Certificate caCert = PkiFiles.certificate(a.require("cacert"));
        PrivateKeyHandle caKey = PkiFiles.privateKey(a.require("cakey"));
        if (!caKey.publicKey().equals(caCert.getPublicKey())) throw new PkiException("CA private key does not match the CA certificate");
        CrlReason reason = a.get("reason").map(r -> CrlReason.ofName(r).orElse(null)).orElse(CrlReason.UNSPECIFIED);
        if (reason == null) throw new PkiException("unknown --reason '" + a.get("reason").orElseThrow() + "'");
        Instant now = clock.instant();
        List<CrlIssuer.Revoked> revoked = new ArrayList<>();
        for (String file : a.all("cert")) {
            X509Certificate c = PkiFiles.certificate(file);
            if (!c.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())) {
                throw new PkiException(file + " was not issued by this CA");
            }
            revoked.add(new CrlIssuer.Revoked(c.getSerialNumber(), now, reason));
        }
        BigInteger number = a.get("serial").map(s -> new BigInteger(s, 16)).orElse(BigInteger.valueOf(now.getEpochSecond()));
        try {
            byte[] der = CrlIssuer.issue(caCert, store(caKey), KEY, scheme(a, caKey.kind()), now,
                    now.plus(Duration.ofDays(a.intValue("lifetime", 15))), number, revoked);
            PkiFiles.write(out, a.get("outform").orElse("der"), "X509 CRL", der);
        } catch (IssueException e) {
            throw new PkiException(e.getMessage());
        }
    }

    private CertificateTemplate template(PkiArgs a, PublicKey key, boolean ca) throws PkiException {
        X500Principal subject;
        try {
            subject = DistinguishedNames.parse(a.require("dn"));
        } catch (IllegalArgumentException e) {
            throw new PkiException("invalid --dn '" + a.require("dn") + "'");
        }
        Instant now = clock.instant();
        int days = a.intValue("lifetime", 1095);
        if (days <= 0) throw new PkiException("--lifetime must be positive");
        BigInteger serial = a.get("serial").map(s -> new BigInteger(s, 16)).orElseGet(() -> new BigInteger(1, randomBytes(8)).setBit(62));
        Set<ExtendedKeyUsage> ekus = EnumSet.noneOf(ExtendedKeyUsage.class);
        for (String f : a.all("flag")) {
            ekus.add(ExtendedKeyUsage.ofFlag(f).orElseThrow(() -> new PkiException("unknown --flag '" + f + "'")));
        }
        List<SubjectAltName> sans = new ArrayList<>();
        for (String s : a.all("san")) {
            try {
                SubjectAltName san = SubjectAltName.parse(s);
                san.encode();
                sans.add(san);
            } catch (RuntimeException e) {
                throw new PkiException("invalid --san '" + s + "'");
            }
        }
        // --not-before/--not-after (ISO-8601 instants, e.g. 2024-01-01T00:00:00Z) override now / now + lifetime
        Instant from = instant(a, "not-before").orElse(now);
        Instant to = instant(a, "not-after").orElse(from.plus(Duration.ofDays(days)));
        if (!to.isAfter(from)) throw new PkiException("--not-after must be after --not-before");
        return new CertificateTemplate(subject, key, serial, from, to, ca,
                a.intValue("pathlen", -1), sans, ekus, List.of());
    }

    private static java.util.Optional<Instant> instant(PkiArgs a, String name) throws PkiException {
        java.util.Optional<String> v = a.get(name);
        if (v.isEmpty()) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(Instant.parse(v.get()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PkiException("invalid --" + name + " '" + v.get() + "' (expected e.g. 2024-01-01T00:00:00Z)");
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private PrivateKeyStore store(PrivateKeyHandle key) {
        return PrivateKeyStore.builder(random::nextBytes).add(KEY, key).build();
    }

    /** The CA key's default scheme, or --digest sha256/sha384/sha512 for RSA and ECDSA. */
    private static SignatureScheme scheme(PkiArgs a, KeyKind kind) throws PkiException {
        if (a.get("digest").isEmpty() || kind == KeyKind.ED25519 || kind == KeyKind.ED448) return Issuing.defaultScheme(kind);
        String d = a.get("digest").get().toLowerCase(Locale.ROOT);
        boolean rsa = kind == KeyKind.RSA;
        return switch (d) {
            case "sha256" -> rsa ? SignatureScheme.RSA_PKCS1_SHA256 : SignatureScheme.ECDSA_SHA256;
            case "sha384" -> rsa ? SignatureScheme.RSA_PKCS1_SHA384 : SignatureScheme.ECDSA_SHA384;
            case "sha512" -> rsa ? SignatureScheme.RSA_PKCS1_SHA512 : SignatureScheme.ECDSA_SHA512;
            default -> throw new PkiException("unsupported --digest '" + d + "'");
        };
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(b);
    }
}
