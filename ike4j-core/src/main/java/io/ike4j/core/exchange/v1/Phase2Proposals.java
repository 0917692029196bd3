package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.codec.v1.EncapsulationMode;
import io.ike4j.core.codec.v1.EspTransformId;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.Phase2AttributeType;
import io.ike4j.core.codec.v1.V1AuthAlgorithm;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1Proposal;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.codec.v1.V1Transform;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.exchange.ProposalUnit;
import io.ike4j.core.proposal.Encryption;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.v1.Phase2Suite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quick Mode SA negotiation for ESP (RFC 2409 5.5, RFC 2407 4.4.4/4.5): each configured ESP proposal becomes one
 * Proposal payload whose transforms are complete suites (cipher, key length, authentication algorithm, PFS group,
 * encapsulation mode, lifetime). UDP-encapsulated modes per RFC 3947 5 (and the draft values on receipt).
 */
final class Phase2Proposals {
    private Phase2Proposals() {}

    /** What the responder chose, with the peer's SPI and the attributes that came with the transform. */
    record Choice(Phase2Suite suite, int peerSpi, boolean transport, boolean udpEncapsulated, V1Lifetimes.Life life,
                  V1Proposal answer) {
        long lifetimeSeconds() {
            return life.seconds();
        }
    }

    /** Our suites per configured proposal, PFS group included (the first usable one of each proposal). */
    static List<List<Phase2Suite>> configured(ChildConfig c) {
        List<List<Phase2Suite>> out = new ArrayList<>();
        for (Proposal p : ProposalUnit.parse(ProtocolId.ESP, c.espProposals())) {
            KeyExchangeMethod pfs = p.keyExchanges().stream().filter(k -> k != KeyExchangeMethod.NONE)
                    .filter(k -> KeyExchanges.isSupported(k) || KeyExchanges.isLegacy(k)).findFirst().orElse(KeyExchangeMethod.NONE);
            if (!p.keyExchanges().isEmpty() && pfs == KeyExchangeMethod.NONE
                    && p.keyExchanges().stream().noneMatch(k -> k == KeyExchangeMethod.NONE)) continue;
            List<Phase2Suite> suites = new ArrayList<>();
            for (Encryption e : p.encryption()) {
                if (espId(e.algorithm()).isEmpty()) continue;
                if (e.isAead()) {
                    suites.add(new Phase2Suite(e.algorithm(), e.keyBits(), IntegrityAlgorithm.NONE, pfs));
                } else {
                    for (IntegrityAlgorithm i : p.integrity()) {
                        if (authAlgorithm(i).isPresent()) suites.add(new Phase2Suite(e.algorithm(), e.keyBits(), i, pfs));
                    }
                }
            }
            if (!suites.isEmpty()) out.add(suites);
        }
        return out;
    }

    static Optional<EspTransformId> espId(EncryptionAlgorithm a) {
        return Optional.ofNullable(switch (a) {
            case AES_CBC -> EspTransformId.ESP_AES;
            case TRIPLE_DES -> EspTransformId.ESP_3DES;
            case AES_GCM_8 -> EspTransformId.ESP_AES_GCM_8;
            case AES_GCM_12 -> EspTransformId.ESP_AES_GCM_12;
            case AES_GCM_16 -> EspTransformId.ESP_AES_GCM_16;
            case AES_CTR -> EspTransformId.ESP_AES_CTR;
            case NULL -> EspTransformId.ESP_NULL;
            default -> null;
        });
    }

    private static Optional<EncryptionAlgorithm> encryption(int espId) {
        return EspTransformId.of(espId).map(t -> switch (t) {
            case ESP_AES -> EncryptionAlgorithm.AES_CBC;
            case ESP_3DES -> EncryptionAlgorithm.TRIPLE_DES;
            case ESP_AES_GCM_8 -> EncryptionAlgorithm.AES_GCM_8;
            case ESP_AES_GCM_12 -> EncryptionAlgorithm.AES_GCM_12;
            case ESP_AES_GCM_16 -> EncryptionAlgorithm.AES_GCM_16;
            case ESP_AES_CTR -> EncryptionAlgorithm.AES_CTR;
            case ESP_NULL -> EncryptionAlgorithm.NULL;
            default -> null;
        });
    }

