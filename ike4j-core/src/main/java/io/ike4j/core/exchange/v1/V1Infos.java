package io.ike4j.core.exchange.v1;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.exchange.SaInfos;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.Phase1Suite;

/** Display snapshots of IKEv1 SAs in the IKEv2 shapes (version 1), with strongSwan's spellings; never key material. */
final class V1Infos {
    private V1Infos() {}

    static IkeSaInfo ike(IsakmpSa sa) {
        Phase1Suite s = sa.suite;
        String state = switch (sa.step) {
            case ESTABLISHED -> "ESTABLISHED";
            case DELETING -> "DELETING";
            case DESTROYED -> "DESTROYED";
            default -> "CONNECTING";
        };
        return new IkeSaInfo(sa.id(), sa.connectionName(), state, 1, sa.local, sa.remote,
                sa.localId == null ? "" : sa.localId.toString(), sa.remoteId == null ? "" : sa.remoteId.toString(),
                sa.cookieI, sa.cookieR, sa.isInitiator(),
                s == null ? "" : s.encryption() == io.ike4j.core.codec.v1.V1EncryptionAlgorithm.AES_CBC
                        ? SaInfos.name(EncryptionAlgorithm.AES_CBC) : "3DES_CBC",
                s == null ? 0 : s.effectiveKeyBits(),
                s == null ? "" : integrityName(s), s == null ? "" : prfName(s),
                s == null ? "" : SaInfos.name(s.keyExchange()), sa.natLocal, sa.natRemote, sa.establishedAtEpochSecond,
                sa.children.stream().map(c -> child(sa, c)).toList(), sa.cfg.assigned, // Mode Config: ours, the peer's
                sa.cfg.leased.stream().map(io.ike4j.core.pool.PoolAssignment::address).toList());
    }

    private static String integrityName(Phase1Suite s) {
        return switch (s.hash()) {
            case MD5 -> "HMAC_MD5_96";
            case SHA1 -> "HMAC_SHA1_96";
            case SHA2_256 -> "HMAC_SHA2_256_128";
            case SHA2_384 -> "HMAC_SHA2_384_192";
            case SHA2_512 -> "HMAC_SHA2_512_256";
            case TIGER -> "";
        };
    }

    private static String prfName(Phase1Suite s) {
        return switch (s.hash()) {
            case MD5 -> "PRF_HMAC_MD5";
            case SHA1 -> "PRF_HMAC_SHA1";
            case SHA2_256 -> "PRF_HMAC_SHA2_256";
            case SHA2_384 -> "PRF_HMAC_SHA2_384";
            case SHA2_512 -> "PRF_HMAC_SHA2_512";
            case TIGER -> "";
        };
    }

    static ChildSaInfo child(IsakmpSa sa, IpsecSa c) {
        boolean rekeyed = sa.retiringChildren.contains(c.id()) || superseded(sa, c);
        return new ChildSaInfo(c.id(), c.name(), rekeyed ? "REKEYED" : "INSTALLED", c.transport() ? "TRANSPORT" : "TUNNEL", "ESP",
                c.udpEncapsulation(), c.inboundSpi(), c.outboundSpi(), SaInfos.name(c.suite().encryption()),
                c.suite().keyBits(), c.suite().integrity() == IntegrityAlgorithm.NONE ? "" : SaInfos.name(c.suite().integrity()),
                SaInfos.name(c.suite().pfsGroup()), false,
                c.localTs().stream().map(V1Selectors::display).toList(),
                c.remoteTs().stream().map(V1Selectors::display).toList(), c.installedAtEpochSecond());
    }

    /**
     * Whether a newer pair of the same CHILD with the same selectors was installed after {@code c} on this ISAKMP SA:
     * the peer rekeyed it and keeps the old one to its hard lifetime (strongSwan's IKEv1 default, delete_rekeyed = no),
     * which strongSwan lists as REKEYED too.
     */
    private static boolean superseded(IsakmpSa sa, IpsecSa c) {
        boolean after = false;
        for (IpsecSa o : sa.children) {
            if (o == c) after = true;
            else if (after && sameChild(o, c)) return true;
        }
        return false;
    }

    /**
     * The newest older pair {@code c} replaces: the same CHILD with the same selectors on this ISAKMP SA (IKEv1 has no
     * rekey notify; RFC 2409 5.5 leaves the old SA until it expires or is deleted).
     */
    static java.util.Optional<IpsecSa> replacedBy(IsakmpSa sa, IpsecSa c) {
        IpsecSa found = null;
        for (IpsecSa o : sa.children) {
            if (o == c) break;
            if (sameChild(o, c)) found = o;
        }
        return java.util.Optional.ofNullable(found);
    }

    private static boolean sameChild(IpsecSa a, IpsecSa b) {
        return a.name().equals(b.name()) && a.localTs().equals(b.localTs()) && a.remoteTs().equals(b.remoteTs());
    }
}
