package io.ike4j.core.exchange.v1;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.Phase2Suite;
import io.ike4j.core.sa.v1.QuickModeState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Installing a negotiated IPsec SA pair: KEYMAT per direction (RFC 2409 5.5: each SA keyed with the SPI its receiver
 * chose, so our inbound SA uses our SPI), split into cipher key (with GCM salt) and integrity key, handed to the data
 * plane as a {@link ChildSaSpec}; lifetime timers (initiator re-runs Quick Mode at the soft limit).
 */
final class QuickModeInstall {
    private QuickModeInstall() {}

    /** As the Quick Mode initiator, at message 2. */
    static void install(V1Run r, IsakmpSa sa, QuickModeState qm) {
        install(r, sa, qm, V1Handover.defersOutbound(sa, qm.rekeyOf));
    }

    /**
     * Installs the pair; {@code outboundDeferred}: a rekey, whose outbound SA the data plane uses only once the pair it
     * replaces is gone. A responder's, since the initiator may still be sending on the old pair until it has message 2;
     * our own rekey's or reauthentication's, since the responder may install only when message 3 arrives
     * ({@link V1Handover}).
     */
    static void install(V1Run r, IsakmpSa sa, QuickModeState qm, boolean outboundDeferred) {
        Phase2Suite s = qm.suite;
        byte[] skeyidD = sa.keys.skeyidD();
        Optional<byte[]> g = qm.sharedSecret.length == 0 ? Optional.empty() : Optional.of(qm.sharedSecret);
        int proto = V1ProtocolId.IPSEC_ESP.value();
        byte[] in = V1KeySchedule.keymat(sa.prf, skeyidD, g, proto, spi(qm.inboundSpi), qm.ni, qm.nr, s.keymatLength());
        byte[] out = V1KeySchedule.keymat(sa.prf, skeyidD, g, proto, spi(qm.outboundSpi), qm.ni, qm.nr, s.keymatLength());
        Arrays.fill(skeyidD, (byte) 0);
        int e = s.encryptionKeyLength();
        ChildSaSpec.DirectionKeys inbound = keys(qm.inboundSpi, s, in, e);
        ChildSaSpec.DirectionKeys outbound = keys(qm.outboundSpi, s, out, e);
        Arrays.fill(in, (byte) 0);
        Arrays.fill(out, (byte) 0);
        ChildConfig c = qm.child;
        long hard = qm.lifetimeSeconds;
        // our own configured life keeps its precision; the rekey comes before it (at 90% if rekey_time is not earlier)
        Duration hardIn = hard == c.lifeTime().toSeconds() && !c.lifeTime().isZero() ? c.lifeTime() : Duration.ofSeconds(hard);
        Duration softIn = c.rekeyTime().compareTo(hardIn) < 0 && !c.rekeyTime().isZero() ? c.rekeyTime()
                : hardIn.minus(hardIn.dividedBy(10));
        long soft = softIn.toSeconds();
        V1Lifetimes.ByteLimits bytes = V1Lifetimes.byteLimits(c, qm.lifetimeKilobytes); // RFC 2407 4.5 kilobytes
        ChildSaSpec spec = new ChildSaSpec(sa.id(), qm.childId, sa.connectionName(), c.name(),
                c.reqid() != 0 ? c.reqid() : (int) qm.childId, ProtocolId.ESP,
                qm.transport ? ChildSaSpec.Mode.TRANSPORT : ChildSaSpec.Mode.TUNNEL, sa.local, sa.remote,
                qm.udpEncapsulation, false, c.replayWindow(), inbound, outbound, qm.localTs, qm.remoteTs,
                new ChildSaSpec.Lifetimes(soft, hard, bytes.soft(), bytes.hard(), c.rekeyPackets(), c.lifePackets()));
        IpsecSa child = new IpsecSa(qm.childId, c, qm.inboundSpi, qm.outboundSpi, s, qm.transport, qm.udpEncapsulation,
                qm.localTs, qm.remoteTs, hard, r.now().getEpochSecond());
        qm.wipe();
        qm.outboundDeferred = outboundDeferred;
        sa.children.add(child);
        r.emit(new EngineOutput.InstallChildSa(spec, outboundDeferred));
        r.log(EngineLog.Subsystem.CHILD, sa, String.format("CHILD_SA %s{%d} established with SPIs %08x_i %08x_o",
                c.name(), child.id(), child.inboundSpi(), child.outboundSpi()));
        r.event(new SaEvent.ChildSaEstablished(sa.id(), sa.connectionName(), child.id(), c.name(), V1Infos.child(sa, child)));
        V1Infos.replacedBy(sa, child).ifPresent(old -> r.event(new SaEvent.ChildSaRekeyed(sa.id(), sa.connectionName(),
                old.id(), child.id(), c.name(), V1Infos.child(sa, child))));
        if (!hardIn.isZero()) r.startTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, child.id(), hardIn);
        if (qm.initiator && !softIn.isZero() && softIn.compareTo(hardIn) < 0) {
            r.startTimer(sa, TimerId.TimerKind.CHILD_REKEY, child.id(), softIn);
        }
        Phase1.replacedDone(r, sa);
        if (qm.rekeyOf >= 0) { // the replaced pair goes after a grace period (no need to keep it until it expires)
            sa.children.stream().filter(o -> o.id() == qm.rekeyOf).findFirst().ifPresent(old -> V1Handover.retire(r, sa, old));
        }
    }

    private static ChildSaSpec.DirectionKeys keys(int spi, Phase2Suite s, byte[] keymat, int encLen) {
        byte[] enc = Arrays.copyOf(keymat, encLen);
        byte[] integ = Arrays.copyOfRange(keymat, encLen, keymat.length);
        try {
            return new ChildSaSpec.DirectionKeys(spi, s.encryption(), s.keyBits(), s.integrity(), enc, integ);
        } finally {
            Arrays.fill(enc, (byte) 0);
            Arrays.fill(integ, (byte) 0);
        }
    }

    private static byte[] spi(int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }
}
