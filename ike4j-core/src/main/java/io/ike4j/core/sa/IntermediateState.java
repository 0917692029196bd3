package io.ike4j.core.sa;

import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Arrays;
import java.util.List;

/**
 * IKE_INTERMEDIATE state of one IKE SA (RFC 9242, RFC 9370 2.2.1): the additional key exchanges negotiated in
 * IKE_SA_INIT (ADDKE1..7 order, NONE left out), how many are done, the initiator's pending key exchange, and the
 * running IntAuth_i / IntAuth_r values (RFC 9242 3.3.2) that the AUTH payloads cover. Never printed.
 */
public final class IntermediateState {
    /** Whether the peer sent INTERMEDIATE_EXCHANGE_SUPPORTED in IKE_SA_INIT. */
    public boolean peerSupports;
    private List<KeyExchangeMethod> methods = List.of();
    private int done;
    /** Initiator only: the key exchange of the IKE_INTERMEDIATE request in flight. */
    public KeyExchange keyExchange;
    /** Initiator only: IntAuth_i over the IKE_INTERMEDIATE request in flight, committed with the response. */
    public byte[] pendingIntAuthI = new byte[0];
    private byte[] intAuthI = new byte[0];
    private byte[] intAuthR = new byte[0];
    private int exchanges;

    /** The additional key exchanges to run, in order. */
    public void negotiated(List<KeyExchangeMethod> additional) {
        this.methods = List.copyOf(additional);
        this.done = 0;
    }

    public List<KeyExchangeMethod> methods() { return methods; }

    /** The next additional key exchange, or null when all are done. */
    public KeyExchangeMethod next() { return done < methods.size() ? methods.get(done) : null; }

    /** One more additional key exchange is complete (keys updated). */
    public void completedOne() { done++; }

    public boolean complete() { return done >= methods.size(); }

    /** How many additional key exchanges are complete. */
    public int done() { return done; }

    /** How many IKE_INTERMEDIATE exchanges took place (0: AUTH is computed as in RFC 7296). */
    public int exchanges() { return exchanges; }

    /** Records one IKE_INTERMEDIATE exchange's new IntAuth values (the old ones are wiped). */
    public void intAuth(byte[] newI, byte[] newR) {
        Arrays.fill(intAuthI, (byte) 0);
        Arrays.fill(intAuthR, (byte) 0);
        intAuthI = newI.clone();
        intAuthR = newR.clone();
        exchanges++;
    }

    public byte[] intAuthI() { return intAuthI.clone(); }

    public byte[] intAuthR() { return intAuthR.clone(); }

    public void wipe() {
        if (keyExchange != null) keyExchange.destroy();
        keyExchange = null;
        Arrays.fill(pendingIntAuthI, (byte) 0);
        Arrays.fill(intAuthI, (byte) 0);
        Arrays.fill(intAuthR, (byte) 0);
    }

    @Override
    public String toString() {
        return "IntermediateState[" + done + "/" + methods.size() + "]";
    }
}
