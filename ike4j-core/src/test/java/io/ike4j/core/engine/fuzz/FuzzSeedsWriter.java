package io.ike4j.core.engine.fuzz;

import io.ike4j.core.auth.signature.AuthDataCodec;
import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.proposal.ProposalParser;
import io.ike4j.core.proposal.ProtocolId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the binary seed corpora of the core fuzz targets from a real exchange between two engines (run with
 * {@code -Dike4j.writeFuzzSeeds=true -Dtest=FuzzSeedsWriter}, see docs/FUZZING.md). Skipped in normal runs.
 */
@EnabledIfSystemProperty(named = "ike4j.writeFuzzSeeds", matches = "true")
class FuzzSeedsWriter {
    private static final Path RES = Path.of("src/test/resources/io/ike4j/core");
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    @Test
    void write() throws Exception {
        Path engine = RES.resolve("engine/fuzz/EngineFuzzInputs");
        Path codec = RES.resolve("codec/fuzz/IkeMessageCodecFuzzInputs");
        EnginePeers p = new EnginePeers();
        List<byte[]> sent = new ArrayList<>();
        List<EngineOutput> out = p.initiator.engine.handle(new EngineInput.Initiate("gw", "net"));
        boolean toResponder = true;
        for (int i = 0; i < 4; i++) {
            byte[] d = datagram(out);
            sent.add(d);
            out = toResponder
                    ? p.responder.engine.handle(new EngineInput.DatagramReceived(EnginePeers.RESPONDER, EnginePeers.INITIATOR, d))
                    : p.initiator.engine.handle(new EngineInput.DatagramReceived(EnginePeers.INITIATOR, EnginePeers.RESPONDER, d));
            toResponder = !toResponder;
        }
        String[] names = {"ike_sa_init-request", "ike_sa_init-response", "ike_auth-request", "ike_auth-response"};
        for (int i = 0; i < 4; i++) write(codec.resolve("ike4j-" + names[i]), sent.get(i));
        write(engine.resolve("fresh/ike4j-ike_sa_init-request"), sent.get(0));

        // the IKE_AUTH request's inner chain, opened with the responder's view of SK_ei/SK_ai
        EnginePeers.Keys k = p.responder.keys.getFirst();
        IkeMessage outer = ((DecodeResult.Decoded) CODEC.decode(sent.get(2))).message();
        IkeMessage auth = ((DecodeResult.Decoded) CODEC.decodeInner(outer, sent.get(2), k.initiatorOut())).message();
        List<Payload> authChain = auth.payloads();
        write(engine.resolve("halfOpen/ike_auth-request"), controlled(authChain, 0, 0));
        write(codec.resolve("transparent-ike_auth-request"), transparent(outer.header(), authChain));

        TrafficSelectorSubstructure a = ts(10, 1), b = ts(10, 2);
        List<Payload> createChild = List.of(
                new SecurityAssociationPayload(List.of(ProposalParser.parseOne(ProtocolId.ESP, "aes128gcm16")
                        .toSubstructure(1, new byte[] {1, 2, 3, 4}))),
                new NoncePayload(new byte[32]), new TrafficSelectorPayload(true, List.of(a)),
                new TrafficSelectorPayload(false, List.of(b)));
        write(engine.resolve("established/create_child_sa"), controlled(createChild, 1, 8));
        write(engine.resolve("established/informational-empty"), controlled(List.of(), 2, 17));
        write(engine.resolve("established/delete-ike"), controlled(List.of(new DeletePayload(1, 0, List.of())), 2, 7));
        write(engine.resolve("established/delete-child"),
                controlled(List.of(new DeletePayload(3, 4, List.of(new byte[] {(byte) 0xc0, 0, 0, 1}))), 2, 7));
        IkeHeader h = IkeHeader.of(k.spiI(), k.spiR(), ExchangeType.CREATE_CHILD_SA, true, false, 2);
        write(codec.resolve("transparent-create_child_sa"), transparent(h, createChild));

        Path authData = RES.resolve("auth/signature/fuzz/AuthDataCodecFuzzInputs");
        for (SignatureScheme s : SignatureScheme.values()) {
            byte[] sig = new byte[64];
            Arrays.fill(sig, (byte) 0x5a);
            if (s.family() == SignatureScheme.Family.ECDSA_DER) {
                sig = new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02};
            }
            AuthMethod m = AuthDataCodec.methodFor(s, false);
            byte[] data = AuthDataCodec.encode(m, s, 32, sig);
            write(authData.resolve(s.name()), concat(data, new byte[] {(byte) m.value()}));
        }
    }

    /** Inner chain followed by the control bytes EngineFuzz consumes from the end: response flag, first payload, message id, exchange. */
    private static byte[] controlled(List<Payload> chain, int exchangeIndex, int firstIndexOverride) {
        byte[] plain = CODEC.encodePayloads(chain);
        int first = firstIndexOverride;
        if (!chain.isEmpty() && firstIndexOverride == 0) {
            int[] types = {35, 36, 37, 38, 39, 40, 41, 42, 33, 44, 45, 47, 48, 43, 34, 46, 53, 0};
            for (int i = 0; i < types.length; i++) if (types[i] == chain.getFirst().payloadType()) first = i;
        }
        return concat(plain, new byte[] {1, (byte) first, 0, (byte) exchangeIndex});
    }

    private static byte[] transparent(IkeHeader h, List<Payload> chain) {
        return CODEC.encodeProtected(h, chain, new EncryptedPayloadProtection() {
            @Override
            public int sealedLength(int n) {
                return n;
            }

            @Override
            public byte[] seal(byte[] prefix, byte[] plaintext) {
                return plaintext.clone();
            }

            @Override
            public Optional<byte[]> open(byte[] message, int off, int len) {
                return Optional.of(Arrays.copyOfRange(message, off, off + len));
            }
        });
    }

    private static TrafficSelectorSubstructure ts(int x, int y) {
        return new TrafficSelectorSubstructure(TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
                new byte[] {(byte) x, (byte) y, 0, 0}, new byte[] {(byte) x, (byte) y, (byte) 255, (byte) 255});
    }

    private static byte[] datagram(List<EngineOutput> out) {
        return out.stream().filter(o -> o instanceof EngineOutput.SendDatagram)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).findFirst().orElseThrow();
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }
}
