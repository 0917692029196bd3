package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.v1.V1Cipher;
import io.ike4j.core.crypto.v1.V1Ivs;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.crypto.v1.V1Prf;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What Main and Aggressive Mode share (RFC 2409 5): key derivation, HASH_I/HASH_R, identities, coming up. */
final class Phase1 {
    private Phase1() {}

    /** Connections that may answer an IKEv1 request on {@code local} from {@code remote}, best address match first. */
    static List<ConnectionConfig> candidates(V1Run r, Endpoint local, Endpoint remote) {
        return r.session.context().config().connections().stream()
                .filter(c -> c.version() != 2)
                .filter(c -> AddressMatch.best(c.localAddrs(), local.address()) > 0
                        && AddressMatch.best(c.remoteAddrs(), remote.address()) > 0)
                .sorted(Comparator.comparingInt((ConnectionConfig c) -> -(AddressMatch.best(c.localAddrs(), local.address())
                        + AddressMatch.best(c.remoteAddrs(), remote.address())))).toList();
    }

    /** A new initiator SA for {@code c}, or empty (and IkeSaFailed) if there is no address to send to. */
    static Optional<IsakmpSa> newInitiator(V1Run r, ConnectionConfig c, String child) {
        Optional<InetAddress> remoteIp = AddressMatch.firstConcrete(c.remoteAddrs());
        long id = r.nextId();
        if (remoteIp.isEmpty()) {
            r.event(new SaEvent.IkeSaFailed(id, c.name(), 0, "no concrete remote address to initiate to"));
            return Optional.empty();
        }
        InetAddress localIp = AddressMatch.firstConcrete(c.localAddrs()).orElseGet(() -> source(r, c, remoteIp.get()));
        IsakmpSa sa = new IsakmpSa(id, true, c, r.table.newCookie(r.random()));
        sa.local = new Endpoint(localIp, c.localPort());
        sa.remote = new Endpoint(remoteIp.get(), c.remotePort());
        sa.requestedChild = child != null ? child : c.children().isEmpty() ? null : c.children().getFirst().name();
        sa.localId = c.localIdentity(localIp);
        if (r.onNewInitiator != null) r.onNewInitiator.accept(sa);
        return Optional.of(sa);
    }

    /** As the IKEv2 engine: the routed source address if local_addrs allows it (NAT-D hashes need it), else the wildcard. */
    private static InetAddress source(V1Run r, ConnectionConfig c, InetAddress remote) {
        return r.session.context().sourceAddresses().sourceFor(remote)
                .filter(a -> a.getAddress().length == remote.getAddress().length && !a.isAnyLocalAddress())
                .filter(a -> AddressMatch.best(c.localAddrs(), a) != AddressMatch.NONE)
                .orElseGet(() -> wildcard(remote));
    }

