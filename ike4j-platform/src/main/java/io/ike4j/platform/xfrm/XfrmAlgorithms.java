package io.ike4j.platform.xfrm;

import java.util.Arrays;

/**
 * The transforms of one SA as the kernel names them (crypto API names). Keys are copies owned by the record,
 * never printed; {@link #wipe()} clears them once the message is built and sent.
 */
public sealed interface XfrmAlgorithms {

    /** Clears the key copies held by this object. */
    void wipe();

    /** XFRMA_ALG_AEAD ({@code struct xfrm_algo_aead}); the key includes the salt (RFC 4106 8.1, RFC 7634 2). */
    record Aead(String name, byte[] key, int icvBits) implements XfrmAlgorithms {
        public Aead {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public void wipe() {
            Arrays.fill(key, (byte) 0);
        }

        void encode(NetlinkBuffer b) {
            int at = b.beginAttribute(XfrmAbi.XFRMA_ALG_AEAD);
            b.name(name, XfrmAbi.ALG_NAME_LEN).u32(key.length * 8).u32(icvBits).bytes(key);
            b.endAttribute(at);
        }

        @Override
        public String toString() {
            return "Aead[" + name + ", key=" + key.length * 8 + " bits, icv=" + icvBits + "]";
        }
    }

    /**
     * XFRMA_ALG_CRYPT ({@code struct xfrm_algo}) plus XFRMA_ALG_AUTH_TRUNC ({@code struct xfrm_algo_auth});
     * {@code authName} null means no integrity attribute (e.g. NULL-encryption-only tests).
     */
    record CipherAuth(String cipherName, byte[] cipherKey, String authName, byte[] authKey, int truncationBits)
            implements XfrmAlgorithms {
        public CipherAuth {
            cipherKey = cipherKey.clone();
            authKey = authKey == null ? new byte[0] : authKey.clone();
        }

        @Override
        public byte[] cipherKey() {
            return cipherKey.clone();
        }

        @Override
        public byte[] authKey() {
            return authKey.clone();
        }

        @Override
        public void wipe() {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(authKey, (byte) 0);
        }

        void encode(NetlinkBuffer b) {
            int at = b.beginAttribute(XfrmAbi.XFRMA_ALG_CRYPT);
            b.name(cipherName, XfrmAbi.ALG_NAME_LEN).u32(cipherKey.length * 8).bytes(cipherKey);
            b.endAttribute(at);
            if (authName != null) {
                at = b.beginAttribute(XfrmAbi.XFRMA_ALG_AUTH_TRUNC);
                b.name(authName, XfrmAbi.ALG_NAME_LEN).u32(authKey.length * 8).u32(truncationBits).bytes(authKey);
                b.endAttribute(at);
            }
        }

        @Override
        public String toString() {
            return "CipherAuth[" + cipherName + "/" + cipherKey.length * 8 + ", " + authName + "/" + truncationBits + "]";
        }
    }
}
