package io.ike4j.core.proposal;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A typed SA proposal (RFC 7296 3.3): for each transform type the acceptable algorithms in order of
 * preference. {@code additionalKeyExchanges} always has seven entries, ADDKE1..ADDKE7 (RFC 9370), each
 * possibly empty or containing {@link KeyExchangeMethod#NONE}. {@code unrecognized} keeps transforms
 * received from a peer that this model cannot represent (unknown type, unknown id, missing or
 * unsupported attributes); they are never chosen, and an unknown <em>type</em> makes the whole
 * proposal unselectable (RFC 7296 3.3.6).
 */
public record Proposal(ProtocolId protocol, List<Encryption> encryption, List<IntegrityAlgorithm> integrity,
                       List<PrfAlgorithm> prfs, List<KeyExchangeMethod> keyExchanges, List<EsnMode> esn,
                       List<List<KeyExchangeMethod>> additionalKeyExchanges, List<TransformSubstructure> unrecognized) {
    public static final int MAX_ADDITIONAL_KE = 7;

    public Proposal {
        if (protocol == null) throw new IllegalArgumentException("protocol is null");
        encryption = distinct(encryption);
        integrity = distinct(integrity);
        prfs = distinct(prfs);
        keyExchanges = distinct(keyExchanges);
        esn = distinct(esn);
        if (additionalKeyExchanges.size() != MAX_ADDITIONAL_KE) {
            throw new IllegalArgumentException("additionalKeyExchanges must have 7 entries (ADDKE1..7)");
        }
        additionalKeyExchanges = additionalKeyExchanges.stream().map(Proposal::distinct).toList();
        unrecognized = List.copyOf(unrecognized);
    }

    private static <T> List<T> distinct(List<T> list) {
        return List.copyOf(new LinkedHashSet<>(list));
    }

    public static Builder builder(ProtocolId protocol) {
        return new Builder(protocol);
    }

    /** The algorithms for ADDKE{@code n}, n in 1..7. */
    public List<KeyExchangeMethod> additionalKeyExchange(int n) {
        return additionalKeyExchanges.get(n - 1);
    }

    /** True if all encryption algorithms are AEAD (and there is at least one). */
    public boolean isAead() {
        return !encryption.isEmpty() && encryption.stream().allMatch(Encryption::isAead);
    }

    /** RFC 7296 3.3.6: a proposal with a transform type we do not know must be rejected as a whole. */
    public boolean hasUnrecognizedTransformType() {
        return unrecognized.stream().anyMatch(t -> t.transformType().isEmpty());
    }

    /** Transform types present in this proposal (including unrecognized transforms of known types). */
    public List<TransformType> transformTypes() {
        List<TransformType> types = new ArrayList<>();
        for (TransformType t : TransformType.values()) {
            if (!idsOf(t).isEmpty() || unrecognized.stream().anyMatch(u -> u.type() == t.value())) types.add(t);
        }
        return types;
    }

    /** The recognized transforms of one type, as wire ids in order. */
    List<Integer> idsOf(TransformType type) {
        return switch (type) {
            case ENCR -> encryption.stream().map(e -> e.algorithm().value()).toList();
            case PRF -> prfs.stream().map(IanaValue::value).toList();
            case INTEG -> integrity.stream().map(IanaValue::value).toList();
            case KE -> keyExchanges.stream().map(IanaValue::value).toList();
            case ESN -> esn.stream().map(IanaValue::value).toList();
            default -> additionalKeyExchange(type.value() - TransformType.ADDKE1.value() + 1).stream()
                    .map(IanaValue::value).toList();
        };
    }

    /**
     * This proposal without KE and ADDKEn transforms: for the Child SA created with IKE_AUTH, whose keys
     * come from the IKE SA (RFC 7296 1.2; strongSwan strips the KE methods from ESP proposals there).
     */
    public Proposal withoutKeyExchanges() {
        return new Proposal(protocol, encryption, integrity, prfs, List.of(), esn,
                java.util.Collections.nCopies(MAX_ADDITIONAL_KE, List.of()), unrecognized);
    }

    /** The wire form with the given proposal number and SPI (RFC 7296 3.3.1). */
    public ProposalSubstructure toSubstructure(int number, byte[] spi) {
        List<TransformSubstructure> t = new ArrayList<>();
        for (Encryption e : encryption) {
            t.add(new TransformSubstructure(TransformType.ENCR.value(), e.algorithm().value(),
                    e.keyBits() == 0 ? List.of() : List.of(TransformAttribute.keyLength(e.keyBits()))));
        }
        prfs.forEach(p -> t.add(new TransformSubstructure(TransformType.PRF, p.value())));
        integrity.forEach(i -> t.add(new TransformSubstructure(TransformType.INTEG, i.value())));
        keyExchanges.forEach(k -> t.add(new TransformSubstructure(TransformType.KE, k.value())));
        esn.forEach(e -> t.add(new TransformSubstructure(TransformType.ESN, e.value())));
        for (int n = 1; n <= MAX_ADDITIONAL_KE; n++) {
            TransformType type = TransformType.of(TransformType.ADDKE1.value() + n - 1).orElseThrow();
            additionalKeyExchange(n).forEach(k -> t.add(new TransformSubstructure(type, k.value())));
        }
        t.addAll(unrecognized);
        return new ProposalSubstructure(number, protocol.value(), spi, t);
    }

    /**
     * The typed view of a received proposal; empty if the protocol id is unknown. Transforms that cannot
     * be represented are kept in {@link #unrecognized()} (RFC 7296 3.3.6).
     */
    public static Optional<Proposal> fromSubstructure(ProposalSubstructure wire) {
        Optional<ProtocolId> protocol = wire.protocol();
        if (protocol.isEmpty()) return Optional.empty();
        Builder b = builder(protocol.get());
        for (TransformSubstructure t : wire.transforms()) {
            if (!addFromWire(b, t)) b.unrecognized.add(t);
        }
        return Optional.of(b.build());
    }

    private static boolean addFromWire(Builder b, TransformSubstructure t) {
        Optional<TransformType> type = t.transformType();
        if (type.isEmpty()) return false;
        Optional<Integer> keyLength = t.keyLength();
        // RFC 7296 3.3.6: a transform with an unknown attribute is not acceptable; only Key Length exists.
        if (t.attributes().size() != (keyLength.isPresent() ? 1 : 0)) return false;
        if (type.get() == TransformType.ENCR) {
            Optional<EncryptionAlgorithm> alg = EncryptionAlgorithm.of(t.id());
            if (alg.isEmpty()) return false;
            int bits = keyLength.orElse(0);
            if (alg.get().hasVariableKeyLength() ? !alg.get().acceptsKeyLength(bits) : keyLength.isPresent()) {
                return false;
            }
            b.encryption.add(new Encryption(alg.get(), bits));
            return true;
        }
        if (keyLength.isPresent()) return false;
        switch (type.get()) {
            case PRF -> { return PrfAlgorithm.of(t.id()).map(b.prfs::add).isPresent(); }
            case INTEG -> { return IntegrityAlgorithm.of(t.id()).map(b.integrity::add).isPresent(); }
            case KE -> { return KeyExchangeMethod.of(t.id()).map(b.keyExchanges::add).isPresent(); }
            case ESN -> { return EsnMode.of(t.id()).map(b.esn::add).isPresent(); }
            default -> {
                int n = type.get().value() - TransformType.ADDKE1.value();
                return KeyExchangeMethod.of(t.id()).map(b.additional.get(n)::add).isPresent();
            }
        }
    }

    /** strongSwan's notation as swanctl logs it, e.g. {@code AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519}. */
    @Override
    public String toString() {
        return ProposalNames.strongSwanNotation(this);
    }

    /** As strongSwan logs proposals, with the protocol: {@code IKE:AES_CBC_128/HMAC_SHA2_256_128/...}. */
    public String toLogString() {
        return protocol + ":" + this;
    }

    /** The swanctl.conf keyword form, e.g. {@code aes256gcm16-prfsha384-x25519}; parses back to an equal proposal. */
    public String toKeywords() {
        return ProposalNames.keywords(this);
    }

    /** Accumulates algorithms in order; duplicates are dropped. */
    public static final class Builder {
        private final ProtocolId protocol;
        final List<Encryption> encryption = new ArrayList<>();
        final List<IntegrityAlgorithm> integrity = new ArrayList<>();
        final List<PrfAlgorithm> prfs = new ArrayList<>();
        final List<KeyExchangeMethod> keyExchanges = new ArrayList<>();
        final List<EsnMode> esn = new ArrayList<>();
        final List<List<KeyExchangeMethod>> additional = new ArrayList<>();
        final List<TransformSubstructure> unrecognized = new ArrayList<>();

        private Builder(ProtocolId protocol) {
            this.protocol = protocol;
            for (int i = 0; i < MAX_ADDITIONAL_KE; i++) additional.add(new ArrayList<>());
        }

        public Builder encryption(EncryptionAlgorithm alg, int keyBits) {
            encryption.add(new Encryption(alg, keyBits));
            return this;
        }

        public Builder encryption(Encryption e) {
            encryption.add(e);
            return this;
        }

        public Builder integrity(IntegrityAlgorithm... algs) {
            Collections.addAll(integrity, algs);
            return this;
        }

        public Builder prf(PrfAlgorithm... algs) {
            Collections.addAll(prfs, algs);
            return this;
        }

        public Builder keyExchange(KeyExchangeMethod... methods) {
            Collections.addAll(keyExchanges, methods);
            return this;
        }

        public Builder esn(EsnMode... modes) {
            Collections.addAll(esn, modes);
            return this;
        }

        /** Adds methods for ADDKE{@code n} (RFC 9370), n in 1..7. */
        public Builder additionalKeyExchange(int n, KeyExchangeMethod... methods) {
            if (n < 1 || n > MAX_ADDITIONAL_KE) throw new IllegalArgumentException("ADDKE index " + n);
            Collections.addAll(additional.get(n - 1), methods);
            return this;
        }

        public Builder unrecognized(TransformSubstructure t) {
            unrecognized.add(t);
            return this;
        }

        boolean has(TransformType type) {
            return switch (type) {
                case ENCR -> !encryption.isEmpty();
                case PRF -> !prfs.isEmpty();
                case INTEG -> !integrity.isEmpty();
                case KE -> !keyExchanges.isEmpty();
                case ESN -> !esn.isEmpty();
                default -> !additional.get(type.value() - TransformType.ADDKE1.value()).isEmpty();
            };
        }

        public Proposal build() {
            return new Proposal(protocol, encryption, integrity, prfs, keyExchanges, esn, additional, unrecognized);
        }
    }

    static String join(List<String> parts, String sep) {
        StringJoiner j = new StringJoiner(sep);
        parts.forEach(j::add);
        return j.toString();
    }
}
