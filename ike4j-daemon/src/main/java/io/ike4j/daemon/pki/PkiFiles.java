package io.ike4j.daemon.pki;

import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.der.Pem;
import io.ike4j.core.auth.keys.KeyLoadException;
import io.ike4j.core.auth.keys.KeyParser;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** File input and PEM/DER output for the pki command. */
final class PkiFiles {
    private PkiFiles() {}

    static byte[] read(String file) throws PkiException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new PkiException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static PrivateKeyHandle privateKey(String file) throws PkiException {
        try {
            return KeyParser.parsePrivate(read(file));
        } catch (KeyLoadException e) {
            throw new PkiException("cannot load private key " + file + ": " + e.getMessage());
        }
    }

    static PublicKey publicKey(String file) throws PkiException {
        try {
            return KeyParser.parsePublic(read(file));
        } catch (KeyLoadException e) {
            throw new PkiException("cannot load public key " + file + ": " + e.getMessage());
        }
    }

    static X509Certificate certificate(String file) throws PkiException {
        try {
            return Certificates.parse(read(file));
        } catch (CertificateException e) {
            throw new PkiException("cannot load certificate " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code der} to {@code out} as PEM with {@code label} or raw DER (strongSwan's default). */
    static void write(PrintStream out, String outform, String label, byte[] der) throws PkiException {
        switch (outform) {
            case "pem" -> out.print(Pem.encode(label, der));
            case "der" -> out.write(der, 0, der.length);
            default -> throw new PkiException("unknown --outform '" + outform + "' (der or pem)");
        }
        out.flush();
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
