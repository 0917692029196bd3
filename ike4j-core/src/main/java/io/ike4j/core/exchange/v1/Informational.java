package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Informational exchanges (RFC 2409 5.7): HDR*, HASH(1), N/D with HASH(1) = prf(SKEYID_a, M-ID | N/D), verified before
 * anything is acted upon. Delete of ISAKMP and IPsec SAs (RFC 2408 3.15), error notifies, DPD R-U-THERE/ACK (RFC 3706).
 * Unprotected notifies are only believed while Phase 1 is not complete (as every implementation does).
 */
final class Informational {
    private Informational() {}

    static long newMessageId(V1Run r, IsakmpSa sa) {
        while (true) {
            long mid = ByteBuffer.wrap(r.random().bytes(4)).getInt() & 0xffffffffL;
            if (mid != 0 && !sa.ivs.containsKey(mid) && !sa.quickModes.containsKey(mid)) return mid;
        }
    }

    /** Sends HDR*, HASH(1), payloads in a fresh Informational exchange (no answer expected). */
    static void sendProtected(V1Run r, IsakmpSa sa, List<V1Payload> payloads) {
        long mid = newMessageId(r, sa);
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            List<V1Payload> ps = V1Transport.withHash(payloads, after -> V1KeySchedule.informationalHash(sa.prf, skeyidA, mid, after));
            V1Transport.send(r, sa, V1Transport.encrypted(sa, V1ExchangeType.INFORMATIONAL, mid, false, ps));
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
        sa.ivs.remove(mid);
    }

