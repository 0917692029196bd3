package io.ike4j.core.exchange;

import io.ike4j.core.auth.eap.EapClientSession;
import io.ike4j.core.auth.eap.EapDecodeResult;
import io.ike4j.core.auth.eap.EapMd5Client;
import io.ike4j.core.auth.eap.EapMd5Server;
import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapMsChapV2Client;
import io.ike4j.core.auth.eap.EapMsChapV2Server;
import io.ike4j.core.auth.eap.EapPasswordLookup;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.eap.EapTlsClient;
import io.ike4j.core.auth.eap.EapTlsServer;
import io.ike4j.core.auth.eap.EapType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.EapPayload;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.sa.IkeSa;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * EAP in IKE_AUTH (RFC 7296 2.16): building the server and client conversations from the configuration
 * (local methods md5/mschapv2/tls, or the {@link io.ike4j.core.config.EapBackend} for eap-radius), EAP payload
 * decoding, and the AUTH payloads over the MSK (or SK_pi/SK_pr when the method derives none).
 */
public final class EapUnit {
    private EapUnit() {}

    /** strongSwan: {@code eap_id = %any} asks for the EAP identity; otherwise it is eap_id or the IKE identity. */
    public static boolean asksIdentity(AuthConfig remote) {
        return remote.eapId().map(id -> id.equals("%any") || id.equals("*")).orElse(false);
    }

    /** The responder's EAP conversation for the peer, or why none can be run. */
    public static Optional<EapServerSession> server(Session s, IkeSa sa, AuthConfig remote, Identity localId, Identity peerId) {
        Credentials cred = s.context().config().credentials();
        RandomSource random = s.context().random();
        EapPasswordLookup lookup = user -> password(cred, localId, user);
        String serverName = localId.toString();
        EapServerSession.Builder b = EapServerSession.builder().firstIdentifier(random.bytes(1)[0]);
        if (asksIdentity(remote)) {
            b.requestIdentity(true);
        } else {
            b.requestIdentity(false).identity(remote.eapId().orElse(peerId.toString()).getBytes(StandardCharsets.UTF_8));
        }
        EapMethod m = remote.eap().orElse(EapMethod.ANY);
        if (m == EapMethod.RADIUS) {
            if (cred.eapBackend().isEmpty()) return Optional.empty();
            // a pass-through method sees every Response including the Identity one
            b.requestIdentity(asksIdentity(remote));
            b.method(EapServerMethod.PASS_THROUGH, () -> cred.eapBackend().get().open(sa.connectionName(),
                    sa.local.address(), sa.remote.address()));
            return Optional.of(b.build());
        }
        boolean any = m == EapMethod.ANY;
        if (m == EapMethod.MSCHAPV2 || any) {
            b.method(EapType.MSCHAPV2.value(), () -> new EapMsChapV2Server(random, lookup, serverName));
        }
        if ((m == EapMethod.TLS || any) && cred.eapTls().isPresent()) {
            b.method(EapType.TLS.value(), () -> new EapTlsServer(remote.eapTls(cred.eapTls().get())));
        }
        if (m == EapMethod.MD5 || any) b.method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Server(random, lookup, serverName));
        if (m == EapMethod.TLS && cred.eapTls().isEmpty()) return Optional.empty();
        return Optional.of(b.build());
    }

    /** The initiator's EAP conversation: its EAP identity and the methods it has credentials for. */
    public static EapClientSession client(Session s, AuthConfig local, Identity localId, Identity peerId) {
        Credentials cred = s.context().config().credentials();
        String user = local.eapId().orElse(localId.toString());
        EapClientSession.Builder b = EapClientSession.builder(user.getBytes(StandardCharsets.UTF_8));
        EapMethod m = local.eap().orElse(EapMethod.ANY);
        boolean any = m == EapMethod.ANY || m == EapMethod.RADIUS;
        Optional<String> pw = password(cred, peerId, user);
        RandomSource random = s.context().random();
        if ((m == EapMethod.MSCHAPV2 || any) && pw.isPresent()) {
            b.method(EapType.MSCHAPV2.value(), () -> new EapMsChapV2Client(random, user, pw.get()));
        }
        if ((m == EapMethod.TLS || any) && cred.eapTls().isPresent()) {
            b.method(EapType.TLS.value(), () -> new EapTlsClient(cred.eapTls().get()));
        }
        if ((m == EapMethod.MD5 || any) && pw.isPresent()) b.method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Client(user, pw.get()));
        return b.build();
    }

    /** The EAP secret of {@code user} (swanctl {@code secrets.eap*}), scored against both identities. */
    static Optional<String> password(Credentials cred, Identity other, String user) {
        Identity userId = AuthIdentities.parse(user).orElse(Identity.fqdn(user));
        Optional<SharedSecret> sec = cred.eapSecrets().lookup(userId, other);
        if (sec.isEmpty()) return Optional.empty();
        boolean forUser = sec.get().ids().isEmpty()
                || sec.get().ids().stream().anyMatch(i -> i.matches(userId) != Identity.MATCH_NONE);
        if (!forUser) return Optional.empty();
        byte[] b = sec.get().secret();
        try {
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** The EAP message of an IKE message, if present and well-formed. */
    public static Optional<EapMessage> message(IkeMessage m) {
        return m.first(EapPayload.class).flatMap(p -> EapMessage.decode(p.message()) instanceof EapDecodeResult.Decoded d
                ? Optional.of(d.message()) : Optional.empty());
    }

    public static EapPayload payload(EapMessage m) {
        return new EapPayload(m.encode());
    }

    /**
     * RFC 7296 2.16: the AUTH key after EAP is the MSK, or SK_pi (initiator's AUTH) / SK_pr (responder's AUTH) when
     * the method derived none. The caller wipes the result.
     */
    public static byte[] authKey(IkeSa sa, boolean initiatorsAuth) {
        if (sa.auth.msk != null) return sa.auth.msk.clone();
        return initiatorsAuth ? sa.keys.skPi() : sa.keys.skPr();
    }

    /** AUTH payload (PSK-style MAC) keyed as {@link #authKey}. */
    public static io.ike4j.core.codec.payload.AuthenticationPayload auth(IkeSa sa, boolean initiatorsAuth, byte[] octets) {
        byte[] key = authKey(sa, initiatorsAuth);
        try {
            return PskAuthUnit.payload(Prf.of(sa.transforms.prf()), key, octets);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public static boolean verify(IkeSa sa, boolean initiatorsAuth, byte[] octets, io.ike4j.core.codec.payload.AuthenticationPayload p) {
        byte[] key = authKey(sa, initiatorsAuth);
        try {
            return PskAuthUnit.verify(Prf.of(sa.transforms.prf()), key, octets, p);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
