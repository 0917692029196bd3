package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.proposal.EsnMode;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalParseException;
import io.ike4j.core.proposal.ProposalParser;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildTransforms;
import io.ike4j.core.sa.IkeTransforms;
import java.util.ArrayList;
import java.util.List;

/** SA payload negotiation (RFC 7296 2.7, 3.3): configured proposals, offers and the chosen transforms. */
public final class ProposalUnit {
    private ProposalUnit() {}

    /** Parses configured proposal strings; unparsable entries are skipped (reported by the config loader). */
    public static List<Proposal> parse(ProtocolId protocol, List<String> specs) {
        List<Proposal> out = new ArrayList<>();
        for (String s : specs) {
            try {
                out.addAll(ProposalParser.parse(protocol, s));
            } catch (ProposalParseException e) {
                // a broken proposal string offers nothing
            }
        }
        return out;
    }

    /** ESP proposals for the CHILD_SA of IKE_AUTH: no KE transforms there (RFC 7296 1.2, strongSwan strips them). */
    public static List<Proposal> withoutKeyExchange(List<Proposal> ps) {
        return ps.stream().map(Proposal::withoutKeyExchanges).toList();
    }

    /** Our SA payload: proposals numbered from 1 carrying {@code spi}. */
    public static List<ProposalSubstructure> offer(List<Proposal> ps, byte[] spi) {
        List<ProposalSubstructure> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) out.add(ps.get(i).toSubstructure(i + 1, spi));
        return out;
    }

    public static IkeTransforms ikeTransforms(Proposal chosen) {
        return new IkeTransforms(chosen.encryption().getFirst().algorithm(), chosen.encryption().getFirst().keyBits(),
                chosen.integrity().isEmpty() ? IntegrityAlgorithm.NONE : chosen.integrity().getFirst(),
                chosen.prfs().getFirst(),
                chosen.keyExchanges().isEmpty() ? KeyExchangeMethod.NONE : chosen.keyExchanges().getFirst());
    }

    public static ChildTransforms childTransforms(Proposal chosen) {
        return new ChildTransforms(chosen.encryption().getFirst().algorithm(), chosen.encryption().getFirst().keyBits(),
                chosen.integrity().isEmpty() ? IntegrityAlgorithm.NONE : chosen.integrity().getFirst(),
                chosen.keyExchanges().isEmpty() ? KeyExchangeMethod.NONE : chosen.keyExchanges().getFirst(),
                !chosen.esn().isEmpty() && chosen.esn().getFirst() == EsnMode.ESN);
    }

    /** True if the chosen IKE proposal is complete and usable by our crypto (ENCR, PRF, KE; INTEG unless AEAD). */
    public static boolean usableIke(Proposal p) {
        return !p.encryption().isEmpty() && !p.prfs().isEmpty() && !p.keyExchanges().isEmpty()
                && (p.encryption().getFirst().isAead() || !p.integrity().isEmpty());
    }
}