    private static InetAddress wildcard(InetAddress like) {
        try {
            return InetAddress.getByAddress(new byte[like.getAddress().length]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the negotiated hash and cipher; false if either is unavailable. */
    static boolean algorithms(IsakmpSa sa) {
        Optional<V1Prf> prf = V1Prf.of(sa.suite.hash());
        Optional<V1Cipher> cipher = V1Cipher.of(sa.suite.encryption(), sa.suite.keyBits());
        if (prf.isEmpty() || cipher.isEmpty()) return false;
        sa.prf = prf.get();
        sa.cipher = cipher.get();
        return true;
    }

    /** The pre-shared key for (local, remote) identities (RFC 2409 5.4), copied into the SA; true for signatures. */
    static boolean psk(V1Run r, IsakmpSa sa, Identity local, Identity remote) {
        if (V1SigAuth.isSignature(sa)) return true;
        Optional<SharedSecret> s = r.session.context().config().credentials().sharedKeys().lookup(local, remote);
        if (s.isEmpty()) return false;
        sa.psk = s.get().secret();
        return true;
    }

    /**
     * RFC 2409 5: SKEYID (PSK: prf(pre-shared-key, Ni_b | Nr_b); signatures: prf(Ni_b | Nr_b, g^xy)), SKEYID_d/a/e, Ka,
     * and the Phase 1 IV hash(g^xi | g^xr) (Appendix B).
     */
    static void deriveKeys(IsakmpSa sa) {
        byte[] skeyid = V1SigAuth.isSignature(sa) ? V1KeySchedule.skeyidSignature(sa.prf, sa.ni, sa.nr, sa.sharedSecret)
                : V1KeySchedule.skeyidPreSharedKey(sa.prf, sa.psk, sa.ni, sa.nr);
        try {
            sa.keys = V1KeySchedule.phase1(sa.prf, skeyid, sa.sharedSecret, sa.cookieI, sa.cookieR, sa.cipher.keyLength());
        } finally {
            Arrays.fill(skeyid, (byte) 0);
        }
        byte[] iv = V1Ivs.phase1(sa.prf, sa.gxi, sa.gxr, sa.cipher.blockSize());
        sa.ivs.put(0L, iv);
        sa.phase1LastBlock = iv.clone();
        Arrays.fill(sa.sharedSecret, (byte) 0);
    }

    /** HASH_I (initiator's) or HASH_R over the given ID payload body. */
    static byte[] hash(IsakmpSa sa, boolean ofInitiator, V1Payload.Identification id) {
        return hash(sa, ofInitiator, id, sa.prf);
    }

    /** HASH_I or HASH_R computed with {@code prf} (ECDSA: the method's hash, RFC 4754 as strongSwan implements it). */
    static byte[] hash(IsakmpSa sa, boolean ofInitiator, V1Payload.Identification id, V1Prf prf) {
        byte[] skeyid = sa.keys.skeyid();
        byte[] body = V1Transport.CODEC.encodeBody(id);
        try {
            return ofInitiator
                    ? V1KeySchedule.hashI(prf, skeyid, sa.gxi, sa.gxr, sa.cookieI, sa.cookieR, sa.saiBody, body)
                    : V1KeySchedule.hashR(prf, skeyid, sa.gxi, sa.gxr, sa.cookieI, sa.cookieR, sa.saiBody, body);
        } finally {
            Arrays.fill(skeyid, (byte) 0);
        }
    }

    static boolean verify(IsakmpSa sa, boolean ofInitiator, V1Payload.Identification id, V1Payload.Hash h) {
        return MessageDigest.isEqual(hash(sa, ofInitiator, id), h.data().bytes());
    }

    /** The peer's identity if it is acceptable for the connection (RFC 2409 5: it must match what we expect). */
    static Optional<Identity> peerIdentity(IsakmpSa sa, V1Payload.Identification id) {
        Optional<Identity> i = V1Ids.identity(id);
        if (i.isEmpty() || sa.connection.remoteIdentity().matches(i.get()) == Identity.MATCH_NONE) return Optional.empty();
        return i;
    }

    static V1Payload initialContact(IsakmpSa sa) {
        return new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.ISAKMP.value(),
                V1NotifyType.INITIAL_CONTACT.value(), Octets.of(sa.spi16()), Octets.EMPTY);
    }

    static boolean hasInitialContact(List<V1Payload> ps) {
        return ps.stream().anyMatch(p -> p instanceof V1Payload.Notification n
                && n.notifyType() == V1NotifyType.INITIAL_CONTACT.value());
    }

    /** A received message came from a new address or port (NAT-T float, RFC 3947 4): follow it. */
    static void follow(IsakmpSa sa, Endpoint local, Endpoint remote) {
        sa.local = local;
        sa.remote = remote;
    }

    /** Phase 1 is complete: event, timers (NAT keepalive, DPD, lifetime), INITIAL-CONTACT, XAuth/Mode Config, first Quick Mode. */
    static void established(V1Run r, IsakmpSa sa, boolean peerInitialContact) {
        sa.step = IsakmpSa.Step.ESTABLISHED;
        sa.establishedAtEpochSecond = Math.max(1, r.now().getEpochSecond());
        r.table.halfOpenDone(sa);
        r.cancelTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0);
        Arrays.fill(sa.psk, (byte) 0);
        r.log(EngineLog.Subsystem.IKE, sa, String.format("IKE_SA %s[%d] established (IKEv1 %s Mode) between %s[%s]...%s[%s]",
                sa.connectionName(), sa.id(), sa.aggressive ? "Aggressive" : "Main", sa.local, sa.localId, sa.remote, sa.remoteId));
        r.event(new SaEvent.IkeSaEstablished(sa.id(), sa.connectionName(), V1Infos.ike(sa)));
        if (sa.natLocal) r.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, r.settings().natKeepalive());
        if (sa.peerDpd && !sa.connection.dpdDelay().isZero()) r.startTimer(sa, TimerId.TimerKind.DPD, 0, sa.connection.dpdDelay());
        if (sa.lifetimeSeconds > 0) r.startTimer(sa, TimerId.TimerKind.IKE_EXPIRE, 0, java.time.Duration.ofSeconds(sa.lifetimeSeconds));
        if (peerInitialContact) V1Lifecycle.replaceOthers(r, sa);
        java.time.Duration reauth = !sa.connection.reauthTime().isZero() ? sa.connection.reauthTime() : sa.connection.rekeyTime();
        if (sa.isInitiator() && !reauth.isZero()) r.startTimer(sa, TimerId.TimerKind.IKE_REKEY, 0, reauth);
        ModeConfig.afterPhase1(r, sa); // XAuth, Mode Config, then the first Quick Mode
    }

    /** A reauthenticating SA is up (with its IPsec SA, if any): the one it replaces is deleted. */
    static void replacedDone(V1Run r, IsakmpSa sa) {
        if (sa.replaces < 0) return;
        r.replaced.add(sa.replaces);
        sa.replaces = -1;
    }

    static void keepalive(V1Run r, IsakmpSa sa) {
        if (!sa.natLocal || !sa.established()) return;
        r.emit(new EngineOutput.SendKeepalive(sa.local, sa.remote));
        r.startTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0, r.settings().natKeepalive());
    }
}
