package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.CfgType;
import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.ModeCfgAttributeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.PasswordBackend;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.ModeCfgState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generic XAuth (draft-beaulieu-ike-xauth 4, strongSwan's {@code xauth-generic}) in Transaction exchanges after Phase 1:
 * <pre>
 *  server: REQUEST(USER_NAME, USER_PASSWORD)   client: REPLY(USER_NAME=u, USER_PASSWORD=p)
 *  server: SET(STATUS=1|0)                     client: ACK(STATUS)
 * </pre>
 * The server is the side whose remote rounds include {@code auth = xauth}; it checks the password against the EAP/XAuth
 * secrets ({@code secrets.xauth*}, which strongSwan stores as EAP secrets) of the user. A failure is SET as status 0,
 * and the ISAKMP SA is deleted once the client ACKs it; the client closes its SA when it ACKs status 0.
 */
final class XAuth {
    /** draft-beaulieu-ike-xauth 6.1: XAUTH-TYPE generic. */
    private static final int TYPE_GENERIC = 0;

    private XAuth() {}

    static boolean isServer(ConnectionConfig c) {
        return c.remoteRounds().stream().skip(1).anyMatch(a -> a.method() == AuthClass.XAUTH);
    }

    static Optional<AuthConfig> clientRound(ConnectionConfig c) {
        return c.localRounds().stream().skip(1).filter(a -> a.method() == AuthClass.XAUTH).findFirst();
    }

    /** Server, after Phase 1: ask for user name and password. */
    static void start(V1Run r, IsakmpSa sa) {
        sa.cfg.xauth = ModeCfgState.XauthStep.SERVER_ASKED;
        r.log(EngineLog.Subsystem.IKE, sa, "sending XAuth request for user name and password");
        Transaction.request(r, sa, ModeCfgState.Kind.XAUTH_REQUEST, CfgType.CFG_REQUEST, List.of(
                DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_NAME.value(), new byte[0]),
                DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_PASSWORD.value(), new byte[0])));
    }

    /** Server: the client's REPLY; verified, then SET with the status. */
    static void serverReply(V1Run r, IsakmpSa sa, V1Payload.Attribute a) {
        if (sa.cfg.xauth != ModeCfgState.XauthStep.SERVER_ASKED) return;
        Optional<DataAttribute> user = DataAttribute.find(a.attributes(), ModeCfgAttributeType.XAUTH_USER_NAME);
        Optional<DataAttribute> password = DataAttribute.find(a.attributes(), ModeCfgAttributeType.XAUTH_USER_PASSWORD);
        String name = user.map(u -> new String(u.value().bytes(), StandardCharsets.UTF_8)).orElse("");
        boolean ok = false;
        if (a.cfgType() == CfgType.CFG_REPLY.value() && user.isPresent() && password.isPresent() && !name.isEmpty()) {
            byte[] given = password.get().value().bytes();
            ok = verify(r, sa, name, given);
            Arrays.fill(given, (byte) 0);
        }
        sa.cfg.xauthOk = ok;
        sa.cfg.xauthUser = name;
        sa.cfg.xauth = ModeCfgState.XauthStep.SERVER_SET;
        r.log(EngineLog.Subsystem.IKE, sa, "XAuth authentication of '" + name + "' " + (ok ? "successful" : "failed"));
        Transaction.request(r, sa, ModeCfgState.Kind.XAUTH_SET, CfgType.CFG_SET,
                List.of(DataAttribute.basic(ModeCfgAttributeType.XAUTH_STATUS, ok ? 1 : 0)));
    }

    /**
     * The AAA backend decides when the XAUTH round names an EAP method: {@link EapMethod#RADIUS} ({@code xauth-radius})
     * with a PAP Access-Request ({@link PasswordBackend}), any other ({@code xauth-eap}) with an EAP-MD5 conversation
     * ({@link XAuthEap}). Otherwise any XAuth secret of {@code user} (or one without owners, as in strongSwan) equal
     * to {@code given}.
     */
    private static boolean verify(V1Run r, IsakmpSa sa, String user, byte[] given) {
        Optional<EapMethod> viaAaa = sa.connection.remoteRounds().stream().filter(a -> a.method() == AuthClass.XAUTH)
                .map(AuthConfig::eap).flatMap(Optional::stream).findFirst();
        if (viaAaa.isPresent()) {
            Optional<io.ike4j.core.config.EapBackend> backend = r.session.context().config().credentials().eapBackend();
            if (backend.isEmpty()) {
                r.log(EngineLog.Subsystem.IKE, sa, "XAuth via the AAA backend configured, but there is no backend");
                return false;
            }
            Optional<String> refused;
            if (viaAaa.get() == EapMethod.RADIUS) {
                if (!(backend.get() instanceof PasswordBackend pap)) {
                    r.log(EngineLog.Subsystem.IKE, sa, "XAuth via RADIUS configured, but the AAA backend cannot check passwords");
                    return false;
                }
                refused = pap.check(sa.connectionName(), sa.local.address(), sa.remote.address(), user, given);
            } else {
                refused = XAuthEap.verify(backend.get(), sa.connectionName(), sa.local.address(), sa.remote.address(), user, given);
            }
            refused.ifPresent(why -> r.log(EngineLog.Subsystem.IKE, sa, "AAA backend refused XAuth user '" + user + "': " + why));
            return refused.isEmpty();
        }
        return verifyLocal(r, user, given);
    }

    private static boolean verifyLocal(V1Run r, String user, byte[] given) {
        Identity id = AuthIdentities.parse(user).orElseGet(() -> Identity.fqdn(user));
        boolean ok = false;
        for (SharedSecret s : r.session.context().config().credentials().eapSecrets().secrets()) {
            if (!s.ids().isEmpty() && s.ids().stream().noneMatch(o -> o.matches(id) > Identity.MATCH_NONE)) continue;
            byte[] secret = s.secret();
            ok |= MessageDigest.isEqual(secret, given);
            Arrays.fill(secret, (byte) 0);
        }
        return ok;
    }

    /** Server: the client ACKed our SET; on failure the ISAKMP SA goes (with a Delete). */
    static void serverAcked(V1Run r, IsakmpSa sa) {
        if (sa.cfg.xauth != ModeCfgState.XauthStep.SERVER_SET) return;
        if (!sa.cfg.xauthOk) {
            Informational.deleteIsakmp(r, sa);
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(),
                    "XAuth authentication of '" + sa.cfg.xauthUser + "' failed");
            return;
        }
        sa.cfg.xauth = ModeCfgState.XauthStep.DONE;
        ModeConfig.afterXauth(r, sa);
    }

    /** Client: the gateway asks for our credentials. */
    static void clientRequest(V1Run r, IsakmpSa sa, long mid, byte[] datagram, V1Payload.Attribute a) {
        Optional<AuthConfig> round = clientRound(sa.connection);
        if (round.isEmpty() || sa.cfg.xauth != ModeCfgState.XauthStep.CLIENT_WAITING) {
            refuse(r, sa, "peer requested XAuth, but no local round with auth = xauth is configured (or XAuth is done)");
            return;
        }
        Optional<DataAttribute> type = DataAttribute.find(a.attributes(), ModeCfgAttributeType.XAUTH_TYPE);
        if (type.isPresent() && type.get().intValue() != TYPE_GENERIC) {
            refuse(r, sa, "peer requested XAuth type " + type.get().intValue() + "; only generic XAuth is supported");
            return;
        }
        String user = round.get().eapId().filter(s -> !s.isEmpty()).orElseGet(() -> sa.localId.toString());
        Identity userId = AuthIdentities.parse(user).orElseGet(() -> Identity.fqdn(user));
        Optional<SharedSecret> secret = r.session.context().config().credentials().eapSecrets().lookup(userId,
                sa.remoteId == null ? Identity.ANY : sa.remoteId);
        if (secret.isEmpty()) {
            refuse(r, sa, "no XAuth secret found for '" + user + "'");
            return;
        }
        sa.cfg.xauthUser = user;
        byte[] password = secret.get().secret();
        try {
            r.log(EngineLog.Subsystem.IKE, sa, "answering XAuth request as '" + user + "'");
            Transaction.answer(r, sa, mid, datagram, CfgType.CFG_REPLY, a.identifier(), List.of(
                    DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_NAME.value(), user.getBytes(StandardCharsets.UTF_8)),
                    DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_PASSWORD.value(), password)));
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Client: the gateway's verdict; ACKed in any case, then on to Mode Config / Quick Mode or down. */
    static void clientSet(V1Run r, IsakmpSa sa, long mid, byte[] datagram, V1Payload.Attribute a) {
        int status = DataAttribute.find(a.attributes(), ModeCfgAttributeType.XAUTH_STATUS).map(DataAttribute::intValue).orElse(0);
        Transaction.answer(r, sa, mid, datagram, CfgType.CFG_ACK, a.identifier(),
                List.of(DataAttribute.basic(ModeCfgAttributeType.XAUTH_STATUS, status == 1 ? 1 : 0)));
        if (sa.cfg.xauth != ModeCfgState.XauthStep.CLIENT_WAITING) return;
        if (status != 1) {
            r.log(EngineLog.Subsystem.IKE, sa, "XAuth authentication of '" + sa.cfg.xauthUser + "' (myself) failed");
            V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(),
                    "XAuth authentication of '" + sa.cfg.xauthUser + "' failed at the gateway");
            return;
        }
        r.log(EngineLog.Subsystem.IKE, sa, "XAuth authentication of '" + sa.cfg.xauthUser + "' (myself) successful");
        sa.cfg.xauth = ModeCfgState.XauthStep.DONE;
        ModeConfig.afterXauth(r, sa);
    }

    private static void refuse(V1Run r, IsakmpSa sa, String reason) {
        Informational.deleteIsakmp(r, sa);
        V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(), reason);
    }
}