    static Optional<V1AuthAlgorithm> authAlgorithm(IntegrityAlgorithm i) {
        return Optional.ofNullable(switch (i) {
            case HMAC_MD5_96 -> V1AuthAlgorithm.HMAC_MD5;
            case HMAC_SHA1_96 -> V1AuthAlgorithm.HMAC_SHA1;
            case HMAC_SHA2_256_128 -> V1AuthAlgorithm.HMAC_SHA2_256;
            case HMAC_SHA2_384_192 -> V1AuthAlgorithm.HMAC_SHA2_384;
            case HMAC_SHA2_512_256 -> V1AuthAlgorithm.HMAC_SHA2_512;
            case AES_XCBC_96 -> V1AuthAlgorithm.AES_XCBC_MAC;
            default -> null;
        });
    }

    private static Optional<IntegrityAlgorithm> integrity(int v) {
        return V1AuthAlgorithm.of(v).map(a -> switch (a) {
            case HMAC_MD5 -> IntegrityAlgorithm.HMAC_MD5_96;
            case HMAC_SHA1 -> IntegrityAlgorithm.HMAC_SHA1_96;
            case HMAC_SHA2_256 -> IntegrityAlgorithm.HMAC_SHA2_256_128;
            case HMAC_SHA2_384 -> IntegrityAlgorithm.HMAC_SHA2_384_192;
            case HMAC_SHA2_512 -> IntegrityAlgorithm.HMAC_SHA2_512_256;
            case AES_XCBC_MAC -> IntegrityAlgorithm.AES_XCBC_96;
            default -> null;
        });
    }

    static EncapsulationMode mode(boolean transport, boolean udp) {
        if (udp) return transport ? EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT : EncapsulationMode.UDP_ENCAPSULATED_TUNNEL;
        return transport ? EncapsulationMode.TRANSPORT : EncapsulationMode.TUNNEL;
    }

    /** The initiator's SA payload, all proposals carrying our inbound SPI. */
    static V1Payload.Sa offer(List<List<Phase2Suite>> proposals, int spi, boolean transport, boolean udp, V1Lifetimes.Life lifetime) {
        List<V1Proposal> ps = new ArrayList<>();
        Octets spiBytes = Octets.of(ByteBuffer.allocate(4).putInt(spi).array());
        for (int n = 0; n < proposals.size() && n < 255; n++) {
            List<V1Transform> ts = new ArrayList<>();
            for (Phase2Suite s : proposals.get(n)) ts.add(transform(ts.size() + 1, s, mode(transport, udp), lifetime));
            ps.add(new V1Proposal(n + 1, V1ProtocolId.IPSEC_ESP.value(), spiBytes, ts));
        }
        return V1Payload.Sa.ipsec(ps);
    }

