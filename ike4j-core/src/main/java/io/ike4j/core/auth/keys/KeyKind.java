package io.ike4j.core.auth.keys;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/** The kind of an asymmetric key: algorithm and, for EC, the curve. */
public enum KeyKind {
    RSA(0),
    ECDSA_P256(32),
    ECDSA_P384(48),
    ECDSA_P521(66),
    ED25519(32),
    ED448(57);

    private final int fieldBytes;

    KeyKind(int fieldBytes) {
        this.fieldBytes = fieldBytes;
    }

    /** Coordinate size in bytes for EC curves (raw r||s is twice this); key size for EdDSA; 0 for RSA. */
    public int fieldBytes() {
        return fieldBytes;
    }

    public boolean isEcdsa() {
        return this == ECDSA_P256 || this == ECDSA_P384 || this == ECDSA_P521;
    }

    /** Classifies a JCA key (public or private); empty for unsupported algorithms or curves. */
    public static Optional<KeyKind> of(Key key) {
        if (key instanceof RSAKey) return Optional.of(RSA);
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> Optional.of(ECDSA_P256);
                case 384 -> Optional.of(ECDSA_P384);
                case 521 -> Optional.of(ECDSA_P521);
                default -> Optional.empty();
            };
        }
        if (key instanceof EdECKey ed) {
            return switch (ed.getParams().getName()) {
                case "Ed25519" -> Optional.of(ED25519);
                case "Ed448" -> Optional.of(ED448);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Key size in bits (RSA modulus length, curve size). */
    public static int bits(Key key) {
        if (key instanceof RSAKey rsa) return rsa.getModulus().bitLength();
        if (key instanceof ECKey ec) return ec.getParams().getCurve().getField().getFieldSize();
        return of(key).map(k -> k == ED25519 ? 256 : 456).orElse(0);
    }
}
