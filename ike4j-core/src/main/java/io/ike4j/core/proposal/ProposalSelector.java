package io.ike4j.core.proposal;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TransformSubstructure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Proposal selection (RFC 7296 2.7): the responder picks one proposal and one transform of each type
 * present in it; the initiator checks that the answer is a valid pick from what it offered.
 */
public final class ProposalSelector {
    /** Whose order wins when several proposals/algorithms would be acceptable. */
    public enum Preference {
        /** Our configured order first (strongSwan's default, charon.prefer_configured_proposals = yes). */
        CONFIGURED,
        /** The peer's order first. */
        PEER
    }

    private ProposalSelector() {
    }

    public static ProposalSelection select(List<Proposal> configured, List<ProposalSubstructure> offered,
                                           Preference preference) {
        return select(configured, offered, preference, Optional.empty());
    }

    /**
     * Chooses a proposal. {@code receivedKe} is the method of the initiator's KE payload, if any: when it is
     * acceptable within the chosen proposal pair it is preferred, avoiding an INVALID_KE_PAYLOAD round trip.
     */
    public static ProposalSelection select(List<Proposal> configured, List<ProposalSubstructure> offered,
                                           Preference preference, Optional<KeyExchangeMethod> receivedKe) {
        List<ProposalSubstructure> candidates = new ArrayList<>();
        List<Proposal> typed = new ArrayList<>();
        for (ProposalSubstructure wire : offered) {
            Optional<Proposal> p = Proposal.fromSubstructure(wire);
            // RFC 7296 3.3.6: unknown protocol or transform type -> skip that proposal
            if (p.isPresent() && !p.get().hasUnrecognizedTransformType()) {
                candidates.add(wire);
                typed.add(p.get());
            }
        }
        if (preference == Preference.CONFIGURED) {
            for (Proposal ours : configured) {
                for (int i = 0; i < typed.size(); i++) {
                    Optional<Proposal> m = match(ours, typed.get(i), true, receivedKe);
                    if (m.isPresent()) return chosen(m.get(), candidates.get(i));
                }
            }
        } else {
            for (int i = 0; i < typed.size(); i++) {
                for (Proposal ours : configured) {
                    Optional<Proposal> m = match(ours, typed.get(i), false, receivedKe);
                    if (m.isPresent()) return chosen(m.get(), candidates.get(i));
                }
            }
        }
        return new ProposalSelection.NoProposalChosen("no acceptable proposal among " + offered.size() + " offered");
    }

    private static ProposalSelection chosen(Proposal p, ProposalSubstructure peerWire) {
        return new ProposalSelection.Chosen(p, p.toSubstructure(peerWire.number(), peerWire.spi()));
    }

    /**
     * The intersection of two proposals reduced to one transform per type, in the order of {@code ours}
     * when {@code preferOurs}, else of {@code peer}; empty if they have nothing acceptable in common.
     * For KE, ADDKEn and ESN, an absent type is treated like NONE / NO_ESN; NONE
     * appears in the result only if the peer listed the type.
     */
    public static Optional<Proposal> match(Proposal ours, Proposal peer, boolean preferOurs,
                                           Optional<KeyExchangeMethod> keHint) {
        if (ours.protocol() != peer.protocol() || peer.hasUnrecognizedTransformType()) return Optional.empty();
        Proposal first = preferOurs ? ours : peer;
        Proposal second = preferOurs ? peer : ours;
        List<TransformType> peerTypes = peer.transformTypes();
        Proposal.Builder b = Proposal.builder(ours.protocol());

        // ENCR and INTEG together: AEAD needs no integrity, classic ciphers need one (RFC 7296 3.3)
        List<Encryption> encs = common(first.encryption(), second.encryption());
        if (encs.isEmpty() && (!ours.encryption().isEmpty() || peerTypes.contains(TransformType.ENCR))) {
            return Optional.empty();
        }
        boolean found = false;
        for (Encryption e : encs.isEmpty() ? java.util.Collections.<Encryption>singletonList(null) : encs) {
            boolean aead = e != null && e.isAead();
            // with AEAD no integrity is negotiated (like strongSwan, tolerate peers that list some for other
            // ciphers of the same proposal); NONE is echoed only if the peer listed it
            Optional<IntegrityAlgorithm> integ = aead
                    ? (ours.integrity().isEmpty() || ours.integrity().contains(IntegrityAlgorithm.NONE)
                            ? Optional.of(IntegrityAlgorithm.NONE) : Optional.empty())
                    : common(first.integrity(), second.integrity()).stream()
                            .filter(i -> i != IntegrityAlgorithm.NONE).findFirst();
            if (integ.isEmpty()) continue;
            if (e != null) b.encryption(e);
            if (integ.get() != IntegrityAlgorithm.NONE || peer.integrity().contains(IntegrityAlgorithm.NONE)) {
                b.integrity(integ.get());
            }
            found = true;
            break;
        }
        if (!found) return Optional.empty();

        List<PrfAlgorithm> prfs = common(first.prfs(), second.prfs());
        if (!prfs.isEmpty()) {
            b.prf(prfs.getFirst());
        } else if (!ours.prfs().isEmpty() || peerTypes.contains(TransformType.PRF)) {
            return Optional.empty();
        }

        Optional<KeyExchangeMethod> ke = pickWithDefault(first.keyExchanges(), second.keyExchanges(),
                KeyExchangeMethod.NONE, keHint);
        if (ke.isEmpty()) return Optional.empty();
        if (ke.get() != KeyExchangeMethod.NONE || peerTypes.contains(TransformType.KE)) b.keyExchange(ke.get());

        for (int n = 1; n <= Proposal.MAX_ADDITIONAL_KE; n++) {
            Optional<KeyExchangeMethod> add = pickWithDefault(first.additionalKeyExchange(n),
                    second.additionalKeyExchange(n), KeyExchangeMethod.NONE, Optional.empty());
            if (add.isEmpty()) return Optional.empty();
            TransformType type = TransformType.of(TransformType.ADDKE1.value() + n - 1).orElseThrow();
            if (add.get() != KeyExchangeMethod.NONE || peerTypes.contains(type)) b.additionalKeyExchange(n, add.get());
        }

        // RFC 7296 3.3.2: ESN must match; omitted counts as NO_ESN
        Optional<EsnMode> esn = pickWithDefault(first.esn(), second.esn(), EsnMode.NO_ESN, Optional.empty());
        if (esn.isEmpty()) return Optional.empty();
        if (esn.get() != EsnMode.NO_ESN || peerTypes.contains(TransformType.ESN)) b.esn(esn.get());
        return Optional.of(b.build());
    }

