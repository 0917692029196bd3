package io.ike4j.core.exchange;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildTransforms;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeTransforms;

/** Display snapshots (list-sas) with strongSwan's algorithm spellings; never key material. */
public final class SaInfos {
    private SaInfos() {}

    public static String name(EncryptionAlgorithm e) {
        return e == null ? "" : e == EncryptionAlgorithm.CHACHA20_POLY1305 ? "CHACHA20_POLY1305" : e.name();
    }

    public static String name(IntegrityAlgorithm i) {
        return i == null || i == IntegrityAlgorithm.NONE ? "" : i.name();
    }

    public static String name(PrfAlgorithm p) {
        return p == null ? "" : "PRF_" + p.name();
    }

    public static String name(KeyExchangeMethod k) {
        if (k == null || k == KeyExchangeMethod.NONE) return "";
        return switch (k) {
            case CURVE25519 -> "CURVE_25519";
            case CURVE448 -> "CURVE_448";
            default -> k.name();
        };
    }

    /** Caller holds the SA lock. */
    public static IkeSaInfo ike(IkeSa sa) {
        IkeTransforms t = sa.transforms;
        return new IkeSaInfo(sa.id(), sa.connectionName(), sa.state.swanctlName(), 2, sa.local, sa.remote,
                sa.localId == null ? "" : sa.localId.toString(), sa.remoteId == null ? "" : sa.remoteId.toString(),
                sa.initiatorSpi(), sa.responderSpi, sa.isInitiator(),
                t == null ? "" : name(t.encryption()), t == null ? 0 : t.encryptionKeyBits(),
                t == null ? "" : name(t.integrity()), t == null ? "" : name(t.prf()),
                t == null ? "" : name(t.keyExchange()), sa.natLocal, sa.natRemote, sa.establishedAtEpochSecond,
                sa.children.stream().map(c -> child(sa, c)).toList(), sa.vips.assigned, sa.vips.peerAddresses());
    }

    public static ChildSaInfo child(IkeSa sa, ChildSa c) {
        ChildTransforms t = c.transforms();
        return new ChildSaInfo(c.id(), c.name(), c.state().name(), c.mode().name(), "ESP", sa.natLocal || sa.natRemote,
                c.inboundSpi(), c.outboundSpi(), t == null ? "" : name(t.encryption()), t == null ? 0 : t.encryptionKeyBits(),
                t == null ? "" : name(t.integrity()), t == null ? "" : name(t.keyExchange()), t != null && t.esn(),
                c.localTs().stream().map(SelectorUnit::display).toList(),
                c.remoteTs().stream().map(SelectorUnit::display).toList(), c.installedAt());
    }
}
