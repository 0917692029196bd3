package io.ike4j.core.auth.eap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The peer's EAP state machine (RFC 3748 2, 4): answers Identity and Notification, runs the method the
 * authenticator picks if it is configured (Legacy Nak with the configured Types otherwise), answers a retransmitted
 * Request with the previous Response (RFC 3748 4.1), and accepts EAP-Success only once the method allows it.
 */
public final class EapClientSession {

    private final byte[] identity;
    private final Map<Integer, Supplier<EapClientMethod>> methods;

    private EapClientMethod method;
    private EapMessage lastRequest;
    private EapMessage lastResponse;
    private boolean done;

    private EapClientSession(byte[] identity, Map<Integer, Supplier<EapClientMethod>> methods) {
        this.identity = identity.clone();
        this.methods = new LinkedHashMap<>(methods);
    }

    public static Builder builder(byte[] identity) {
        return new Builder(identity);
    }

    public EapStep process(EapMessage in) {
        if (done) return new EapStep.Ignore("EAP conversation finished");
        return switch (in.code()) {
            case RESPONSE -> new EapStep.Ignore("a peer does not process Responses");
            case SUCCESS -> {
                if (method == null || !method.mayAcceptSuccess()) {
                    done = true;
                    yield new EapStep.Failure("EAP-Success before the method completed");
                }
                done = true;
                yield new EapStep.Success(method.msk());
            }
            case FAILURE -> {
                done = true;
                yield new EapStep.Failure("EAP-Failure received");
            }
            case REQUEST -> request(in);
        };
    }

    private EapStep request(EapMessage req) {
        if (lastRequest != null && req.sameAs(lastRequest) && lastResponse != null) {
            return new EapStep.Send(lastResponse); // RFC 3748 4.1 retransmission
        }
        EapStep step;
        if (req.isType(EapType.IDENTITY)) {
            step = new EapStep.Send(EapMessage.response(req.identifier(), EapType.IDENTITY.value(), identity));
        } else if (req.isType(EapType.NOTIFICATION)) {
            step = new EapStep.Send(EapMessage.response(req.identifier(), EapType.NOTIFICATION.value(), new byte[0]));
        } else if (req.isType(EapType.NAK)) {
            return new EapStep.Ignore("Nak is not a Request type");
        } else if (method != null && method.type() == req.type()) {
            step = method.process(req);
        } else if (methods.containsKey(req.type()) && (method == null || !method.mayAcceptSuccess())) {
            method = methods.get(req.type()).get();
            step = method.process(req);
        } else {
            // RFC 3748 5.3.1 (an Expanded Type request is answered the same way: we implement none)
            step = new EapStep.Send(EapMessage.nak(req.identifier(), new ArrayList<>(methods.keySet())));
        }
        if (step instanceof EapStep.Send s) {
            lastRequest = req;
            lastResponse = s.message();
        } else if (step instanceof EapStep.Failure) {
            done = true;
        }
        return step;
    }

    public Optional<Integer> methodType() {
        return Optional.ofNullable(method).map(EapClientMethod::type);
    }

    public List<Integer> configuredTypes() {
        return List.copyOf(methods.keySet());
    }

    public static final class Builder {
        private final byte[] identity;
        private final Map<Integer, Supplier<EapClientMethod>> methods = new LinkedHashMap<>();

        private Builder(byte[] identity) {
            this.identity = identity.clone();
        }

        public Builder method(int type, Supplier<EapClientMethod> factory) {
            methods.put(type, factory);
            return this;
        }

        public EapClientSession build() {
            return new EapClientSession(identity, methods);
        }
    }
}
