package io.ike4j.core.exchange;

import io.ike4j.core.codec.DecodeError;
import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.FragmentBuffer;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.OutstandingRequest;
import io.ike4j.core.sa.ResponseCache;
import java.util.List;
import java.util.Optional;

/**
 * Sending and receiving for one SA: request window and retransmission (RFC 7296 2.1, 2.3), the responder's
 * retransmit cache, SK protection and fragmentation (RFC 7383) when the peer supports it.
 */
public final class Messenger {
    public static final IkeMessageCodec CODEC = new IkeMessageCodec();

    private Messenger() {}

    public static IkeHeader header(IkeSa sa, ExchangeType exchange, boolean response, long messageId) {
        return IkeHeader.of(sa.initiatorSpi(), sa.responderSpi, exchange, sa.isInitiator(), response, messageId);
    }

    static List<byte[]> encode(Session s, IkeSa sa, IkeHeader h, ExchangeType exchange, List<Payload> payloads) {
        if (!MessageRules.protectedExchange(exchange)) return List.of(CODEC.encode(new IkeMessage(h, payloads)));
        byte[] whole = CODEC.encodeProtected(h, payloads, sa.keys.outbound());
        int max = maxDatagram(s, sa);
        if (whole.length <= max || !sa.peerFragmentation) return List.of(whole);
        List<byte[]> fragments = CODEC.encodeFragments(h, payloads, sa.keys.outbound(), max); // RFC 7383 2.5
        s.log(EngineLog.Subsystem.ENC, sa, "splitting IKE message (" + whole.length + " bytes) into " + fragments.size()
                + " fragments");
        return fragments;
    }

    /** The largest IKE message that fits the configured fragment size (IP + UDP headers, non-ESP marker on 4500). */
    private static int maxDatagram(Session s, IkeSa sa) {
        int ip = sa.remote.address().getAddress().length == 4 ? 20 : 40;
        int marker = sa.local.port() == s.settings().natTraversalPort() ? 4 : 0; // RFC 3948 2.2 non-ESP marker
        return Math.max(256, s.settings().fragmentSize() - ip - 8 - marker);
    }

    /** Sends a request with the next message ID and arms retransmission. */
    public static List<byte[]> sendRequest(Session s, IkeSa sa, ExchangeType exchange, List<Payload> payloads) {
        long mid = sa.nextRequestId++;
        List<byte[]> datagrams = encode(s, sa, header(sa, exchange, false, mid), exchange, payloads);
        sa.outstanding = new OutstandingRequest(mid, exchange, datagrams);
        emit(s, sa, datagrams);
        s.startTimer(sa, TimerId.TimerKind.RETRANSMIT, mid, s.settings().retransmitDelay(0));
        return datagrams;
    }

    /** Sends a response and keeps it for retransmitted requests. */
    public static List<byte[]> sendResponse(Session s, IkeSa sa, ExchangeType exchange, long messageId,
                                            List<Payload> payloads) {
        List<byte[]> datagrams = encode(s, sa, header(sa, exchange, true, messageId), exchange, payloads);
        sa.responseCache = new ResponseCache(messageId, datagrams, sa.requestHashes);
        sa.requestHashes.clear();
        emit(s, sa, datagrams);
        return datagrams;
    }

    public static void emit(Session s, IkeSa sa, List<byte[]> datagrams) {
        for (byte[] d : datagrams) s.emit(new EngineOutput.SendDatagram(sa.local, sa.remote, d));
    }

    /** The request is answered: stop retransmitting. */
    public static void answered(Session s, IkeSa sa) {
        if (sa.outstanding != null) s.cancelTimer(sa, TimerId.TimerKind.RETRANSMIT, sa.outstanding.messageId());
        sa.outstanding = null;
    }

    /** Retransmission timer fired: resend with back-off, or report that the peer gave up (false). */
    public static boolean retransmit(Session s, IkeSa sa, long messageId) {
        OutstandingRequest r = sa.outstanding;
        if (r == null || r.messageId() != messageId) return true;
        if (r.retransmits() >= s.settings().retransmitTries()) return false;
        int n = r.countRetransmit();
        // charon: "retransmit 1 of request with message ID 0"
        s.log(EngineLog.Subsystem.NET, sa, "retransmit " + n + " of request with message ID " + messageId);
        emit(s, sa, r.datagrams());
        s.startTimer(sa, TimerId.TimerKind.RETRANSMIT, messageId, s.settings().retransmitDelay(n));
        return true;
    }

