package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CREATE_CHILD_SA exchange that continues in IKE_FOLLOWUP_KE exchanges (RFC 9370 2.2.4): the additional key
 * exchanges still to run (ADDKE order), the shared secrets SK(0) (of the CREATE_CHILD_SA's KE) .. SK(n) collected so
 * far, the current link (the ADDITIONAL_KEY_EXCHANGE notify data the responder chose), the initiator's pending key
 * exchange, and what completes when all are done ({@link Target}). Never printed; {@link #wipe()} clears it.
 */
public final class FollowupKe {

    /** What the key exchanges are for. */
    public sealed interface Target {
        /** Rekeying the IKE SA (RFC 9370 2.2.4, RFC 7296 2.18): the new SPIs, transforms and nonces. */
        record IkeRekey(long spiI, long spiR, IkeTransforms transforms, byte[] ni, byte[] nr) implements Target {
            @Override
            public String toString() {
                return "IkeRekey[" + Long.toHexString(spiI) + "_i " + Long.toHexString(spiR) + "_r]";
            }
        }

        /**
         * A new or rekeyed ({@code old} non-null) CHILD_SA, installed once the keys are complete: our SA object, the
         * peer's SPI, the transforms, mode, our and the peer's selectors, and the CREATE_CHILD_SA's nonces.
         */
        record Child(ChildSa child, ChildSa old, int outboundSpi, ChildTransforms transforms, boolean transport,
                     List<TrafficSelectorSubstructure> localTs, List<TrafficSelectorSubstructure> remoteTs,
                     byte[] ni, byte[] nr) implements Target {
            public Child {
                localTs = List.copyOf(localTs);
                remoteTs = List.copyOf(remoteTs);
            }

            @Override
            public String toString() {
                return "Child[" + child.name() + "]";
            }
        }
    }

    private final boolean initiator;
    private final List<KeyExchangeMethod> methods;
    private final List<byte[]> secrets = new ArrayList<>();
    private final Target target;
    private byte[] link = new byte[0];
    private int done;
    /** Initiator only: the key exchange of the IKE_FOLLOWUP_KE request in flight. */
    public KeyExchange pending;

    /** {@code sk0}: the CREATE_CHILD_SA's shared secret (empty without a KE there); copied. */
    public FollowupKe(boolean initiator, List<KeyExchangeMethod> methods, byte[] sk0, Target target) {
        this.initiator = initiator;
        this.methods = List.copyOf(methods);
        this.secrets.add(sk0.clone());
        this.target = target;
    }

    public boolean initiator() { return initiator; }

    public Target target() { return target; }

    /** The next additional key exchange, or null when all are done. */
    public KeyExchangeMethod next() { return done < methods.size() ? methods.get(done) : null; }

    /** How many additional key exchanges are done. */
    public int done() { return done; }

    public int total() { return methods.size(); }

    public boolean complete() { return done >= methods.size(); }

    /** Adds SK(n) of one more additional key exchange (copied). */
    public void completedOne(byte[] secret) {
        secrets.add(secret.clone());
        done++;
    }

    public byte[] link() { return link.clone(); }

    public void link(byte[] value) { link = value.clone(); }

    /** SK(0), copied. */
    public byte[] firstSecret() { return secrets.getFirst().clone(); }

    /** SK(1) | ... | SK(n), the additional key exchanges' secrets in order (RFC 9370 2.2.4). */
    public byte[] additionalSecrets() {
        int len = 0;
        for (int i = 1; i < secrets.size(); i++) len += secrets.get(i).length;
        byte[] out = new byte[len];
        int at = 0;
        for (int i = 1; i < secrets.size(); i++) {
            System.arraycopy(secrets.get(i), 0, out, at, secrets.get(i).length);
            at += secrets.get(i).length;
        }
        return out;
    }

    public void wipe() {
        if (pending != null) pending.destroy();
        pending = null;
        secrets.forEach(b -> Arrays.fill(b, (byte) 0));
        switch (target) {
            case Target.IkeRekey r -> {
                Arrays.fill(r.ni(), (byte) 0);
                Arrays.fill(r.nr(), (byte) 0);
            }
            case Target.Child c -> {
                Arrays.fill(c.ni(), (byte) 0);
                Arrays.fill(c.nr(), (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "FollowupKe[" + done + "/" + methods.size() + " " + target + "]";
    }
}
