package io.ike4j.interop;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One crafted message (or short sequence) of the adversarial suite: what the attacker does, the daemon's expected
 * answer, and the log line that must explain it. {@code source} is the attacker's address (which daemon connection it meets).
 */
record AttackCase(String name, String source, Function<Adversary, Adversary.Answer> attack, Expect expect, Pattern log) {

    /** A case of the attacker at {@link AdversarialLab#ATTACKER} (the daemon's PSK connection {@code attack}). */
    AttackCase(String name, Function<Adversary, Adversary.Answer> attack, Expect expect, String log) {
        this(name, AdversarialLab.ATTACKER, attack, expect, Pattern.compile(log));
    }

    /** A case of the attacker at {@code source} ({@link AdversarialLab#EAP_ATTACKER}: the daemon's EAP connection). */
    AttackCase(String name, String source, Function<Adversary, Adversary.Answer> attack, Expect expect, String log) {
        this(name, source, attack, expect, Pattern.compile(log));
    }

    /** Instead of a log line: the daemon's {@code stats} error counter must have grown. */
    static final String ERRORS_COUNTED = "<stats errors counted>";

    @Override
    public String toString() {
        return name;
    }

    /** The expected answer: a described predicate. */
    record Expect(String description, Predicate<Adversary.Answer> check) {
        /** An answer (response) carrying this error notify. */
        static Expect answer(NotifyType type) {
            return new Expect("a response with " + type, a -> !a.silent() && a.message().map(m -> m.header().response()).orElse(false)
                    && a.notifies().contains(type.value()));
        }

        /** No answer at all: a silent drop. */
        static Expect silent() {
            return new Expect("no answer (silent drop)", Adversary.Answer::silent);
        }

        /** A response with no error notify (types below 16384) at all. */
        static Expect success() {
            return new Expect("a response without error notify", a -> !a.silent() && a.message().map(m -> m.header().response()).orElse(false)
                    && a.notifies().stream().noneMatch(t -> t < 16384) && !a.note().startsWith("cannot"));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** A message with its payloads changed (header kept; lengths are recomputed when encoded). */
    static IkeMessage edit(IkeMessage m, UnaryOperator<List<Payload>> change) {
        return new IkeMessage(m.header(), change.apply(new ArrayList<>(m.payloads())));
    }

    /** Replaces every payload of class {@code kind} by {@code replace(it)}. */
    static <P extends Payload> UnaryOperator<List<Payload>> replace(Class<P> kind, Function<P, Payload> replace) {
        return ps -> new ArrayList<>(ps.stream().map(p -> kind.isInstance(p) ? replace.apply(kind.cast(p)) : p).toList());
    }
}
