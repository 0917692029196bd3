package io.ike4j.core.proposal;

import java.util.ArrayList;
import java.util.List;

/** Rendering of proposals in strongSwan's two notations: transform names and swanctl keywords. */
final class ProposalNames {
    private ProposalNames() {
    }

    static String name(IntegrityAlgorithm a) {
        return a.name();
    }

    static String name(PrfAlgorithm a) {
        return "PRF_" + a.name();
    }

    static String name(KeyExchangeMethod k) {
        return switch (k) {
            case NONE -> "KE_NONE";
            case BRAINPOOL_P224R1 -> "ECP_224_BP";
            case BRAINPOOL_P256R1 -> "ECP_256_BP";
            case BRAINPOOL_P384R1 -> "ECP_384_BP";
            case BRAINPOOL_P512R1 -> "ECP_512_BP";
            case CURVE25519 -> "CURVE_25519";
            case CURVE448 -> "CURVE_448";
            default -> k.name();
        };
    }

    static String name(EsnMode e) {
        return e == EsnMode.ESN ? "EXT_SEQ" : "NO_EXT_SEQ";
    }

    /** strongSwan's order: encryption, integrity, PRF, KE, ADDKEn, ESN; unrecognized as TYPE_n:ID. */
    static String strongSwanNotation(Proposal p) {
        List<String> parts = new ArrayList<>();
        p.encryption().forEach(e -> parts.add(e.strongSwanName()));
        p.integrity().forEach(i -> parts.add(name(i)));
        p.prfs().forEach(f -> parts.add(name(f)));
        p.keyExchanges().forEach(k -> parts.add(name(k)));
        for (int n = 1; n <= Proposal.MAX_ADDITIONAL_KE; n++) {
            for (KeyExchangeMethod k : p.additionalKeyExchange(n)) parts.add("KE" + n + "_" + name(k));
        }
        p.esn().forEach(e -> parts.add(name(e)));
        p.unrecognized().forEach(t -> parts.add("UNKNOWN_" + t.type() + ":" + t.id()));
        return Proposal.join(parts, "/");
    }

    static String keywords(Proposal p) {
        List<String> parts = new ArrayList<>();
        p.encryption().forEach(e -> parts.add(kw(new ProposalKeywords.Token.Enc(e), e.strongSwanName())));
        // PRFs before integrity: an IKE integrity keyword adds its own PRF, which must not move ahead of the listed ones
        p.prfs().forEach(f -> parts.add(kw(new ProposalKeywords.Token.Prf(f), name(f))));
        p.integrity().forEach(i -> parts.add(kw(new ProposalKeywords.Token.Integ(i), name(i))));
        p.keyExchanges().forEach(k -> parts.add(kw(new ProposalKeywords.Token.Ke(k), name(k))));
        for (int n = 1; n <= Proposal.MAX_ADDITIONAL_KE; n++) {
            for (KeyExchangeMethod k : p.additionalKeyExchange(n)) {
                parts.add("ke" + n + "_" + kw(new ProposalKeywords.Token.Ke(k), name(k)));
            }
        }
        // ESP/AH default to noesn: only spell ESN out when it differs from that default
        if (!p.esn().equals(List.of(EsnMode.NO_ESN))) {
            p.esn().forEach(e -> parts.add(kw(new ProposalKeywords.Token.Esn(e), name(e))));
        }
        return Proposal.join(parts, "-");
    }

    private static String kw(ProposalKeywords.Token token, String fallback) {
        return ProposalKeywords.keyword(token).orElse(fallback.toLowerCase(java.util.Locale.ROOT));
    }
}
