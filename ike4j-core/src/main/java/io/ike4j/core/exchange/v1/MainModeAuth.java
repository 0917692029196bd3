package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.Identity;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.Phase1Suite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The authentication part of Main Mode (RFC 2409 5): which method a connection uses (pre-shared key, or signatures
 * with our key's type), the CERTREQs of messages 3 and 4, and the proof (HASH, or [CERT] SIG) of messages 5 and 6.
 */
final class MainModeAuth {
    private MainModeAuth() {}

    /** Why the peer's proof was not accepted; {@code malformed}: the payloads were missing altogether. */
    record Refusal(V1NotifyType error, String reason, boolean malformed) {}

    /** The peer's identity, or why it is refused. */
    sealed interface Checked {
        record Accepted(Identity peer) implements Checked {}

        record Refused(Refusal refusal) implements Checked {}
    }

    static Credentials credentials(V1Run r) {
        return r.session.context().config().credentials();
    }

    static Optional<V1AuthMethod> method(V1Run r, ConnectionConfig c) {
        return V1SigAuth.method(credentials(r), c);
    }

    /** The connection's Phase 1 suites, all with its authentication method (none if it has no usable method). */
    static List<Phase1Suite> suites(V1Run r, ConnectionConfig c) {
        return method(r, c).map(m -> Phase1Proposals.configured(c, m)).orElse(List.of());
    }

    /** CERTREQs for messages 3/4 when signatures authenticate (RFC 2409 5.1). */
    static List<V1Payload> certReqs(V1Run r, IsakmpSa sa) {
        return V1SigAuth.isSignature(sa) ? V1SigAuth.certReqs(credentials(r), sa.connection) : List.of();
    }

    /** Message 5/6 payloads: our ID, then HASH_I/R (PSK) or our CERTs and SIG_I/R; empty (logged) if we cannot sign. */
    static Optional<List<V1Payload>> proof(V1Run r, IsakmpSa sa, boolean initiator) {
        V1Payload.Identification id = V1Ids.phase1(sa.localId);
        byte[] hash = Phase1.hash(sa, initiator, id, V1SigAuth.hashPrf(sa));
        List<V1Payload> ps = new ArrayList<>();
        ps.add(id);
        if (!V1SigAuth.isSignature(sa)) {
            ps.add(new V1Payload.Hash(Octets.of(hash)));
            return Optional.of(ps);
        }
        return switch (V1SigAuth.sign(credentials(r), sa, hash)) {
            case V1SigAuth.Made.Payloads p -> {
                ps.addAll(p.payloads());
                r.log(EngineLog.Subsystem.IKE, sa, "authentication of " + sa.localId + " (myself) with " + sa.suite.auth());
                yield Optional.of(ps);
            }
            case V1SigAuth.Made.Failed f -> {
                r.log(EngineLog.Subsystem.IKE, sa, "authentication of " + sa.localId + " (myself) failed: " + f.reason());
                yield Optional.empty();
            }
        };
    }

    /** Checks the peer's message 5 ({@code ofInitiator}) or 6: its ID and HASH or SIG. */
    static Checked check(V1Run r, IsakmpSa sa, boolean ofInitiator, IsakmpMessage m) {
        V1SigAuth.recordCertReqs(sa, m.payloads()); // strongSwan as initiator asks in message 5
        Optional<V1Payload.Identification> id = m.first(V1Payload.Identification.class);
        String which = ofInitiator ? "I" : "R";
        if (!V1SigAuth.isSignature(sa)) {
            Optional<V1Payload.Hash> h = m.first(V1Payload.Hash.class);
            if (id.isEmpty() || h.isEmpty()) return refused(V1NotifyType.PAYLOAD_MALFORMED, "message without ID/HASH", true);
            if (!Phase1.verify(sa, ofInitiator, id.get(), h.get())) {
                return refused(V1NotifyType.INVALID_HASH_INFORMATION, "HASH_" + which + " mismatch (pre-shared key mismatch)", false);
            }
            return Phase1.peerIdentity(sa, id.get()).<Checked>map(Checked.Accepted::new)
                    .orElseGet(() -> refused(V1NotifyType.INVALID_ID_INFORMATION, "peer identity not acceptable for "
                            + sa.connectionName(), false));
        }
        if (id.isEmpty() || m.first(V1Payload.Signature.class).isEmpty()) {
            return refused(V1NotifyType.PAYLOAD_MALFORMED, "message without ID/SIG", true);
        }
        Optional<Identity> peer = V1Ids.identity(id.get());
        if (peer.isEmpty()) return refused(V1NotifyType.INVALID_ID_INFORMATION, "unusable peer ID payload", false);
        byte[] hash = Phase1.hash(sa, ofInitiator, id.get(), V1SigAuth.hashPrf(sa));
        Optional<String> why = V1SigAuth.verify(credentials(r), r.session.context().clock(), sa, peer.get(), m.payloads(), hash);
        if (why.isPresent()) {
            return refused(V1NotifyType.AUTHENTICATION_FAILED, "authentication of " + peer.get() + " with " + sa.suite.auth()
                    + " failed: " + why.get(), false);
        }
        r.log(EngineLog.Subsystem.IKE, sa, "authentication of " + peer.get() + " with " + sa.suite.auth() + " successful");
        return new Checked.Accepted(peer.get());
    }

    private static Checked refused(V1NotifyType n, String reason, boolean malformed) {
        return new Checked.Refused(new Refusal(n, reason, malformed));
    }
}