    /**
     * RFC 7383 2.6: a fragment of a new message (or announcing more fragments) starts over; one announcing fewer
     * than the message being collected is dropped, as are more than {@link FragmentBuffer#MAX_FRAGMENTS} fragments
     * or more plaintext than the largest message we accept. A stale incomplete message is dropped first.
     */
    private static Optional<String> collect(Session s, IkeSa sa, long mid, IkeMessageCodec.OpenedFragment fr) {
        long now = s == null ? 0 : s.now().getEpochSecond();
        if (fr.totalFragments() > FragmentBuffer.MAX_FRAGMENTS) {
            return Optional.of("fragment announces " + fr.totalFragments() + " fragments (at most "
                    + FragmentBuffer.MAX_FRAGMENTS + ")");
        }
        FragmentBuffer b = sa.fragments;
        if (b != null && s != null && b.stale(now)) {
            s.log(EngineLog.Subsystem.ENC, sa, "dropping incomplete fragmented message " + b.messageId() + " ("
                    + b.received() + " of " + b.total() + " fragments) after " + FragmentBuffer.TIMEOUT_SECONDS + "s");
            b.wipe();
            b = sa.fragments = null;
        }
        if (b != null && b.messageId() == mid && fr.totalFragments() < b.total()) {
            return Optional.of("fragment announces " + fr.totalFragments() + " fragments, fewer than " + b.total());
        }
        if (b == null || b.messageId() != mid || b.total() != fr.totalFragments()) {
            if (b != null) b.wipe();
            sa.fragments = new FragmentBuffer(mid, fr.totalFragments(), now);
        }
        int limit = s == null ? 65000 : s.settings().maxMessageSize();
        if (sa.fragments.bytes() + fr.plaintext().length > limit) {
            sa.fragments.wipe();
            sa.fragments = null;
            return Optional.of("fragmented message exceeds " + limit + " bytes");
        }
        return Optional.empty();
    }

    /** Result of opening a protected message. */
    public sealed interface Opened {
        record Message(IkeMessage message) implements Opened {}

        /** A fragment was stored; more are needed. */
        record Incomplete() implements Opened {}

        /** Silently dropped (integrity failure, bad outer structure). */
        record Dropped(String reason) implements Opened {}

        /** Authentic but malformed inside: answer INVALID_SYNTAX (requests) or fail (responses). */
        record Invalid(DecodeError error) implements Opened {}
    }

    /** Opens SK or collects SKF (RFC 7383 2.6) and checks the payloads against {@link MessageRules}. */
    public static Opened open(IkeSa sa, IkeMessage outer, byte[] datagram) {
        return open(null, sa, outer, datagram);
    }

    /** As {@link #open(IkeSa, IkeMessage, byte[])}, logging reassembly and timing out stale fragments with {@code s}. */
    public static Opened open(Session s, IkeSa sa, IkeMessage outer, byte[] datagram) {
        if (sa.keys == null) return new Opened.Dropped("no keys yet");
        if (!outer.header().response()) {
            if (sa.requestHashes.size() > 64) sa.requestHashes.clear();
            sa.requestHashes.add(ResponseCache.hash(datagram));
        }
        Optional<DecodeError> outerError = MessageRules.validateOuter(outer);
        if (outerError.isPresent()) return new Opened.Dropped(outerError.get().detail());
        DecodeResult inner;
        if (outer.payloads().getLast() instanceof EncryptedFragmentPayload) {
            Optional<IkeMessageCodec.OpenedFragment> f = CODEC.openFragment(outer, datagram, sa.keys.inbound());
            if (f.isEmpty()) return new Opened.Dropped("fragment integrity check failed");
            IkeMessageCodec.OpenedFragment fr = f.get();
            Optional<String> refused = collect(s, sa, outer.header().messageId(), fr);
            if (refused.isPresent()) return new Opened.Dropped(refused.get());
            if (!sa.fragments.add(fr.fragmentNumber(), fr.firstInnerPayload(), fr.plaintext())) {
                if (s != null) s.log(EngineLog.Subsystem.ENC, sa, "received fragment #" + fr.fragmentNumber() + " of "
                        + fr.totalFragments() + ", waiting for complete IKE message");
                return new Opened.Incomplete();
            }
            if (s != null) s.log(EngineLog.Subsystem.ENC, sa, "received fragment #" + fr.fragmentNumber() + " of "
                    + fr.totalFragments() + ", reassembled fragmented IKE message (" + sa.fragments.bytes() + " bytes)");
            inner = CODEC.reassemble(outer.header(), sa.fragments.firstInnerPayload(), sa.fragments.inOrder());
            sa.fragments.wipe();
            sa.fragments = null;
        } else {
            inner = CODEC.decodeInner(outer, datagram, sa.keys.inbound());
        }
        return switch (inner) {
            case DecodeResult.Rejected r when r.error().answer().isEmpty() -> new Opened.Dropped(r.error().detail());
            case DecodeResult.Rejected r -> new Opened.Invalid(r.error());
            case DecodeResult.Decoded d -> MessageRules.validate(d.message(), !d.message().header().response())
                    .<Opened>map(Opened.Invalid::new).orElseGet(() -> new Opened.Message(d.message()));
        };
    }
}
