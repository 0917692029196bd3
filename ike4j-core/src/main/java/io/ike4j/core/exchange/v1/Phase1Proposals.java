package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.IsakmpTransformId;
import io.ike4j.core.codec.v1.Phase1AttributeType;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.codec.v1.V1Group;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.codec.v1.V1LifeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Proposal;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.codec.v1.V1Transform;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.exchange.ProposalUnit;
import io.ike4j.core.proposal.Encryption;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.v1.Phase1Suite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase 1 SA negotiation (RFC 2409 5, Appendix A; RFC 2408 3.4-3.6): the connection's IKE proposal strings become
 * suites (each a transform with all attributes); the responder picks the first of its suites the initiator offered
 * and answers with exactly that transform. AES-CBC (128/192/256) and 3DES, MD5/SHA1/SHA2 hashes, MODP/ECP groups the
 * crypto layer implements; AEAD ciphers and other algorithms have no IKEv1 form and are left out.
 */
final class Phase1Proposals {
    private Phase1Proposals() {}

    /** A chosen suite and the transform that carried it. */
    record Choice(Phase1Suite suite, long lifetimeSeconds, long lifetimeKilobytes, V1Payload.Sa answer) {}

    static List<Phase1Suite> configured(ConnectionConfig c, V1AuthMethod auth) {
        List<Phase1Suite> out = new ArrayList<>();
        for (Proposal p : ProposalUnit.parse(ProtocolId.IKE, c.ikeProposals())) {
            List<V1HashAlgorithm> hashes = new ArrayList<>();
            for (IntegrityAlgorithm i : p.integrity()) hash(i).filter(h -> !hashes.contains(h)).ifPresent(hashes::add);
            if (hashes.isEmpty()) for (PrfAlgorithm f : p.prfs()) hash(f).filter(h -> !hashes.contains(h)).ifPresent(hashes::add);
            for (Encryption e : p.encryption()) {
                Optional<V1EncryptionAlgorithm> enc = encryption(e);
                if (enc.isEmpty()) continue;
                for (V1HashAlgorithm h : hashes) {
                    for (KeyExchangeMethod k : p.keyExchanges()) {
                        Optional<V1Group> g = V1Group.of(k.value());
                        if (g.isEmpty() || !KeyExchanges.isSupported(k) && !KeyExchanges.isLegacy(k)) continue;
                        Phase1Suite s = new Phase1Suite(enc.get(), enc.get() == V1EncryptionAlgorithm.AES_CBC ? e.keyBits() : 0,
                                h, g.get(), k, auth);
                        if (out.stream().noneMatch(s::sameAs)) out.add(s);
                    }
                }
            }
        }
        return out.size() > 255 ? out.subList(0, 255) : out;
    }

    private static Optional<V1EncryptionAlgorithm> encryption(Encryption e) {
        return switch (e.algorithm()) {
            case AES_CBC -> Optional.of(V1EncryptionAlgorithm.AES_CBC);
            case TRIPLE_DES -> Optional.of(V1EncryptionAlgorithm.TRIPLE_DES_CBC);
            default -> Optional.empty();
        };
    }

    private static Optional<V1HashAlgorithm> hash(IntegrityAlgorithm i) {
        return Optional.ofNullable(switch (i) {
            case HMAC_MD5_96 -> V1HashAlgorithm.MD5;
            case HMAC_SHA1_96 -> V1HashAlgorithm.SHA1;
            case HMAC_SHA2_256_128 -> V1HashAlgorithm.SHA2_256;
            case HMAC_SHA2_384_192 -> V1HashAlgorithm.SHA2_384;
            case HMAC_SHA2_512_256 -> V1HashAlgorithm.SHA2_512;
            default -> null;
        });
    }

    private static Optional<V1HashAlgorithm> hash(PrfAlgorithm p) {
        return Optional.ofNullable(switch (p) {
            case HMAC_MD5 -> V1HashAlgorithm.MD5;
            case HMAC_SHA1 -> V1HashAlgorithm.SHA1;
            case HMAC_SHA2_256 -> V1HashAlgorithm.SHA2_256;
            case HMAC_SHA2_384 -> V1HashAlgorithm.SHA2_384;
            case HMAC_SHA2_512 -> V1HashAlgorithm.SHA2_512;
            default -> null;
        });
    }

    /** The initiator's SA payload: one ISAKMP proposal, one transform per suite. */
    static V1Payload.Sa offer(List<Phase1Suite> suites, long lifetimeSeconds) {
        List<V1Transform> ts = new ArrayList<>();
        for (int i = 0; i < suites.size(); i++) ts.add(transform(i + 1, suites.get(i), lifetimeSeconds));
        return V1Payload.Sa.ipsec(List.of(new V1Proposal(1, V1ProtocolId.ISAKMP.value(), io.ike4j.core.codec.v1.Octets.EMPTY, ts)));
    }

