package io.ike4j.core.engine.fuzz;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * An insider on an established {@link EnginePeers} IKE SA: it holds the SK keys (from the key log), so it can send
 * correctly protected requests to either engine as the other one, and open their answers. The in-process counterpart
 * of ike4j-interop's Adversary (which knows the PSK of the daemon's attack connection).
 */
final class Insider {
    static final IkeMessageCodec CODEC = new IkeMessageCodec();

    final EnginePeers peers;
    final EnginePeers.Keys keys;
    /** The initiator's IKE proposal from its IKE_SA_INIT request (what a rekey offers again, with an SPI). */
    final ProposalSubstructure ikeProposal;
    /** The message ID of the insider's first request to the responder (2, or more after IKE_INTERMEDIATE). */
    final long firstId;
    private final Random random = new Random(7);

    private Insider(EnginePeers peers) {
        this.peers = peers;
        this.firstId = peers.lastRequestId + 1;
        this.keys = peers.responder.keys.getLast(); // the last logged: RFC 9867 recomputes them after IKE_INTERMEDIATE
        IkeMessage init = decode(peers.initRequest).orElseThrow();
        this.ikeProposal = init.first(SecurityAssociationPayload.class).orElseThrow().proposals().getFirst();
    }

    /** Both engines establish their IKE SA and CHILD_SA; the insider takes the keys. */
    static Insider established(EnginePeers peers) {
        peers.establish();
        if (peers.responder.keys.isEmpty() || peers.responder.engine.listSas().size() != 1) {
            throw new AssertionError("not established: " + peers.responder.log);
        }
        return new Insider(peers);
    }

    /** A request from the initiator's side to the responder engine; its answer opened (empty: none sent). */
    Optional<IkeMessage> toResponder(ExchangeType exchange, long messageId, List<Payload> inner) {
        byte[] d = EnginePeers.protect(keys, true, exchange, false, messageId, firstType(inner), CODEC.encodePayloads(inner));
        return open(peers.responder.engine.handle(new EngineInput.DatagramReceived(EnginePeers.RESPONDER, EnginePeers.INITIATOR, d)), false);
    }

    /** A request from the responder's side to the initiator engine; its answer opened (empty: none sent). */
    Optional<IkeMessage> toInitiator(ExchangeType exchange, long messageId, List<Payload> inner) {
        byte[] d = EnginePeers.protect(keys, false, exchange, false, messageId, firstType(inner), CODEC.encodePayloads(inner));
        return open(peers.initiator.engine.handle(new EngineInput.DatagramReceived(EnginePeers.INITIATOR, EnginePeers.RESPONDER, d)), true);
    }

    private static int firstType(List<Payload> inner) {
        return inner.isEmpty() ? 0 : inner.getFirst().payloadType();
    }

    /** The first datagram among {@code out} that belongs to this IKE SA, opened with the sender's keys. */
    private Optional<IkeMessage> open(List<EngineOutput> out, boolean fromInitiator) {
        return out.stream().filter(EngineOutput.SendDatagram.class::isInstance).map(o -> ((EngineOutput.SendDatagram) o).data())
                .map(d -> {
                    IkeMessage outer = decode(d).orElseThrow();
                    if (outer.header().initiatorSpi() != keys.spiI()) return Optional.<IkeMessage>empty();
                    DecodeResult r = CODEC.decodeInner(outer, d, fromInitiator ? keys.initiatorOut() : keys.responderOut());
                    return r instanceof DecodeResult.Decoded dec ? Optional.of(dec.message()) : Optional.<IkeMessage>empty();
                }).flatMap(Optional::stream).findFirst();
    }

    static Optional<IkeMessage> decode(byte[] d) {
        return d != null && CODEC.decode(d) instanceof DecodeResult.Decoded dec ? Optional.of(dec.message()) : Optional.empty();
    }

    static List<Integer> notifies(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().map(NotifyPayload::notifyType).toList();
    }

    /** An IKE SA rekey request (RFC 7296 1.3.2): SA (the IKE proposal with an 8-octet SPI), Ni, KEi. */
    List<Payload> ikeRekey() {
        return List.of(ikeSa(spi(8), ikeProposal.transforms()), nonce(), x25519());
    }

    /** A new CHILD_SA (RFC 7296 1.3.1): ESP aes128gcm16, Ni, TSi 10.1.0.0/16, TSr 10.2.0.0/16 (the configured ones). */
    List<Payload> newChild() {
        var esp = new ProposalSubstructure(1, 3, spi(4), List.of(
                new io.ike4j.core.codec.payload.TransformSubstructure(1, 20, List.of(io.ike4j.core.codec.payload.TransformAttribute.keyLength(128))),
                new io.ike4j.core.codec.payload.TransformSubstructure(5, 0, List.of())));
        return List.of(new SecurityAssociationPayload(List.of(esp), false), nonce(),
                new io.ike4j.core.codec.payload.TrafficSelectorPayload(true, List.of(new io.ike4j.core.codec.payload.TrafficSelectorSubstructure(
                        7, 0, 0, 65535, new byte[] {10, 1, 0, 0}, new byte[] {10, 1, (byte) 255, (byte) 255})), false),
                new io.ike4j.core.codec.payload.TrafficSelectorPayload(false, List.of(new io.ike4j.core.codec.payload.TrafficSelectorSubstructure(
                        7, 0, 0, 65535, new byte[] {10, 2, 0, 0}, new byte[] {10, 2, (byte) 255, (byte) 255})), false));
    }

    SecurityAssociationPayload ikeSa(byte[] spi, List<io.ike4j.core.codec.payload.TransformSubstructure> transforms) {
        return new SecurityAssociationPayload(List.of(new ProposalSubstructure(1, 1, spi, transforms)), false);
    }

    byte[] spi(int length) {
        byte[] s = new byte[length];
        random.nextBytes(s);
        s[0] |= 1;
        return s;
    }

    NoncePayload nonce() {
        byte[] n = new byte[32];
        random.nextBytes(n);
        return new NoncePayload(n, false);
    }

    KeyExchangePayload x25519() {
        byte[] pub = new byte[32];
        random.nextBytes(pub);
        pub[31] &= 0x7f;
        return new KeyExchangePayload(31, pub, false);
    }
}
