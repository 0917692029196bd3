package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.CfgType;
import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.ModeCfgAttributeType;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Result;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.ModeCfgState;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ISAKMP Transaction exchange (exchange type 6, draft-dukes-ike-mode-cfg 3.3) that carries XAuth and Mode Config:
 * <pre>
 *  HDR*, HASH, ATTR(REQUEST|SET)  -->
 *                                 <--  HDR*, HASH, ATTR(REPLY|ACK)
 * </pre>
 * HASH = prf(SKEYID_a, M-ID | ATTR) in both directions (as HASH(1) of Informational exchanges, strongSwan's reading
 * of the draft); each exchange has its own message ID and CBC chain seeded from the last Phase 1 block (RFC 2409
 * Appendix B). Messages are decrypted and their hash verified before anything is acted upon; the answer repeats the
 * request's identifier. Requests are retransmitted until answered, copies of a request get the same answer.
 */
final class Transaction {
    private Transaction() {}

    /** Starts a Transaction exchange with {@code type} (REQUEST or SET); returns its message ID. */
    static long request(V1Run r, IsakmpSa sa, ModeCfgState.Kind kind, CfgType type, List<DataAttribute> attributes) {
        long mid;
        do {
            mid = Informational.newMessageId(r, sa);
        } while (sa.cfg.pending.containsKey(mid));
        int identifier = sa.cfg.identifier();
        sa.cfg.pending.put(mid, kind);
        sa.cfg.identifiers.put(mid, identifier);
        V1Transport.sendRequest(r, sa, mid, protect(sa, mid, new V1Payload.Attribute(type.value(), identifier, attributes)));
        return mid;
    }

    /** Answers the peer's request {@code mid} (REPLY or ACK); the answer is kept for retransmitted copies. */
    static void answer(V1Run r, IsakmpSa sa, long mid, byte[] request, CfgType type, int identifier, List<DataAttribute> attributes) {
        byte[] msg = protect(sa, mid, new V1Payload.Attribute(type.value(), identifier, attributes));
        V1Transport.remember(sa, request, msg);
        V1Transport.send(r, sa, msg);
        sa.ivs.remove(mid);
    }

    private static byte[] protect(IsakmpSa sa, long mid, V1Payload.Attribute attribute) {
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            List<V1Payload> ps = V1Transport.withHash(List.of(attribute),
                    after -> V1KeySchedule.informationalHash(sa.prf, skeyidA, mid, after));
            return V1Transport.encrypted(sa, V1ExchangeType.TRANSACTION, mid, false, ps);
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
    }

    /**
     * A Transaction message for an SA whose Phase 1 is not complete yet (lock held; found by both cookies): a gateway
     * sends its XAuth request right behind Main Mode message 6, and it may be handled first. Kept (a few, from the
     * SA's peer, once each) and processed like any other, HASH(1) checked, when Phase 1 completes
     * ({@link #processEarly}); dropped otherwise.
     */
    static void early(V1Run r, IsakmpSa sa, Endpoint from, IsakmpDatagram d, byte[] datagram) {
        boolean keyed = sa.keys != null && sa.step != IsakmpSa.Step.DELETING && sa.step != IsakmpSa.Step.DESTROYED;
        if (!(d instanceof IsakmpDatagram.Encrypted) || d.header().messageId() == 0 || !keyed
                || !from.address().equals(sa.remote.address())) {
            r.log(EngineLog.Subsystem.ENC, sa, "unprotected or early Transaction message dropped");
            return;
        }
        if (sa.earlyTransactions.stream().anyMatch(q -> Arrays.equals(q, datagram))) return; // a retransmit
        if (sa.earlyTransactions.size() >= IsakmpSa.EARLY_TRANSACTIONS) {
            r.log(EngineLog.Subsystem.ENC, sa, "Transaction message before Phase 1 completed dropped: "
                    + IsakmpSa.EARLY_TRANSACTIONS + " queued already");
            return;
        }
        sa.earlyTransactions.add(datagram.clone());
        r.log(EngineLog.Subsystem.ENC, sa, "Transaction message before Phase 1 completed, queued until it does");
    }

