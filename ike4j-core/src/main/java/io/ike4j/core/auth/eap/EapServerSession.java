package io.ike4j.core.auth.eap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authenticator's EAP state machine (RFC 3748 2): optionally an Identity round, then the configured methods in
 * preference order, switching on a Legacy Nak (RFC 3748 5.3.1). Responses with the wrong code or identifier are
 * ignored (RFC 3748 4.1). On the outcome {@link #finalMessage()} is the EAP-Success/Failure to send (RFC 3748 4.2).
 */
public final class EapServerSession {

    private enum State { IDLE, IDENTITY, METHOD, DONE }

    private final boolean requestIdentity;
    private final Optional<byte[]> presetIdentity;
    private final Map<Integer, Supplier<EapServerMethod>> methods;
    private final int firstIdentifier;
    private final List<Integer> tried = new ArrayList<>();

    private State state = State.IDLE;
    private EapMessage lastRequest;
    private EapServerMethod method;
    private boolean methodAnswered;
    private Optional<byte[]> identity = Optional.empty();
    private Optional<EapMessage> identityResponse = Optional.empty();
    private Optional<EapMessage> finalMessage = Optional.empty();

    private EapServerSession(Builder b) {
        this.requestIdentity = b.requestIdentity;
        this.presetIdentity = b.identity;
        this.methods = new LinkedHashMap<>(b.methods);
        this.firstIdentifier = b.firstIdentifier;
        if (methods.isEmpty()) throw new IllegalArgumentException("no EAP method configured");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first Request: EAP-Identity, or the first method's Request when no Identity round is run (RFC 5998). */
    public EapStep start() {
        if (state != State.IDLE) return new EapStep.Ignore("already started");
        if (requestIdentity) {
            state = State.IDENTITY;
            return send(EapMessage.request(firstIdentifier, EapType.IDENTITY.value(), new byte[0]));
        }
        identity = presetIdentity;
        return startMethod(methods.keySet().iterator().next(), firstIdentifier);
    }

    public EapStep process(EapMessage response) {
        if (state == State.DONE) return new EapStep.Ignore("EAP conversation finished");
        if (state == State.IDLE) return new EapStep.Ignore("not started");
        if (response.code() != EapCode.RESPONSE) return new EapStep.Ignore("not a Response");
        if (response.identifier() != lastRequest.identifier()) return new EapStep.Ignore("identifier does not match the outstanding Request");
        if (state == State.IDENTITY) {
            if (!response.isType(EapType.IDENTITY)) return finish(new EapStep.Failure("expected an Identity Response"));
            identity = Optional.of(response.typeData());
            identityResponse = Optional.of(response);
            return startMethod(methods.keySet().iterator().next(), EapMessage.next(response.identifier()));
        }
        if (method.type() == EapServerMethod.PASS_THROUGH) return handle(method.process(response));
        if (response.isType(EapType.NAK)) {
            // RFC 3748 5.3.1: Nak is only valid in response to a method's initial Request.
            if (methodAnswered) return finish(new EapStep.Failure("Nak after the method started"));
            for (int t : response.nakDesiredTypes()) {
                if (methods.containsKey(t) && !tried.contains(t)) return startMethod(t, EapMessage.next(response.identifier()));
            }
            return finish(new EapStep.Failure("peer accepts none of the configured methods " + methods.keySet()));
        }
        if (response.type() != method.type()) return finish(new EapStep.Failure("Response of type " + response.type() + " during method " + method.type()));
        methodAnswered = true;
        return handle(method.process(response));
    }

    private EapStep startMethod(int type, int identifier) {
        tried.add(type);
        method = methods.get(type).get();
        methodAnswered = false;
        state = State.METHOD;
        return handle(method.start(new EapStart(identifier, identity, identityResponse)));
    }

    private EapStep handle(EapStep step) {
        return switch (step) {
            case EapStep.Send s -> send(s.message());
            case EapStep.Success s -> finish(s);
            case EapStep.Failure f -> finish(f);
            case EapStep.Ignore i -> i;
        };
    }

    private EapStep send(EapMessage request) {
        lastRequest = request;
        return new EapStep.Send(request);
    }

    private EapStep finish(EapStep outcome) {
        state = State.DONE;
        int id = lastRequest == null ? firstIdentifier : lastRequest.identifier();
        finalMessage = Optional.of(outcome instanceof EapStep.Success ? EapMessage.success(id) : EapMessage.failure(id));
        return outcome;
    }

    /** EAP-Success or EAP-Failure to send once the outcome is known (identifier of the last Request). */
    public Optional<EapMessage> finalMessage() {
        return finalMessage;
    }

    /** The identity from the Identity Response (or the preset one). */
    /** The current method's {@link EapServerMethod#failureSent}. */
    public Optional<String> failureSent() {
        return method == null ? Optional.empty() : method.failureSent();
    }

    public Optional<byte[]> peerIdentity() {
        return identity.map(byte[]::clone);
    }

    /** The EAP Type currently running, if a method has started. */
    public Optional<Integer> methodType() {
        return Optional.ofNullable(method).map(EapServerMethod::type);
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    public static final class Builder {
        private boolean requestIdentity = true;
        private Optional<byte[]> identity = Optional.empty();
        private final Map<Integer, Supplier<EapServerMethod>> methods = new LinkedHashMap<>();
        private int firstIdentifier;

        /** Whether to start with EAP-Identity (default); without it the identity comes from outside (RFC 5998). */
        public Builder requestIdentity(boolean requestIdentity) {
            this.requestIdentity = requestIdentity;
            return this;
        }

        /** The peer identity to use when no Identity round is run (e.g. the IKE IDi, or {@code eap_id}). */
        public Builder identity(byte[] identity) {
            this.identity = Optional.of(identity.clone());
            return this;
        }

        /** Adds a method; the first one added is proposed first. */
        public Builder method(int type, Supplier<EapServerMethod> factory) {
            methods.put(type, factory);
            return this;
        }

        public Builder firstIdentifier(int firstIdentifier) {
            this.firstIdentifier = firstIdentifier & 0xff;
            return this;
        }

        public EapServerSession build() {
            return new EapServerSession(this);
        }
    }
}