    private static <T> List<T> common(List<T> first, List<T> second) {
        return first.stream().filter(second::contains).toList();
    }

    /** First of {@code first} also in {@code second}, where an empty list stands for {@code dflt}. */
    private static <T> Optional<T> pickWithDefault(List<T> first, List<T> second, T dflt, Optional<T> hint) {
        List<T> a = first.isEmpty() ? List.of(dflt) : first;
        List<T> b = second.isEmpty() ? List.of(dflt) : second;
        if (hint.isPresent() && a.contains(hint.get()) && b.contains(hint.get())) return hint;
        return a.stream().filter(b::contains).findFirst();
    }

    /**
     * Initiator side (RFC 7296 2.7, 3.3): the responder must return exactly one proposal, with the number of
     * one we offered, the same protocol, and exactly one of our transforms for each type we offered (a type
     * may be left out only where we offered NONE / NO_ESN for it).
     */
    public static ResponseCheck checkResponse(List<ProposalSubstructure> offered, List<ProposalSubstructure> response) {
        if (response.size() != 1) {
            return new ResponseCheck.Rejected("expected exactly one proposal in the response, got " + response.size());
        }
        ProposalSubstructure r = response.getFirst();
        Optional<ProposalSubstructure> ours = offered.stream().filter(o -> o.number() == r.number()).findFirst();
        if (ours.isEmpty()) return new ResponseCheck.Rejected("proposal number " + r.number() + " was not offered");
        ProposalSubstructure o = ours.get();
        if (o.protocolId() != r.protocolId()) {
            return new ResponseCheck.Rejected("protocol " + r.protocolId() + " differs from offered " + o.protocolId());
        }
        if (r.protocol().filter(p -> p != ProtocolId.IKE).isPresent() && r.spi().length != 4) {
            return new ResponseCheck.Rejected("invalid SPI size " + r.spi().length);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (TransformSubstructure t : r.transforms()) {
            if (!o.transforms().contains(t)) {
                return new ResponseCheck.Rejected("transform type " + t.type() + " id " + t.id() + " was not offered");
            }
            counts.merge(t.type(), 1, Integer::sum);
        }
        Map<Integer, List<TransformSubstructure>> offeredByType = group(o.transforms(), TransformSubstructure::type);
        for (Map.Entry<Integer, Integer> c : counts.entrySet()) {
            if (c.getValue() != 1) {
                return new ResponseCheck.Rejected(c.getValue() + " transforms of type " + c.getKey() + " chosen");
            }
        }
        for (Map.Entry<Integer, List<TransformSubstructure>> e : offeredByType.entrySet()) {
            if (counts.containsKey(e.getKey())) continue;
            boolean optional = TransformType.of(e.getKey()).filter(t -> t != TransformType.ENCR && t != TransformType.PRF)
                    .isPresent() && e.getValue().stream().anyMatch(t -> t.id() == 0);
            if (!optional) return new ResponseCheck.Rejected("no transform of offered type " + e.getKey() + " chosen");
        }
        Optional<Proposal> p = Proposal.fromSubstructure(r);
        if (p.isEmpty() || !p.get().unrecognized().isEmpty()) {
            return new ResponseCheck.Rejected("response contains transforms we cannot use");
        }
        Proposal chosen = p.get();
        boolean aead = chosen.isAead();
        boolean realInteg = chosen.integrity().stream().anyMatch(i -> i != IntegrityAlgorithm.NONE);
        if (aead && realInteg) return new ResponseCheck.Rejected("integrity algorithm chosen with an AEAD cipher");
        if (!aead && !realInteg) return new ResponseCheck.Rejected("no integrity algorithm chosen for a non-AEAD cipher");
        return new ResponseCheck.Accepted(chosen, r);
    }

    private static <T, K> Map<K, List<T>> group(List<T> items, Function<T, K> key) {
        Map<K, List<T>> m = new HashMap<>();
        for (T t : items) m.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        return m;
    }
}
