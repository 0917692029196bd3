package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.ProtocolId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A Proposal Substructure (RFC 7296 3.3.1) as on the wire. {@code spi} may be empty (IKE_SA_INIT). */
public record ProposalSubstructure(int number, int protocolId, byte[] spi, List<TransformSubstructure> transforms) {
    public ProposalSubstructure {
        spi = spi.clone();
        transforms = List.copyOf(transforms);
    }

    public Optional<ProtocolId> protocol() {
        return ProtocolId.of(protocolId);
    }

    @Override
    public byte[] spi() {
        return spi.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProposalSubstructure p && p.number == number && p.protocolId == protocolId
                && Arrays.equals(p.spi, spi) && p.transforms.equals(transforms);
    }

    @Override
    public int hashCode() {
        return ((31 * number + protocolId) * 31 + Arrays.hashCode(spi)) * 31 + transforms.hashCode();
    }

    @Override
    public String toString() {
        return "Proposal[#" + number + ", protocol=" + protocolId + ", spi=" + HexFormat.of().formatHex(spi)
                + ", transforms=" + transforms + "]";
    }
}