    /** Phase 1 just completed: the Transaction messages that came before it, in their order. */
    static void processEarly(V1Run r, IsakmpSa sa) {
        List<byte[]> queued = List.copyOf(sa.earlyTransactions);
        sa.earlyTransactions.clear();
        for (byte[] d : queued) {
            if (!sa.established()) return; // the SA failed on an earlier one
            if (V1Transport.CODEC.decode(d) instanceof V1Result.Decoded<IsakmpDatagram> dec) {
                r.log(EngineLog.Subsystem.ENC, sa, "processing the Transaction message queued before Phase 1 completed");
                if (!V1Transport.resendAnswer(r, sa, d)) process(r, sa, dec.value(), d);
            }
        }
    }

    /** A Transaction message for an SA past Phase 1 (lock held, retransmitted copies answered already). */
    static void process(V1Run r, IsakmpSa sa, IsakmpDatagram d, byte[] datagram) {
        long mid = d.header().messageId();
        if (!(d instanceof IsakmpDatagram.Encrypted e) || mid == 0 || !sa.established()) {
            r.log(EngineLog.Subsystem.ENC, sa, "unprotected or early Transaction message dropped");
            return;
        }
        Optional<V1Transport.Opened> o = V1Transport.open(sa, e);
        Optional<byte[]> after = o.flatMap(V1Transport::afterHash);
        if (after.isEmpty() || !authentic(sa, mid, after.get(), (V1Payload.Hash) o.get().payloads().getFirst())) {
            r.log(EngineLog.Subsystem.ENC, sa, "Transaction message with invalid HASH dropped");
            return;
        }
        Optional<V1Payload.Attribute> attr = o.get().message().first(V1Payload.Attribute.class);
        if (attr.isEmpty()) {
            r.log(EngineLog.Subsystem.ENC, sa, "Transaction message without Attribute payload dropped");
            return;
        }
        V1Transport.commitIv(sa, o.get());
        V1Payload.Attribute a = attr.get();
        ModeCfgState.Kind ours = sa.cfg.pending.get(mid);
        if (ours != null) {
            // the identifier is not checked: strongSwan ACKs XAuth with identifier 0
            V1Transport.answered(r, sa, mid);
            sa.cfg.pending.remove(mid);
            sa.cfg.identifiers.remove(mid);
            sa.ivs.remove(mid);
            switch (ours) {
                case XAUTH_REQUEST -> XAuth.serverReply(r, sa, a);
                case XAUTH_SET -> XAuth.serverAcked(r, sa);
                case CFG_REQUEST -> ModeConfig.clientReply(r, sa, a);
                case CFG_SET -> ModeConfig.serverAcked(r, sa);
            }
            return;
        }
        boolean xauth = a.attributes().stream().anyMatch(x -> x.type() >= ModeCfgAttributeType.XAUTH_TYPE.value()
                && x.type() <= ModeCfgAttributeType.XAUTH_ANSWER.value());
        Optional<CfgType> type = CfgType.of(a.cfgType());
        if (type.isPresent() && type.get() == CfgType.CFG_REQUEST) {
            if (xauth) XAuth.clientRequest(r, sa, mid, datagram, a);
            else ModeConfig.serverRequest(r, sa, mid, datagram, a);
        } else if (type.isPresent() && type.get() == CfgType.CFG_SET) {
            if (xauth) XAuth.clientSet(r, sa, mid, datagram, a);
            else ModeConfig.clientSet(r, sa, mid, datagram, a);
        } else {
            r.log(EngineLog.Subsystem.IKE, sa, "unexpected Transaction " + type.map(Enum::name).orElse("type " + a.cfgType()) + " ignored");
            sa.ivs.remove(mid);
        }
    }

    private static boolean authentic(IsakmpSa sa, long mid, byte[] after, V1Payload.Hash hash) {
        byte[] skeyidA = sa.keys.skeyidA();
        try {
            return MessageDigest.isEqual(V1KeySchedule.informationalHash(sa.prf, skeyidA, mid, after), hash.data().bytes());
        } finally {
            Arrays.fill(skeyidA, (byte) 0);
        }
    }

    /** Our request went unanswered: the SA is of no use without XAuth / Mode Config. */
    static boolean timedOut(V1Run r, IsakmpSa sa, long mid) {
        ModeCfgState.Kind kind = sa.cfg.pending.remove(mid);
        if (kind == null) return false;
        V1Lifecycle.close(r, sa, "peer did not answer " + (kind.name().startsWith("XAUTH") ? "XAuth" : "Mode Config"));
        return true;
    }
}
