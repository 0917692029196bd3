package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.DecryptedPayloads;
import io.ike4j.core.codec.v1.IsakmpCodec;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Result;
import io.ike4j.core.crypto.v1.V1Ivs;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Sending and receiving ISAKMP messages of one SA: encryption with the RFC 2409 Appendix B IV chains (one per message
 * ID, Phase 2 chains seeded from the last Phase 1 block), retransmission of our last message of an exchange on
 * timeout, and the cached answer to a retransmitted request (byte-identical copies only).
 */
final class V1Transport {
    static final IsakmpCodec CODEC = new IsakmpCodec();

    private V1Transport() {}

    /** A message in the clear (Phase 1 messages 1-4, error notifies before keys exist). */
    static byte[] plain(IsakmpSa sa, V1ExchangeType exchange, long mid, List<V1Payload> payloads) {
        return CODEC.encode(new IsakmpMessage(IsakmpHeader.of(sa.cookieI, sa.cookieR, exchange, false, mid), payloads));
    }

    /** The IV this SA uses next for {@code mid}: the chain's current value, or a fresh Phase 2 IV (RFC 2409 Appendix B). */
    static byte[] ivFor(IsakmpSa sa, long mid) {
        byte[] iv = sa.ivs.get(mid);
        if (iv != null) return iv.clone();
        return V1Ivs.phase2(sa.prf, sa.phase1LastBlock, mid, sa.cipher.blockSize());
    }

    /** HDR* with the payloads encrypted; the chain for {@code mid} continues from the last ciphertext block. */
    static byte[] encrypted(IsakmpSa sa, V1ExchangeType exchange, long mid, boolean commit, List<V1Payload> payloads) {
        byte[] plaintext = sa.cipher.pad(CODEC.encodePayloads(payloads));
        byte[] key = sa.keys.encryptionKey();
        try {
            byte[] ct = sa.cipher.encrypt(key, ivFor(sa, mid), plaintext);
            sa.ivs.put(mid, V1Ivs.next(ct, sa.cipher.blockSize()));
            IsakmpHeader h = new IsakmpHeader(sa.cookieI, sa.cookieR, 0, 1, 0, exchange.value(), true, commit, false, mid, 0);
            return CODEC.encodeEncrypted(h, IsakmpCodec.firstType(payloads), ct);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** A decrypted message: its payloads, the plaintext chain (for HASH checks) and the IV to commit if it is accepted. */
    record Opened(IsakmpHeader header, List<V1Payload> payloads, byte[] chain, byte[] nextIv) {
        IsakmpMessage message() {
            return new IsakmpMessage(header, payloads);
        }
    }

    /** Decrypts without touching the IV chain; empty if the SA has no keys or the plaintext does not parse. */
    static Optional<Opened> open(IsakmpSa sa, IsakmpDatagram.Encrypted e) {
        if (sa.keys == null || sa.cipher == null) return Optional.empty();
        byte[] ct = e.ciphertext().bytes();
        byte[] key = sa.keys.encryptionKey();
        try {
            Optional<byte[]> pt = sa.cipher.decrypt(key, ivFor(sa, e.header().messageId()), ct);
            if (pt.isEmpty()) return Optional.empty();
            V1Result<DecryptedPayloads> r = CODEC.decodePayloads(e.header().nextPayload(), pt.get());
            if (!(r instanceof V1Result.Decoded<DecryptedPayloads> d)) return Optional.empty();
            byte[] chain = Arrays.copyOf(pt.get(), d.value().chainLength());
            Arrays.fill(pt.get(), (byte) 0);
            return Optional.of(new Opened(e.header(), d.value().payloads(), chain, V1Ivs.next(ct, sa.cipher.blockSize())));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    static void commitIv(IsakmpSa sa, Opened o) {
        sa.ivs.put(o.header().messageId(), o.nextIv());
    }

    /**
     * RFC 2409 5.5/5.7: the bytes the HASH payload protects, i.e. the chain after a leading HASH payload; empty if the
     * message does not start with one.
     */
    static Optional<byte[]> afterHash(Opened o) {
        if (o.payloads().isEmpty() || !(o.payloads().getFirst() instanceof V1Payload.Hash h)) return Optional.empty();
        int skip = 4 + h.data().length();
        if (skip > o.chain().length) return Optional.empty();
        return Optional.of(Arrays.copyOfRange(o.chain(), skip, o.chain().length));
    }

    /** Payloads preceded by a HASH payload computed over their encoding by {@code hash}. */
    static List<V1Payload> withHash(List<V1Payload> rest, java.util.function.Function<byte[], byte[]> hash) {
        List<V1Payload> out = new ArrayList<>();
        out.add(new V1Payload.Hash(io.ike4j.core.codec.v1.Octets.of(hash.apply(CODEC.encodePayloads(rest)))));
        out.addAll(rest);
        return out;
    }

    static void send(V1Run r, IsakmpSa sa, byte[] datagram) {
        for (byte[] d : V1Fragmentation.split(r, sa, datagram)) r.emit(new EngineOutput.SendDatagram(sa.local, sa.remote, d));
    }

    /** Sends a message that the peer must answer; it is retransmitted on timeout (RFC 2408 5, strongSwan's schedule). */
    static void sendRequest(V1Run r, IsakmpSa sa, long mid, byte[] datagram) {
        send(r, sa, datagram);
        sa.outstanding.put(mid, new IsakmpSa.Outstanding(datagram, 0));
        r.startTimer(sa, TimerId.TimerKind.RETRANSMIT, mid, r.settings().retransmitDelay(0));
    }

    /** The answer to {@code mid} arrived: stop retransmitting. */
    static void answered(V1Run r, IsakmpSa sa, long mid) {
        if (sa.outstanding.remove(mid) != null) r.cancelTimer(sa, TimerId.TimerKind.RETRANSMIT, mid);
    }

    /** Retransmission timer: resend, or false when the tries are used up. */
    static boolean retransmit(V1Run r, IsakmpSa sa, long mid) {
        IsakmpSa.Outstanding o = sa.outstanding.get(mid);
        if (o == null) return true;
        if (o.tries() >= r.settings().retransmitTries()) return false;
        int n = o.tries() + 1;
        sa.outstanding.put(mid, new IsakmpSa.Outstanding(o.datagram(), n));
        r.log(EngineLog.Subsystem.NET, sa, "retransmit " + n + " of message " + Long.toHexString(mid));
        send(r, sa, o.datagram());
        r.startTimer(sa, TimerId.TimerKind.RETRANSMIT, mid, r.settings().retransmitDelay(n));
        return true;
    }

    /** Remembers our answer to {@code request}, to be sent again if the very same request arrives again. */
    static void remember(IsakmpSa sa, byte[] request, byte[] answer) {
        sa.answered.put(digest(request), answer);
    }

    /** True (and the answer resent) if {@code request} is a copy of one answered already. */
    static boolean resendAnswer(V1Run r, IsakmpSa sa, byte[] request) {
        byte[] answer = sa.answered.get(digest(request));
        if (answer == null) return false;
        r.log(EngineLog.Subsystem.NET, sa, "retransmitted request, sending our answer again");
        send(r, sa, answer);
        return true;
    }

    static String digest(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
