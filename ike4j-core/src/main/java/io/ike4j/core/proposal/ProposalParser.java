package io.ike4j.core.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses strongSwan proposal strings as used in swanctl.conf {@code proposals} (IKE) and
 * {@code esp_proposals}/{@code ah_proposals}: dash-separated algorithm keywords, comma-separated proposals,
 * {@code default}, {@code keN_} prefixes for RFC 9370 additional key exchanges and {@code esn}/{@code noesn}.
 * In IKE proposals an integrity keyword also adds the PRF of the same hash, as strongSwan does.
 */
public final class ProposalParser {
    private ProposalParser() {
    }

    /** Parses a comma-separated list of proposals (a swanctl.conf value). */
    public static List<Proposal> parse(ProtocolId protocol, String spec) throws ProposalParseException {
        List<Proposal> result = new ArrayList<>();
        int offset = 0;
        for (String part : spec.split(",", -1)) {
            int lead = part.length() - part.stripLeading().length();
            String item = part.strip();
            if (item.isEmpty()) {
                throw new ProposalParseException("empty proposal in '" + spec + "'", "", offset);
            }
            if (item.equalsIgnoreCase("default")) {
                result.addAll(DefaultProposals.of(protocol));
            } else {
                result.add(parseOne(protocol, item, offset + lead));
            }
            offset += part.length() + 1;
        }
        return List.copyOf(result);
    }

    /** Parses one proposal (no commas); {@code default} is not allowed here. */
    public static Proposal parseOne(ProtocolId protocol, String proposal) throws ProposalParseException {
        return parseOne(protocol, proposal.strip(), 0);
    }

    private static Proposal parseOne(ProtocolId protocol, String proposal, int base) throws ProposalParseException {
        Proposal.Builder b = Proposal.builder(protocol);
        int pos = 0;
        for (String raw : proposal.split("-", -1)) {
            int at = base + pos;
            pos += raw.length() + 1;
            String token = raw.toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                throw new ProposalParseException("empty algorithm at position " + at + " in proposal '"
                        + proposal + "'", raw, at);
            }
            int addKe = 0;
            if (token.length() > 4 && token.startsWith("ke") && token.charAt(3) == '_'
                    && token.charAt(2) >= '1' && token.charAt(2) <= '7') {
                addKe = token.charAt(2) - '0';
                token = token.substring(4);
            }
            Optional<ProposalKeywords.Token> t = ProposalKeywords.lookup(token);
            if (t.isEmpty()) {
                throw new ProposalParseException("unknown algorithm '" + raw + "' in proposal '" + proposal
                        + "' at position " + at, raw, at);
            }
            if (addKe > 0) {
                if (!(t.get() instanceof ProposalKeywords.Token.Ke(KeyExchangeMethod m))) {
                    throw error(raw, at, proposal, "is not a key exchange method");
                }
                b.additionalKeyExchange(addKe, m);
                continue;
            }
            add(b, protocol, t.get(), raw, at, proposal);
        }
        return check(b, protocol, proposal, base);
    }

    private static void add(Proposal.Builder b, ProtocolId protocol, ProposalKeywords.Token t, String raw, int at,
                            String proposal) throws ProposalParseException {
        switch (t) {
            case ProposalKeywords.Token.Enc(Encryption e) -> {
                if (protocol == ProtocolId.AH) throw error(raw, at, proposal, "is an encryption algorithm, not allowed for AH");
                b.encryption(e);
            }
            case ProposalKeywords.Token.Integ(IntegrityAlgorithm i) -> {
                b.integrity(i);
                if (protocol == ProtocolId.IKE) ProposalKeywords.prfFor(i).ifPresent(b::prf);
            }
            case ProposalKeywords.Token.Prf(PrfAlgorithm f) -> {
                if (protocol != ProtocolId.IKE) throw error(raw, at, proposal, "is a PRF, only allowed for IKE");
                b.prf(f);
            }
            case ProposalKeywords.Token.Ke(KeyExchangeMethod m) -> b.keyExchange(m);
            case ProposalKeywords.Token.Esn(EsnMode m) -> {
                if (protocol == ProtocolId.IKE) throw error(raw, at, proposal, "is an ESN mode, not allowed for IKE");
                b.esn(m);
            }
        }
    }

    private static ProposalParseException error(String raw, int at, String proposal, String what) {
        return new ProposalParseException("algorithm '" + raw + "' " + what + " (proposal '" + proposal
                + "' at position " + at + ")", raw, at);
    }

    /** Proposal-wide rules, following strongSwan's checks. */
    private static Proposal check(Proposal.Builder b, ProtocolId protocol, String proposal, int base)
            throws ProposalParseException {
        Proposal p = b.build();
        String in = " in proposal '" + proposal + "'";
        boolean anyAead = p.encryption().stream().anyMatch(Encryption::isAead);
        boolean allAead = p.isAead();
        if (anyAead && !allAead) {
            throw new ProposalParseException("AEAD and non-AEAD encryption algorithms can't be mixed" + in, "", base);
        }
        if (allAead && !p.integrity().isEmpty()) {
            throw new ProposalParseException("an integrity algorithm is not allowed with AEAD" + in, "", base);
        }
        switch (protocol) {
            case IKE -> {
                if (p.encryption().isEmpty()) {
                    throw new ProposalParseException("an encryption algorithm is mandatory in IKE proposals" + in, "", base);
                }
                if (!allAead && p.integrity().isEmpty()) {
                    throw new ProposalParseException("an integrity algorithm is mandatory in non-AEAD IKE proposals"
                            + in, "", base);
                }
                if (p.prfs().isEmpty()) {
                    throw new ProposalParseException("a PRF algorithm is mandatory in IKE proposals (AEAD proposals need"
                            + " a prf keyword, e.g. prfsha256)" + in, "", base);
                }
                if (p.keyExchanges().isEmpty() || p.keyExchanges().contains(KeyExchangeMethod.NONE)) {
                    throw new ProposalParseException("a key exchange method (other than none) is mandatory in IKE"
                            + " proposals" + in, "", base);
                }
            }
            case ESP -> {
                if (p.encryption().isEmpty()) {
                    throw new ProposalParseException("an encryption algorithm is mandatory in ESP proposals" + in, "", base);
                }
                if (!allAead && p.integrity().isEmpty()) {
                    throw new ProposalParseException("an integrity algorithm is mandatory in non-AEAD ESP proposals"
                            + in, "", base);
                }
            }
            case AH -> {
                if (p.integrity().isEmpty()) {
                    throw new ProposalParseException("an integrity algorithm is mandatory in AH proposals" + in, "", base);
                }
            }
        }
        // RFC 7296 3.3.2: ESN is mandatory for ESP/AH; strongSwan assumes noesn when omitted
        if (protocol != ProtocolId.IKE && p.esn().isEmpty()) b.esn(EsnMode.NO_ESN);
        return b.build();
    }
}