    private static V1Transform transform(int number, Phase2Suite s, EncapsulationMode mode, V1Lifetimes.Life lifetime) {
        // RFC 2407 4.5: a seconds pair, and a kilobytes pair with life_bytes (strongSwan sends both the same way)
        List<DataAttribute> a = new ArrayList<>(V1Lifetimes.attributes(Phase2AttributeType.SA_LIFE_TYPE,
                Phase2AttributeType.SA_LIFE_DURATION, lifetime));
        if (s.pfsGroup() != KeyExchangeMethod.NONE) a.add(DataAttribute.basic(Phase2AttributeType.GROUP_DESCRIPTION, s.pfsGroup()));
        a.add(DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE, mode));
        authAlgorithm(s.integrity()).ifPresent(x -> a.add(DataAttribute.basic(Phase2AttributeType.AUTHENTICATION_ALGORITHM, x)));
        if (s.keyBits() != 0) a.add(DataAttribute.basic(Phase2AttributeType.KEY_LENGTH, s.keyBits()));
        return new V1Transform(number, espId(s.encryption()).orElseThrow().value(), a);
    }

    /** A received transform: its suite, mode and lifetime; empty if anything in it is unknown or unsupported. */
    static Optional<Choice> parse(V1Transform t, int peerSpi) {
        Optional<EncryptionAlgorithm> enc = encryption(t.transformId());
        if (enc.isEmpty()) return Optional.empty();
        IntegrityAlgorithm integ = IntegrityAlgorithm.NONE;
        KeyExchangeMethod group = KeyExchangeMethod.NONE;
        int keyBits = 0;
        V1Lifetimes.Reader life = new V1Lifetimes.Reader();
        EncapsulationMode mode = EncapsulationMode.TUNNEL;
        for (DataAttribute a : t.attributes()) {
            Optional<Phase2AttributeType> type = Phase2AttributeType.of(a.type());
            if (type.isEmpty()) return Optional.empty();
            int v = a.intValue();
            switch (type.get()) {
                case SA_LIFE_TYPE -> {
                    if (!life.type(a)) return Optional.empty(); // unknown life type: transform not acceptable
                }
                case SA_LIFE_DURATION -> {
                    if (!life.duration(a)) return Optional.empty();
                }
                case GROUP_DESCRIPTION -> {
                    Optional<KeyExchangeMethod> k = KeyExchangeMethod.of(v);
                    if (k.isEmpty()) return Optional.empty();
                    group = k.get();
                }
                case ENCAPSULATION_MODE -> {
                    Optional<EncapsulationMode> m = EncapsulationMode.of(v);
                    if (m.isEmpty()) return Optional.empty();
                    mode = m.get();
                }
                case AUTHENTICATION_ALGORITHM -> {
                    Optional<IntegrityAlgorithm> i = integrity(v);
                    if (i.isEmpty()) return Optional.empty();
                    integ = i.get();
                }
                case KEY_LENGTH -> {
                    if (v <= 0) return Optional.empty();
                    keyBits = v;
                }
                case EXTENDED_SEQUENCE_NUMBER -> {
                    if (v != 0) return Optional.empty();
                }
                default -> { return Optional.empty(); }
            }
        }
        if (enc.get() == EncryptionAlgorithm.AES_CBC && keyBits == 0) keyBits = 128;
        if (enc.get().hasVariableKeyLength() ? !enc.get().acceptsKeyLength(keyBits) : keyBits != 0) return Optional.empty();
        if (!enc.get().isAead() && integ == IntegrityAlgorithm.NONE && enc.get() != EncryptionAlgorithm.NULL) return Optional.empty();
        boolean transport = mode == EncapsulationMode.TRANSPORT || mode == EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT
                || mode == EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT_DRAFT;
        boolean udp = mode != EncapsulationMode.TRANSPORT && mode != EncapsulationMode.TUNNEL;
        return Optional.of(new Choice(new Phase2Suite(enc.get(), keyBits, integ, group), peerSpi, transport, udp, life.life(), null));
    }

    /** Responder: our first configured suite the peer offered (one ESP proposal at a time; AH bundles not supported). */
    static Optional<Choice> select(List<List<Phase2Suite>> ours, V1Payload.Sa offered, int ourSpi) {
        if (offered.doi() != V1Payload.Sa.DOI_IPSEC) return Optional.empty();
        for (List<Phase2Suite> mine : ours) {
            for (Phase2Suite s : mine) {
                for (V1Proposal p : offered.proposals()) {
                    if (p.protocolId() != V1ProtocolId.IPSEC_ESP.value() || p.spi().length() != 4) continue;
                    if (offered.proposals().stream().filter(q -> q.number() == p.number()).count() > 1) continue;
                    int peerSpi = ByteBuffer.wrap(p.spi().bytes()).getInt();
                    for (V1Transform t : p.transforms()) {
                        Optional<Choice> c = parse(t, peerSpi);
                        if (c.isPresent() && c.get().suite().equals(s)) {
                            V1Proposal answer = new V1Proposal(p.number(), p.protocolId(),
                                    Octets.of(ByteBuffer.allocate(4).putInt(ourSpi).array()), List.of(t));
                            Choice x = c.get();
                            return Optional.of(new Choice(x.suite(), peerSpi, x.transport(), x.udpEncapsulated(),
                                    x.life(), answer));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Initiator: the answer must be one ESP proposal with one transform that we offered. */
    static Optional<Choice> accept(List<List<Phase2Suite>> ours, V1Payload.Sa answer) {
        if (answer.proposals().size() != 1) return Optional.empty();
        V1Proposal p = answer.proposals().getFirst();
        if (p.protocolId() != V1ProtocolId.IPSEC_ESP.value() || p.spi().length() != 4 || p.transforms().size() != 1) {
            return Optional.empty();
        }
        Optional<Choice> c = parse(p.transforms().getFirst(), ByteBuffer.wrap(p.spi().bytes()).getInt());
        if (c.isEmpty() || ours.stream().flatMap(List::stream).noneMatch(c.get().suite()::equals)) return Optional.empty();
        return c;
    }
}
