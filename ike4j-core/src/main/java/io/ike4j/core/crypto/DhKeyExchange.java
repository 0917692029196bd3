package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.PrivateKey;

/** {@link KeyExchange} for Diffie-Hellman style groups (MODP, ECP, Curve25519/448). */
final class DhKeyExchange implements KeyExchange {

    private final DhGroup group;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    DhKeyExchange(DhGroup group, RandomSource random) {
        this.group = group;
        this.privateKey = group.generatePrivate(random);
        this.publicValue = group.publicValue(privateKey);
    }

    @Override
    public KeyExchangeMethod method() {
        return group.method();
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] sharedSecret(byte[] peerValue) throws KeyExchangeException {
        PrivateKey key = privateKey;
        if (key == null) throw new KeyExchangeException(KeyExchangeException.Reason.DESTROYED, "destroyed");
        return group.agree(key, peerValue);
    }

    @Override
    public void destroy() {
        PrivateKey key = privateKey;
        privateKey = null;
        KeyDestruction.destroy(key); // most key classes cannot wipe themselves; dropping the reference is then all
    }

    @Override
    public String toString() {
        return "KeyExchange[" + group.method() + (privateKey == null ? ", destroyed]" : "]");
    }
}
