package io.ike4j.core.proposal;

import static io.ike4j.core.proposal.EncryptionAlgorithm.AES_CBC;
import static io.ike4j.core.proposal.EncryptionAlgorithm.AES_GCM_12;
import static io.ike4j.core.proposal.EncryptionAlgorithm.AES_GCM_16;
import static io.ike4j.core.proposal.EncryptionAlgorithm.AES_GCM_8;
import static io.ike4j.core.proposal.EncryptionAlgorithm.CHACHA20_POLY1305;
import static io.ike4j.core.proposal.IntegrityAlgorithm.AES_XCBC_96;
import static io.ike4j.core.proposal.IntegrityAlgorithm.HMAC_SHA1_96;
import static io.ike4j.core.proposal.IntegrityAlgorithm.HMAC_SHA2_256_128;
import static io.ike4j.core.proposal.IntegrityAlgorithm.HMAC_SHA2_384_192;
import static io.ike4j.core.proposal.IntegrityAlgorithm.HMAC_SHA2_512_256;

import java.util.List;

/**
 * The proposals the keyword {@code default} stands for, modelled on strongSwan 5.9.8
 * ({@code proposal_create_default} and {@code proposal_create_default_aead}) with the usual openssl
 * plugin set. strongSwan builds them in rounds of decreasing security strength: algorithms with at
 * least 128-bit strength first (AES 128/192/256, SHA-2, ECP/Curve25519/Curve448, MODP &ge; 3072), then
 * weaker ones (SHA-1, AES-XCBC, MODP 2048). 3DES, MD5, MODP &lt; 2048 and RFC 5114 groups are left out.
 * For IKE the classic proposal comes first, then the AEAD one; for ESP the AEAD proposal (AES-GCM-16)
 * comes first, then the classic one, both with {@code noesn}. For AH one integrity-only proposal.
 */
public final class DefaultProposals {
    private static final PrfAlgorithm[] IKE_PRFS = {PrfAlgorithm.HMAC_SHA2_256, PrfAlgorithm.HMAC_SHA2_384,
        PrfAlgorithm.HMAC_SHA2_512, PrfAlgorithm.AES128_XCBC, PrfAlgorithm.AES128_CMAC, PrfAlgorithm.HMAC_SHA1};
    private static final KeyExchangeMethod[] IKE_KES = {KeyExchangeMethod.ECP_256, KeyExchangeMethod.ECP_384,
        KeyExchangeMethod.ECP_521, KeyExchangeMethod.BRAINPOOL_P256R1, KeyExchangeMethod.BRAINPOOL_P384R1,
        KeyExchangeMethod.BRAINPOOL_P512R1, KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448,
        KeyExchangeMethod.MODP_3072, KeyExchangeMethod.MODP_4096, KeyExchangeMethod.MODP_6144,
        KeyExchangeMethod.MODP_8192, KeyExchangeMethod.MODP_2048};
    private static final IntegrityAlgorithm[] INTEGRITY = {HMAC_SHA2_256_128, HMAC_SHA2_384_192, HMAC_SHA2_512_256,
        HMAC_SHA1_96, AES_XCBC_96};

    private static final List<Proposal> IKE = List.of(ikeClassic(), ikeAead());
    private static final List<Proposal> ESP = List.of(espAead(), espClassic());
    private static final List<Proposal> AH = List.of(
            Proposal.builder(ProtocolId.AH).integrity(INTEGRITY).esn(EsnMode.NO_ESN).build());

    private DefaultProposals() {
    }

    public static List<Proposal> of(ProtocolId protocol) {
        return switch (protocol) {
            case IKE -> IKE;
            case ESP -> ESP;
            case AH -> AH;
        };
    }

    private static Proposal ikeClassic() {
        Proposal.Builder b = Proposal.builder(ProtocolId.IKE);
        for (int bits : new int[] {128, 192, 256}) b.encryption(AES_CBC, bits);
        return b.integrity(HMAC_SHA2_256_128, HMAC_SHA2_384_192, HMAC_SHA2_512_256, AES_XCBC_96,
                        IntegrityAlgorithm.AES_CMAC_96, HMAC_SHA1_96)
                .prf(IKE_PRFS).keyExchange(IKE_KES).build();
    }

    private static Proposal ikeAead() {
        Proposal.Builder b = Proposal.builder(ProtocolId.IKE);
        for (int bits : new int[] {128, 192, 256}) b.encryption(AES_GCM_16, bits);
        b.encryption(CHACHA20_POLY1305, 0);
        for (EncryptionAlgorithm weaker : new EncryptionAlgorithm[] {AES_GCM_12, AES_GCM_8}) {
            for (int bits : new int[] {128, 192, 256}) b.encryption(weaker, bits);
        }
        return b.prf(IKE_PRFS).keyExchange(IKE_KES).build();
    }

    private static Proposal espAead() {
        Proposal.Builder b = Proposal.builder(ProtocolId.ESP);
        for (int bits : new int[] {128, 192, 256}) b.encryption(AES_GCM_16, bits);
        return b.esn(EsnMode.NO_ESN).build();
    }

    private static Proposal espClassic() {
        Proposal.Builder b = Proposal.builder(ProtocolId.ESP);
        for (int bits : new int[] {128, 192, 256}) b.encryption(AES_CBC, bits);
        return b.integrity(INTEGRITY).esn(EsnMode.NO_ESN).build();
    }
}