    static V1Payload.Notification notification(IsakmpSa sa, V1NotifyType type, byte[] data) {
        return new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.ISAKMP.value(), type.value(),
                Octets.of(sa.spi16()), Octets.of(data));
    }

    /** An error notify to the peer: protected if we may assume the peer has our keys, else in the clear. */
    static void notify(V1Run r, IsakmpSa sa, V1NotifyType type, boolean protect) {
        r.log(EngineLog.Subsystem.IKE, sa, "sending " + type + " notify");
        if (protect && sa.keys != null) {
            sendProtected(r, sa, List.of(notification(sa, type, new byte[0])));
        } else {
            long mid = newMessageId(r, sa);
            V1Transport.send(r, sa, V1Transport.plain(sa, V1ExchangeType.INFORMATIONAL, mid, List.of(notification(sa, type, new byte[0]))));
        }
    }

    /** A stateless answer to a first message we will not take up (RFC 2408 5). */
    static void plainAnswer(V1Run r, EngineInput.DatagramReceived in, IsakmpHeader request, V1NotifyType type) {
        byte[] spi = ByteBuffer.allocate(16).putLong(request.initiatorCookie()).putLong(0).array();
        V1Payload n = new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.ISAKMP.value(), type.value(),
                Octets.of(spi), Octets.EMPTY);
        long mid = ByteBuffer.wrap(r.random().bytes(4)).getInt() & 0xffffffffL;
        IsakmpHeader h = IsakmpHeader.of(request.initiatorCookie(), 0, V1ExchangeType.INFORMATIONAL, false, mid == 0 ? 1 : mid);
        r.emit(new EngineOutput.SendDatagram(in.local(), in.remote(), V1Transport.CODEC.encode(new IsakmpMessage(h, List.of(n)))));
    }

    static void deleteIsakmp(V1Run r, IsakmpSa sa) {
        sendProtected(r, sa, List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.ISAKMP.value(), 16,
                List.of(Octets.of(sa.spi16())))));
    }

    /** RFC 2408 3.15: we name the SA by the SPI we chose (our inbound), as strongSwan does. */
    static void deleteIpsec(V1Run r, IsakmpSa sa, IpsecSa c) {
        sendProtected(r, sa, List.of(new V1Payload.Delete(V1Payload.Sa.DOI_IPSEC, V1ProtocolId.IPSEC_ESP.value(), 4,
                List.of(Octets.of(ByteBuffer.allocate(4).putInt(c.inboundSpi()).array())))));
    }

    /** RFC 3706 5: R-U-THERE with the next sequence number; the peer must answer within dpd_timeout. */
    static void dpd(V1Run r, IsakmpSa sa) {
        if (sa.dpdOutstanding >= 0) return;
        if (sa.dpdSequence == 0) sa.dpdSequence = (ByteBuffer.wrap(r.random().bytes(4)).getInt() & 0x7fffffffL) + 1;
        sa.dpdSequence = (sa.dpdSequence + 1) & 0xffffffffL;
        sa.dpdOutstanding = sa.dpdSequence;
        sendProtected(r, sa, List.of(notification(sa, V1NotifyType.R_U_THERE, u32(sa.dpdSequence))));
        java.time.Duration timeout = sa.connection.dpdTimeout().isZero() ? java.time.Duration.ofSeconds(150) : sa.connection.dpdTimeout();
        r.startTimer(sa, TimerId.TimerKind.DPD, 1, timeout);
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    /** An Informational message for {@code sa}; returns without effect unless it is authentic (or Phase 1 is pending). */
    static void receive(V1Run r, IsakmpSa sa, IsakmpDatagram d) {
        if (d instanceof IsakmpDatagram.Plain p) {
            if (sa.established()) {
                r.log(EngineLog.Subsystem.ENC, sa, "ignoring unprotected Informational");
                return;
            }
            for (V1Payload.Notification n : p.message().all(V1Payload.Notification.class)) {
                if (n.notifyType() < 8192) {
                    V1Lifecycle.fail(r, sa, n.notifyType(), "peer sent " + n.type().map(Enum::name).orElse("notify " + n.notifyType()));
                    return;
                }
            }
            return;
        }
        IsakmpDatagram.Encrypted e = (IsakmpDatagram.Encrypted) d;
        long mid = e.header().messageId();
        Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
        Optional<byte[]> after = o.flatMap(V1Transport::afterHash);
        boolean authentic = false;
        if (after.isPresent() && mid != 0) {
            byte[] skeyidA = sa.keys.skeyidA();
            byte[] expected = V1KeySchedule.informationalHash(sa.prf, skeyidA, mid, after.get());
            Arrays.fill(skeyidA, (byte) 0);
            authentic = MessageDigest.isEqual(expected, ((V1Payload.Hash) o.get().payloads().getFirst()).data().bytes());
        }
        if (!authentic) {
            r.log(EngineLog.Subsystem.ENC, sa, "Informational with invalid HASH(1) dropped");
            if (!sa.established() && sa.isInitiator() && sa.step == IsakmpSa.Step.MM_WAIT_6) {
                V1Lifecycle.fail(r, sa, V1NotifyType.AUTHENTICATION_FAILED.value(),
                        "peer answered with a notify we cannot authenticate ("
                                + (V1SigAuth.isSignature(sa) ? "it refused our signature?" : "pre-shared key mismatch") + ")");
            }
            return;
        }
        for (V1Payload p : o.get().payloads()) {
            if (sa.step == IsakmpSa.Step.DESTROYED) return;
            switch (p) {
                case V1Payload.Delete del -> delete(r, sa, del);
                case V1Payload.Notification n -> notification(r, sa, n);
                default -> { }
            }
        }
    }

    private static void delete(V1Run r, IsakmpSa sa, V1Payload.Delete del) {
        if (del.protocolId() == V1ProtocolId.ISAKMP.value()) {
            if (del.spis().stream().anyMatch(s -> Arrays.equals(s.bytes(), sa.spi16()))) {
                V1Adoption.adoptChildren(r, sa); // a reauthenticating peer moved our IPsec SAs to its new ISAKMP SA
                V1Reestablish.peerDeletedIsakmp(r, sa); // close_action for what was not adopted
                V1Lifecycle.close(r, sa, "deleted by peer");
            } else { // RFC 2408 3.15: a peer deletes only SAs of its own; another ISAKMP SA's cookies are not its to name
                r.log(EngineLog.Subsystem.IKE, sa, "Delete for ISAKMP SA " + hex(del.spis()) + " not this one ignored");
            }
            return;
        }
        if (del.protocolId() != V1ProtocolId.IPSEC_ESP.value() || del.spiSize() != 4) {
            r.log(EngineLog.Subsystem.IKE, sa, "Delete of protocol " + del.protocolId() + " with SPI size " + del.spiSize() + " ignored");
            return;
        }
        List<IpsecSa> gone = new java.util.ArrayList<>();
        for (Octets s : del.spis()) {
            int spi = ByteBuffer.wrap(s.bytes()).getInt();
            boolean found = false;
            for (IpsecSa c : List.copyOf(sa.children)) {
                if (c.outboundSpi() == spi || c.inboundSpi() == spi) {
                    V1Lifecycle.removeChild(r, sa, c, "deleted by peer");
                    gone.add(c);
                    found = true;
                }
            }
            if (!found) { // only this ISAKMP SA's IPsec SAs are looked at: another peer's tunnel is never touched
                r.log(EngineLog.Subsystem.IKE, sa, "Delete for IPsec SA " + String.format("%08x", spi) + " not of this ISAKMP SA ignored");
            }
        }
        V1Reestablish.peerDeletedIpsec(r, sa, gone); // close_action
    }

    private static String hex(List<Octets> spis) {
        return spis.stream().map(o -> java.util.HexFormat.of().formatHex(o.bytes())).toList().toString();
    }

    private static void notification(V1Run r, IsakmpSa sa, V1Payload.Notification n) {
        int type = n.notifyType();
        if (type == V1NotifyType.R_U_THERE.value() && n.data().length() == 4) {
            sendProtected(r, sa, List.of(notification(sa, V1NotifyType.R_U_THERE_ACK, n.data().bytes())));
        } else if (type == V1NotifyType.R_U_THERE_ACK.value() && n.data().length() == 4) {
            long seq = ByteBuffer.wrap(n.data().bytes()).getInt() & 0xffffffffL;
            if (seq == sa.dpdOutstanding) {
                sa.dpdOutstanding = -1;
                r.cancelTimer(sa, TimerId.TimerKind.DPD, 1);
            }
        } else if (type < 8192) {
            r.log(EngineLog.Subsystem.IKE, sa, "received " + n.type().map(Enum::name).orElse("notify " + type));
            if (!sa.established()) {
                V1Lifecycle.fail(r, sa, type, "peer sent " + n.type().map(Enum::name).orElse("notify " + type));
            } else {
                QuickMode.failedByPeer(r, sa, type);
            }
        }
    }
}
