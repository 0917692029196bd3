package io.ike4j.core.crypto;

import java.util.Arrays;

/**
 * Child SA keying material split per RFC 7296 2.17: encryption then integrity key for initiator to responder,
 * then the same for responder to initiator. Accessors return copies; {@code toString} shows lengths only.
 */
public final class ChildSaKeys {

    private final byte[] encrInitiatorToResponder;
    private final byte[] integInitiatorToResponder;
    private final byte[] encrResponderToInitiator;
    private final byte[] integResponderToInitiator;

    ChildSaKeys(byte[] keymat, int encrLength, int integLength) {
        int off = 0;
        encrInitiatorToResponder = Arrays.copyOfRange(keymat, off, off += encrLength);
        integInitiatorToResponder = Arrays.copyOfRange(keymat, off, off += integLength);
        encrResponderToInitiator = Arrays.copyOfRange(keymat, off, off += encrLength);
        integResponderToInitiator = Arrays.copyOfRange(keymat, off, off += integLength);
    }

    public byte[] encryptionInitiatorToResponder() {
        return encrInitiatorToResponder.clone();
    }

    public byte[] integrityInitiatorToResponder() {
        return integInitiatorToResponder.clone();
    }

    public byte[] encryptionResponderToInitiator() {
        return encrResponderToInitiator.clone();
    }

    public byte[] integrityResponderToInitiator() {
        return integResponderToInitiator.clone();
    }

    public void wipe() {
        Arrays.fill(encrInitiatorToResponder, (byte) 0);
        Arrays.fill(integInitiatorToResponder, (byte) 0);
        Arrays.fill(encrResponderToInitiator, (byte) 0);
        Arrays.fill(integResponderToInitiator, (byte) 0);
    }

    @Override
    public String toString() {
        return "ChildSaKeys[encr=" + encrInitiatorToResponder.length + "B, integ=" + integInitiatorToResponder.length
                + "B]";
    }
}
