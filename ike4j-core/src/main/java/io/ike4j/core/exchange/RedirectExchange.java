package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.RedirectRule;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Redirect (RFC 5685), both roles. The gateway redirects an initiator that announced REDIRECT_SUPPORTED during
 * IKE_SA_INIT (4.2, no state kept), in the IKE_AUTH response after authenticating it (6), or on an established SA
 * with an INFORMATIONAL (5). The initiator follows a redirect by starting over at the new gateway with
 * REDIRECTED_FROM, at most {@link #MAX_REDIRECTS} times within {@link #WINDOW} (strongSwan's loop limit).
 */
public final class RedirectExchange {
    static final int MAX_REDIRECTS = 5;
    static final Duration WINDOW = Duration.ofSeconds(300);

    private RedirectExchange() {}

    // ---- initiator

    /** RFC 5685 4.1, 4.2: REDIRECT_SUPPORTED in IKE_SA_INIT, or REDIRECTED_FROM when we were redirected here. */
    static NotifyPayload announce(IkeSa sa) {
        InetAddress from = sa.redirect.redirectedFrom;
        return from != null ? RedirectUnit.redirectedFrom(from) : RedirectUnit.supported();
    }

    /**
     * Initiator: an IKE_SA_INIT response with REDIRECT. True if the message was a redirect (followed, refused, or
     * discarded for a wrong nonce, RFC 5685 4.2); the caller then does nothing more with it.
     */
    static boolean followInit(Session s, IkeSa sa, IkeMessage m) {
        Optional<RedirectUnit.Redirect> r = RedirectUnit.redirect(m);
        if (r.isEmpty() && io.ike4j.core.codec.MessageRules.carries(m, io.ike4j.core.codec.NotifyType.REDIRECT)) {
            // unauthenticated and unusable: treated as a forgery, like a wrong nonce; the real answer may follow
            s.log(EngineLog.Subsystem.IKE, sa, "ignoring malformed REDIRECT in the IKE_SA_INIT response");
            return true;
        }
        if (r.isEmpty()) return false;
        if (!MessageDigest.isEqual(r.get().nonce(), sa.nonceI)) {
            s.log(EngineLog.Subsystem.IKE, sa, "ignoring REDIRECT with a wrong nonce");
            return true; // keep retransmitting: a forged response must not divert us
        }
        Messenger.answered(s, sa);
        InetAddress from = sa.remote.address();
        Optional<InetAddress> to = target(s, sa, r.get().gateway());
        if (to.isEmpty()) return true;
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_SA_INIT redirected from " + from.getHostAddress() + " to " + r.get().gateway());
        sa.redirect.redirectedFrom = from;
        IkeSaInitExchange.restart(s, sa, new Endpoint(to.get(), sa.connection.remotePort()));
        return true;
    }

    /** Initiator: an authenticated IKE_AUTH response with REDIRECT (RFC 5685 6): start over at the new gateway. */
    static boolean followAuth(Session s, IkeSa sa, IkeMessage m) {
        Optional<RedirectUnit.Redirect> r = RedirectUnit.redirect(m);
        if (r.isEmpty()) return false;
        Optional<InetAddress> to = target(s, sa, r.get().gateway());
        if (to.isEmpty()) return true;
        s.log(EngineLog.Subsystem.IKE, sa, "IKE_AUTH redirected from " + sa.remote.address().getHostAddress() + " to " + r.get().gateway());
        reconnect(s, sa, to.get());
        SaLifecycle.discard(s, sa, "redirected to " + r.get().gateway());
        return true;
    }

    /**
     * Initiator: the gateway redirects our established SA (RFC 5685 5). Answers, deletes the old SA and sets up a
     * new one at the new gateway. Returns the payloads of our response (none).
     */
    static boolean followEstablished(Session s, IkeSa sa, IkeMessage m) {
        Optional<RedirectUnit.Redirect> r = RedirectUnit.redirect(m);
        if (r.isEmpty()) return false;
        Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, m.header().messageId(), List.of());
        if (!sa.isInitiator() && !sa.mobike.initiator) {
            s.log(EngineLog.Subsystem.IKE, sa, "ignoring REDIRECT: we are the gateway of this IKE SA");
            return true;
        }
        Optional<InetAddress> to = target(s, sa, r.get().gateway());
        if (to.isEmpty()) return true;
        s.log(EngineLog.Subsystem.IKE, sa, "established IKE SA redirected from " + sa.remote.address().getHostAddress()
                + " to " + r.get().gateway());
        reconnect(s, sa, to.get());
        sa.queue.clear();
        sa.queue.add(new IkeSa.PendingTask.DeleteIke());
        InformationalExchange.runQueue(s, sa);
        return true;
    }

    /** The loop limit and name resolution; empty (after failing/logging) if we cannot follow. */
    private static Optional<InetAddress> target(Session s, IkeSa sa, RedirectUnit.Gateway gw) {
        Instant now = s.now();
        sa.redirect.history.removeIf(t -> t.isBefore(now.minus(WINDOW)));
        if (sa.redirect.history.size() >= MAX_REDIRECTS) {
            SaLifecycle.end(s, sa, "redirected " + MAX_REDIRECTS + " times within " + WINDOW.toSeconds() + "s, giving up");
            return Optional.empty();
        }
        if (gw.address().isEmpty()) { // the core resolves no names
            SaLifecycle.end(s, sa, "cannot follow a redirect to the FQDN " + gw.name());
            return Optional.empty();
        }
        sa.redirect.history.add(now);
        return gw.address();
    }

    /** A new IKE SA of the same connection to {@code gateway}, started once the current SA's lock is released. */
    private static void reconnect(Session s, IkeSa sa, InetAddress gateway) {
        ConnectionConfig c = sa.connection;
        String child = sa.requestedChild;
        InetAddress from = sa.remote.address();
        List<Instant> history = new ArrayList<>(sa.redirect.history);
        s.afterwards(x -> IkeSaInitExchange.initiateTo(x, c, child, new Endpoint(gateway, c.remotePort()), n -> {
            n.redirect.redirectedFrom = from;
            n.redirect.history.addAll(history);
        }));
    }

    // ---- gateway

    /** RFC 5685 4.2: the REDIRECT answering an IKE_SA_INIT request, if a rule sends this initiator elsewhere. */
    static Optional<Payload> initRedirect(Session s, IkeMessage request, Endpoint remote, byte[] ni) {
        if (!RedirectUnit.supports(request)) return Optional.empty();
        return s.settings().redirectFor(RedirectRule.Stage.INIT, remote.address(), null, null)
                .flatMap(r -> RedirectUnit.Gateway.parse(r.gateway()))
                .map(gw -> {
                    s.log(EngineLog.Subsystem.IKE, null, "redirecting IKE_SA_INIT from " + remote + " to " + gw);
                    return RedirectUnit.redirect(gw, ni);
                });
    }

    /** RFC 5685 6: the REDIRECT for the IKE_AUTH response, if a rule sends this authenticated peer elsewhere. */
    static Optional<Payload> authRedirect(Session s, IkeSa sa) {
        if (!sa.redirect.peerSupports) return Optional.empty();
        return s.settings().redirectFor(RedirectRule.Stage.AUTH, sa.remote.address(), sa.remoteId, sa.connectionName())
                .flatMap(r -> RedirectUnit.Gateway.parse(r.gateway()))
                .map(gw -> {
                    s.log(EngineLog.Subsystem.IKE, sa, "redirecting " + sa.remoteId + " to " + gw + " in IKE_AUTH");
                    return RedirectUnit.redirect(gw, new byte[0]);
                });
    }

    /** Control: redirect an established peer (RFC 5685 5); refused (false) if it never announced support. */
    public static boolean request(Session s, IkeSa sa, String gateway) {
        if (sa.state != IkeSaState.ESTABLISHED || sa.retired) return false;
        if (!sa.redirect.peerSupports || RedirectUnit.Gateway.parse(gateway).isEmpty()) {
            s.log(EngineLog.Subsystem.IKE, sa, "cannot redirect: " + (sa.redirect.peerSupports ? "bad gateway " + gateway
                    : "peer did not announce REDIRECT_SUPPORTED"));
            return false;
        }
        sa.queue.add(new IkeSa.PendingTask.Redirect(gateway));
        InformationalExchange.runQueue(s, sa);
        return true;
    }

    /** Sends the INFORMATIONAL with REDIRECT (no nonce outside IKE_SA_INIT, RFC 5685 8.1). */
    static void initiate(Session s, IkeSa sa, IkeSa.PendingTask.Redirect task) {
        RedirectUnit.Gateway gw = RedirectUnit.Gateway.parse(task.gateway()).orElseThrow();
        sa.currentTask = task;
        s.log(EngineLog.Subsystem.IKE, sa, "redirecting peer " + sa.remote + " to " + gw);
        Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, List.of(RedirectUnit.redirect(gw, new byte[0])));
    }
}