    static V1Transform transform(int number, Phase1Suite s, long lifetimeSeconds) {
        List<DataAttribute> a = new ArrayList<>();
        a.add(DataAttribute.basic(Phase1AttributeType.ENCRYPTION_ALGORITHM, s.encryption()));
        if (s.keyBits() != 0) a.add(DataAttribute.basic(Phase1AttributeType.KEY_LENGTH, s.keyBits()));
        a.add(DataAttribute.basic(Phase1AttributeType.HASH_ALGORITHM, s.hash()));
        a.add(DataAttribute.basic(Phase1AttributeType.GROUP_DESCRIPTION, s.group()));
        a.add(DataAttribute.basic(Phase1AttributeType.AUTHENTICATION_METHOD, s.auth()));
        if (lifetimeSeconds > 0) {
            a.add(DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.SECONDS));
            a.add(DataAttribute.lifeDuration(Phase1AttributeType.LIFE_DURATION, Math.min(lifetimeSeconds, 0xffffffffL)));
        }
        return new V1Transform(number, IsakmpTransformId.KEY_IKE.value(), a);
    }

    /** A received transform as a suite and its lifetime in seconds (0 = none given); empty if not understood. */
    static Optional<Choice> parse(V1Transform t) {
        if (t.transformId() != IsakmpTransformId.KEY_IKE.value()) return Optional.empty();
        V1EncryptionAlgorithm enc = null;
        V1HashAlgorithm hash = null;
        V1Group group = null;
        V1AuthMethod auth = null;
        int keyBits = 0;
        V1Lifetimes.Reader life = new V1Lifetimes.Reader(); // RFC 2409 Appendix A: seconds and/or kilobytes, any order
        for (DataAttribute a : t.attributes()) {
            Optional<Phase1AttributeType> type = Phase1AttributeType.of(a.type());
            if (type.isEmpty()) return Optional.empty();
            int v = a.intValue();
            switch (type.get()) {
                case ENCRYPTION_ALGORITHM -> enc = V1EncryptionAlgorithm.of(v).orElse(null);
                case HASH_ALGORITHM -> hash = V1HashAlgorithm.of(v).orElse(null);
                case GROUP_DESCRIPTION -> group = V1Group.of(v).orElse(null);
                case AUTHENTICATION_METHOD -> auth = V1AuthMethod.of(v).orElse(null);
                case KEY_LENGTH -> {
                    if (v <= 0) return Optional.empty();
                    keyBits = v;
                }
                case LIFE_TYPE -> {
                    if (!life.type(a)) return Optional.empty();
                }
                case LIFE_DURATION -> {
                    if (!life.duration(a)) return Optional.empty();
                }
                default -> { return Optional.empty(); } // PRF, custom groups: not supported
            }
        }
        if (enc == null || hash == null || group == null || auth == null) return Optional.empty();
        KeyExchangeMethod ke = KeyExchangeMethod.of(group.value()).orElse(KeyExchangeMethod.NONE);
        return Optional.of(new Choice(new Phase1Suite(enc, keyBits, hash, group, ke, auth), life.life().seconds(), life.life().kilobytes(), null));
    }

    /** Responder: the first of our suites the peer offered; the answer carries the peer's transform unchanged. */
    static Optional<Choice> select(List<Phase1Suite> ours, V1Payload.Sa offered) {
        if (offered.doi() != V1Payload.Sa.DOI_IPSEC || offered.proposals().isEmpty()) return Optional.empty();
        V1Proposal p = offered.proposals().getFirst();
        if (p.protocolId() != V1ProtocolId.ISAKMP.value()) return Optional.empty();
        for (Phase1Suite s : ours) {
            for (V1Transform t : p.transforms()) {
                Optional<Choice> c = parse(t);
                if (c.isPresent() && c.get().suite().sameAs(s)) {
                    V1Payload.Sa answer = new V1Payload.Sa(offered.doi(), offered.situation(),
                            List.of(new V1Proposal(p.number(), p.protocolId(), p.spi(), List.of(t))));
                    return Optional.of(new Choice(c.get().suite(), c.get().lifetimeSeconds(), c.get().lifetimeKilobytes(), answer));
                }
            }
        }
        return Optional.empty();
    }

    /** Initiator: the responder's answer must be one transform equal to one we offered. */
    static Optional<Choice> accept(List<Phase1Suite> ours, V1Payload.Sa answer) {
        if (answer.proposals().size() != 1 || answer.proposals().getFirst().transforms().size() != 1) return Optional.empty();
        if (answer.proposals().getFirst().protocolId() != V1ProtocolId.ISAKMP.value()) return Optional.empty();
        Optional<Choice> c = parse(answer.proposals().getFirst().transforms().getFirst());
        if (c.isEmpty() || ours.stream().noneMatch(s -> s.sameAs(c.get().suite()))) return Optional.empty();
        return c;
    }

    /**
     * RFC 2409 Appendix A allows a phase 1 lifetime in kilobytes; like strongSwan we accept such a transform but only
     * honour its seconds (ISAKMP traffic is a few messages; nothing counts its bytes), and say so in the log.
     */
    static void noteKilobytes(V1Run r, io.ike4j.core.sa.v1.IsakmpSa sa, Choice c) {
        if (c.lifetimeKilobytes() > 0) {
            r.log(io.ike4j.core.engine.EngineLog.Subsystem.IKE, sa, "ISAKMP SA lifetime of " + c.lifetimeKilobytes()
                    + " kilobytes proposed, ignored (only its seconds lifetime applies)");
        }
    }

    static long lifetime(ConnectionConfig c) {
        long base = !c.reauthTime().isZero() ? c.reauthTime().toSeconds() : c.rekeyTime().toSeconds();
        return base > 0 ? base + c.overTime().toSeconds() : 0;
    }
}
