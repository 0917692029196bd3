package io.ike4j.core.auth.keys;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A loaded private key, opaque outside this package: it exposes the key's kind, size and public half but never the
 * private key itself, and its {@code toString()} shows no key material. Hand it to {@link PrivateKeyStore}.
 */
public final class PrivateKeyHandle {
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final KeyKind kind;

    PrivateKeyHandle(PrivateKey key, PublicKey publicKey, KeyKind kind) {
        this.key = key;
        this.publicKey = publicKey;
        this.kind = kind;
    }

    /** Wraps a JCA key pair (e.g. one just generated). */
    public static PrivateKeyHandle of(java.security.KeyPair pair) throws KeyLoadException {
        KeyKind kind = KeyKind.of(pair.getPrivate())
                .orElseThrow(() -> new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_ALGORITHM,
                        "unsupported key algorithm " + pair.getPrivate().getAlgorithm()));
        return new PrivateKeyHandle(pair.getPrivate(), pair.getPublic(), kind);
    }

    PrivateKey key() {
        return key;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public KeyKind kind() {
        return kind;
    }

    public int bits() {
        return KeyKind.bits(publicKey);
    }

    /** The PKCS#8 encoding, for writing a freshly generated key to its file (pki --gen). */
    public byte[] exportPkcs8() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "PrivateKey[" + kind + ", " + bits() + " bits]";
    }
}
