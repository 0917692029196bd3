package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.IsakmpCodec;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Result;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One crafted IKEv1 message (or short sequence) of {@link Ike4jV1AdversarialInteropTest}: what the attacker at
 * {@code source} does, asserting the daemon's answer or silence itself, and the log line that must explain it.
 */
record V1AttackCase(String name, String source, Attack attack, Pattern log) {
    static final IsakmpCodec CODEC = new IsakmpCodec();

    /** The attack, with its own assertions on what comes back. */
    @FunctionalInterface
    interface Attack {
        void run(V1AdversarialLab lab, V1Insider attacker);
    }

    V1AttackCase(String name, Attack attack, String log) {
        this(name, V1AdversarialLab.ATTACKER, attack, Pattern.compile(log));
    }

    V1AttackCase(String name, String source, Attack attack, String log) {
        this(name, source, attack, Pattern.compile(log));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Sends {@code datagram}: no answer may come. */
    static void silent(V1Insider a, byte[] datagram) {
        Optional<byte[]> r = a.exchange(datagram, V1Insider.SILENCE);
        assertThat(r).as("no answer (silent drop), got " + r.map(V1AttackCase::describe).orElse("")).isEmpty();
    }

    /** Sends {@code datagram}: the answer must be an unprotected Informational with notify {@code type}. */
    static void answered(V1Insider a, byte[] datagram, int type) {
        byte[] r = a.exchange(datagram, V1Insider.ANSWER).orElseThrow(() -> new AssertionError("no answer; expected notify " + type));
        assertThat(notifies(r)).as("the answer " + describe(r)).contains(type);
    }

    /** The notify types of an unprotected message (empty when it does not decode or is encrypted). */
    static List<Integer> notifies(byte[] d) {
        return plain(d).map(m -> m.all(V1Payload.Notification.class).stream().map(V1Payload.Notification::notifyType).toList())
                .orElse(List.of());
    }

    static Optional<IsakmpMessage> plain(byte[] d) {
        if (CODEC.decode(d) instanceof V1Result.Decoded<IsakmpDatagram> ok && ok.value() instanceof IsakmpDatagram.Plain p) {
            return Optional.of(p.message());
        }
        return Optional.empty();
    }

    static String describe(byte[] d) {
        return plain(d).map(m -> "exchange " + m.header().exchangeType() + " payloads "
                + m.payloads().stream().map(p -> p.getClass().getSimpleName()).toList() + " notifies " + notifies(d))
                .orElse(d.length + " bytes (encrypted or undecodable)");
    }

    /** An unprotected message with its payloads changed and re-encoded (lengths recomputed). */
    static byte[] edit(byte[] d, UnaryOperator<List<V1Payload>> change) {
        IsakmpMessage m = plain(d).orElseThrow();
        return CODEC.encode(new IsakmpMessage(m.header(), change.apply(new java.util.ArrayList<>(m.payloads()))));
    }
}
