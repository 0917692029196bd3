package io.ike4j.core.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalWireTest {
    @Test
    void roundTripThroughSubstructure() throws Exception {
        Proposal p = ProposalParser.parseOne(ProtocolId.ESP, "aes128-aes256-sha256-modp2048-ke1_mlkem768-ke1_none-esn");
        ProposalSubstructure wire = p.toSubstructure(3, new byte[] {1, 2, 3, 4});
        assertThat(wire.number()).isEqualTo(3);
        assertThat(wire.protocolId()).isEqualTo(3);
        assertThat(wire.spi()).containsExactly(1, 2, 3, 4);
        assertThat(wire.transforms()).startsWith(
                new TransformSubstructure(1, 12, List.of(TransformAttribute.keyLength(128))),
                new TransformSubstructure(1, 12, List.of(TransformAttribute.keyLength(256))),
                new TransformSubstructure(3, 12, List.of()));
        assertThat(wire.transforms()).contains(new TransformSubstructure(6, 36, List.of()),
                new TransformSubstructure(6, 0, List.of()), new TransformSubstructure(5, 1, List.of()));
        assertThat(Proposal.fromSubstructure(wire)).contains(p);
        assertThat(Proposal.fromSubstructure(wire).orElseThrow().toSubstructure(3, new byte[] {1, 2, 3, 4}))
                .isEqualTo(wire);
    }

    @Test
    void ikeRoundTripWithoutSpi() throws Exception {
        for (Proposal p : DefaultProposals.of(ProtocolId.IKE)) {
            assertThat(Proposal.fromSubstructure(p.toSubstructure(1, new byte[0]))).contains(p);
        }
    }

    @Test
    void unknownIdsAndTypesAreKeptAsUnrecognized() {
        ProposalSubstructure wire = new ProposalSubstructure(1, 1, new byte[0], List.of(
                new TransformSubstructure(1, 20, List.of(TransformAttribute.keyLength(128))),
                new TransformSubstructure(1, 1000, List.of()),                                  // unknown ENCR id
                new TransformSubstructure(1, 12, List.of()),                                    // AES-CBC without key length
                new TransformSubstructure(1, 12, List.of(TransformAttribute.keyLength(100))),   // bad key length
                new TransformSubstructure(1, 28, List.of(TransformAttribute.keyLength(256))),   // fixed-length with attribute
                new TransformSubstructure(2, 5, List.of(new TransformAttribute(99, true, new byte[2]))), // unknown attr
                new TransformSubstructure(2, 6, List.of()),
                new TransformSubstructure(4, 31, List.of())));
        Proposal p = Proposal.fromSubstructure(wire).orElseThrow();
        assertThat(p.encryption()).containsExactly(new Encryption(EncryptionAlgorithm.AES_GCM_16, 128));
        assertThat(p.prfs()).containsExactly(PrfAlgorithm.HMAC_SHA2_384);
        assertThat(p.unrecognized()).hasSize(5);
        assertThat(p.hasUnrecognizedTransformType()).isFalse();

        ProposalSubstructure withType = new ProposalSubstructure(1, 1, new byte[0], List.of(
                new TransformSubstructure(1, 20, List.of(TransformAttribute.keyLength(128))),
                new TransformSubstructure(200, 1, List.of())));
        assertThat(Proposal.fromSubstructure(withType).orElseThrow().hasUnrecognizedTransformType()).isTrue();
        assertThat(Proposal.fromSubstructure(new ProposalSubstructure(1, 9, new byte[0], List.of()))).isEmpty();
    }

    @Test
    void withoutKeyExchangesForIkeAuthChild() throws Exception {
        Proposal p = ProposalParser.parseOne(ProtocolId.ESP, "aes128gcm16-ecp256-ke1_mlkem768-esn");
        Proposal stripped = p.withoutKeyExchanges();
        assertThat(stripped.keyExchanges()).isEmpty();
        assertThat(stripped.additionalKeyExchange(1)).isEmpty();
        assertThat(stripped).hasToString("AES_GCM_16_128/EXT_SEQ");
    }
}
