package io.ike4j.daemon;

import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.keys.KeyLoadException;
import io.ike4j.core.auth.keys.KeyParser;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.daemon.config.SecretConfig;
import io.ike4j.daemon.config.SwanctlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The swanctl credential directories next to swanctl.conf, as strongSwan's {@code swanctl --load-creds} reads them:
 * {@code x509/} (own certificates, referenced by {@code local.certs}), {@code x509ca/} (CA certificates, all trusted),
 * {@code x509crl/} (CRLs), {@code private/}, {@code rsa/}, {@code ecdsa/} (private keys, all loaded) and
 * {@code pubkey/} (raw public keys, referenced by {@code pubkeys}). Relative names resolve against the directory
 * of their kind; absolute paths are used as they are. Problems become warnings, never exceptions.
 */
final class CredentialFiles {
    private final Path base;
    private final List<String> warnings;
    final List<X509Certificate> caCerts = new ArrayList<>();
    final List<X509CRL> crls = new ArrayList<>();
    private final Map<KeyRef, PrivateKeyHandle> keys = new LinkedHashMap<>();
    private PrivateKeyStore store;

    private CredentialFiles(Path base, List<String> warnings) {
        this.base = base;
        this.warnings = warnings;
    }

    /** Loads everything the directories hold plus the files named by {@code secrets.private*|rsa*|ecdsa*}. */
    static CredentialFiles load(Optional<Path> swanctlDir, SwanctlConfig config, List<String> warnings) {
        CredentialFiles f = new CredentialFiles(swanctlDir.orElse(null), warnings);
        return f.loadAll(config);
    }

    private CredentialFiles loadAll(SwanctlConfig config) {
        if (base != null) {
            for (Path p : files("x509ca")) cert(p).ifPresent(caCerts::add);
            for (Path p : files("x509crl")) crl(p).ifPresent(crls::add);
            for (String dir : List.of("private", "rsa", "ecdsa")) {
                for (Path p : files(dir)) key(p);
            }
        }
        for (SecretConfig s : config.secrets()) {
            if (s.file().isEmpty()) continue;
            String dir = switch (s.kind()) {
                case RSA -> "rsa";
                case ECDSA -> "ecdsa";
                case PRIVATE, PKCS8 -> "private";
                default -> null;
            };
            if (dir == null) {
                warnings.add("secrets." + s.name() + ": " + s.kind().prefix + " keys are not supported, ignored");
                continue;
            }
            if (s.secret().isPresent()) warnings.add("secrets." + s.name() + ": encrypted private keys are not supported");
            Optional<Path> p = resolve(dir, s.file().get());
            if (p.isPresent() && keys.keySet().stream().noneMatch(k -> k.name().equals(p.get().toString()))) key(p.get());
        }
        config.authorities().forEach(a -> a.cacert().or(a::file).flatMap(n -> resolve("x509ca", n)).flatMap(this::cert)
                .filter(c -> !caCerts.contains(c)).ifPresent(caCerts::add));
        PrivateKeyStore.Builder b = PrivateKeyStore.builder(RandomSource.secure());
        keys.forEach(b::add);
        store = b.build();
        return this;
    }

    PrivateKeyStore signer() {
        return store;
    }

    List<KeyRef> keyRefs() {
        return List.copyOf(keys.keySet());
    }

    /** {@code local.certs} / {@code remote.certs} entries (x509/). */
    Optional<X509Certificate> ownCert(String name) {
        return resolve("x509", name).flatMap(this::cert);
    }

    /** {@code remote.cacerts} entries (x509ca/). */
    Optional<X509Certificate> caCert(String name) {
        return resolve("x509ca", name).flatMap(this::cert);
    }

    /** {@code pubkeys} entries (pubkey/). */
    Optional<PublicKey> publicKey(String name) {
        return resolve("pubkey", name).flatMap(p -> {
            try {
                return Optional.of(KeyParser.parsePublic(Files.readAllBytes(p)));
            } catch (IOException | KeyLoadException e) {
                warnings.add("public key " + p + " not loaded: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    Optional<PrivateKeyHandle> keyHandle(PublicKey pub) {
        return keys.values().stream().filter(h -> h.publicKey().equals(pub)).findFirst();
    }

    private Optional<Path> resolve(String dir, String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            if (base == null) {
                warnings.add(dir + "/" + name + ": relative credential file without a swanctl directory, ignored");
                return Optional.empty();
            }
            p = base.resolve(dir).resolve(name);
        }
        if (!Files.isRegularFile(p)) {
            warnings.add("credential file " + p + " not found");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private List<Path> files(String dir) {
        Path d = base.resolve(dir);
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            warnings.add("cannot list " + d + ": " + e.getMessage());
            return List.of();
        }
    }

    private Optional<X509Certificate> cert(Path p) {
        try {
            return Optional.of(Certificates.parse(Files.readAllBytes(p)));
        } catch (IOException | java.security.cert.CertificateException e) {
            warnings.add("certificate " + p + " not loaded: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<X509CRL> crl(Path p) {
        try {
            return Optional.of(Certificates.parseCrl(Files.readAllBytes(p)));
        } catch (IOException | java.security.cert.CRLException e) {
            warnings.add("CRL " + p + " not loaded: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void key(Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            try {
                keys.put(new KeyRef(p.toString()), KeyParser.parsePrivate(bytes));
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        } catch (IOException | KeyLoadException e) {
            warnings.add("private key " + p + " not loaded: " + e.getMessage());
        }
    }
}
