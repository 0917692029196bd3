package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.PrivateKey;
import javax.security.auth.DestroyFailedException;

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
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // JDK key classes do not implement destroy(); dropping the reference is all we can do.
            }
        }
    }

    @Override
    public String toString() {
        return "KeyExchange[" + group.method() + (privateKey == null ? ", destroyed]" : "]");
    }
}
