package io.ike4j.core.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProposalSelectorTest {
    private static final byte[] SPI = {(byte) 0xc1, 2, 3, 4};

    private static List<Proposal> cfg(ProtocolId p, String s) throws ProposalParseException {
        return ProposalParser.parse(p, s);
    }

    /** The peer's proposals numbered from 1, each with SPI {@link #SPI}. */
    private static List<ProposalSubstructure> offer(ProtocolId p, String s) throws ProposalParseException {
        List<ProposalSubstructure> out = new ArrayList<>();
        List<Proposal> ps = ProposalParser.parse(p, s);
        for (int i = 0; i < ps.size(); i++) out.add(ps.get(i).toSubstructure(i + 1, p == ProtocolId.IKE ? new byte[0] : SPI));
        return out;
    }

    private static ProposalSelection.Chosen chosen(ProposalSelection s) {
        assertThat(s).isInstanceOf(ProposalSelection.Chosen.class);
        return (ProposalSelection.Chosen) s;
    }

    @Test
    void firstOfferedNotAcceptableSecondChosenWithPeerNumberAndSpi() throws Exception {
        var c = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes256gcm16"),
                offer(ProtocolId.ESP, "aes128-sha1,aes128gcm16-aes256gcm16"), ProposalSelector.Preference.CONFIGURED));
        assertThat(c.number()).isEqualTo(2);
        assertThat(c.spi()).containsExactly(SPI);
        assertThat(c.proposal()).hasToString("AES_GCM_16_256/NO_EXT_SEQ");
        assertThat(c.wire().transforms()).containsExactly(
                new TransformSubstructure(1, 20, List.of(TransformAttribute.keyLength(256))),
                new TransformSubstructure(5, 0, List.of()));
    }

    @Test
    void oneTransformOfEachTypeInConfiguredOrPeerOrder() throws Exception {
        List<Proposal> ours = cfg(ProtocolId.IKE, "aes256-aes128-sha384-sha256-ecp384-modp2048");
        List<ProposalSubstructure> theirs = offer(ProtocolId.IKE, "aes128-aes256-sha256-sha384-modp2048-ecp384");
        var mine = chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.CONFIGURED));
        assertThat(mine.proposal()).hasToString("AES_CBC_256/HMAC_SHA2_384_192/PRF_HMAC_SHA2_384/ECP_384");
        var peer = chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.PEER));
        assertThat(peer.proposal()).hasToString("AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048");
    }

    @Test
    void preferConfiguredVersusPeerAcrossProposals() throws Exception {
        List<Proposal> ours = cfg(ProtocolId.ESP, "aes256gcm16,aes128-sha256");
        List<ProposalSubstructure> theirs = offer(ProtocolId.ESP, "aes128-sha256,aes256gcm16");
        assertThat(chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.CONFIGURED)).number()).isEqualTo(2);
        assertThat(chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.PEER)).number()).isEqualTo(1);
    }

    @Test
    void esnMustMatch() throws Exception {
        assertThat(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16-esn"), offer(ProtocolId.ESP, "aes128gcm16"),
                ProposalSelector.Preference.CONFIGURED)).isInstanceOf(ProposalSelection.NoProposalChosen.class);
        var c = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16-esn-noesn"),
                offer(ProtocolId.ESP, "aes128gcm16-noesn-esn"), ProposalSelector.Preference.CONFIGURED));
        assertThat(c.proposal().esn()).containsExactly(EsnMode.ESN);
    }

    @Test
    void pfsGroupMustMatchAndNoneMakesItOptional() throws Exception {
        assertThat(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16-modp2048"), offer(ProtocolId.ESP, "aes128gcm16"),
                ProposalSelector.Preference.CONFIGURED)).isInstanceOf(ProposalSelection.NoProposalChosen.class);
        var c = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16"),
                offer(ProtocolId.ESP, "aes128gcm16-ecp256-none"), ProposalSelector.Preference.CONFIGURED));
        assertThat(c.proposal().keyExchanges()).containsExactly(KeyExchangeMethod.NONE);
        var c2 = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16-ecp256-none"),
                offer(ProtocolId.ESP, "aes128gcm16"), ProposalSelector.Preference.CONFIGURED));
        assertThat(c2.proposal().keyExchanges()).isEmpty();
    }

    @Test
    void unknownTransformIdsAreSkippedUnknownTypeRejectsProposal() throws Exception {
        Proposal aes = ProposalParser.parseOne(ProtocolId.IKE, "aes128gcm16-prfsha256-x25519");
        List<TransformSubstructure> t = new ArrayList<>();
        t.add(new TransformSubstructure(1, 1234, List.of()));                 // unknown cipher id: skipped
        t.addAll(aes.toSubstructure(1, new byte[0]).transforms());
        var c = chosen(ProposalSelector.select(List.of(aes), List.of(new ProposalSubstructure(1, 1, new byte[0], t)),
                ProposalSelector.Preference.CONFIGURED));
        assertThat(c.proposal()).isEqualTo(aes);

        List<TransformSubstructure> t2 = new ArrayList<>(aes.toSubstructure(1, new byte[0]).transforms());
        t2.add(new TransformSubstructure(250, 1, List.of()));                // unknown type: whole proposal out
        ProposalSubstructure bad = new ProposalSubstructure(1, 1, new byte[0], t2);
        assertThat(ProposalSelector.select(List.of(aes), List.of(bad), ProposalSelector.Preference.CONFIGURED))
                .isInstanceOf(ProposalSelection.NoProposalChosen.class);
        var c2 = chosen(ProposalSelector.select(List.of(aes), List.of(bad, aes.toSubstructure(2, new byte[0])),
                ProposalSelector.Preference.PEER));
        assertThat(c2.number()).isEqualTo(2);
    }

    @Test
    void aeadVersusClassicInMixedPeerProposal() throws Exception {
        // a peer proposal listing both AEAD and classic ciphers plus an integrity algorithm
        Proposal mixed = Proposal.builder(ProtocolId.ESP).encryption(EncryptionAlgorithm.AES_GCM_16, 128)
                .encryption(EncryptionAlgorithm.AES_CBC, 128).integrity(IntegrityAlgorithm.HMAC_SHA2_256_128)
                .esn(EsnMode.NO_ESN).build();
        var aead = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128gcm16"),
                List.of(mixed.toSubstructure(1, SPI)), ProposalSelector.Preference.CONFIGURED));
        assertThat(aead.proposal().integrity()).isEmpty();
        var classic = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128-sha256"),
                List.of(mixed.toSubstructure(1, SPI)), ProposalSelector.Preference.CONFIGURED));
        assertThat(classic.proposal()).hasToString("AES_CBC_128/HMAC_SHA2_256_128/NO_EXT_SEQ");
        // AEAD peer proposal with explicit integrity NONE gets NONE back
        Proposal withNone = Proposal.builder(ProtocolId.ESP).encryption(EncryptionAlgorithm.AES_GCM_16, 256)
                .integrity(IntegrityAlgorithm.NONE).esn(EsnMode.NO_ESN).build();
        var n = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes256gcm16"), List.of(withNone.toSubstructure(1, SPI)),
                ProposalSelector.Preference.CONFIGURED));
        assertThat(n.proposal().integrity()).containsExactly(IntegrityAlgorithm.NONE);
        assertThat(ProposalSelector.select(cfg(ProtocolId.ESP, "aes128-sha256"), offer(ProtocolId.ESP, "aes128gcm16"),
                ProposalSelector.Preference.CONFIGURED)).isInstanceOf(ProposalSelection.NoProposalChosen.class);
    }

    @Test
    void protocolAndKeyLengthMustMatch() throws Exception {
        assertThat(ProposalSelector.select(cfg(ProtocolId.ESP, "aes256-sha256"), offer(ProtocolId.ESP, "aes128-sha256"),
                ProposalSelector.Preference.CONFIGURED)).isInstanceOf(ProposalSelection.NoProposalChosen.class);
        assertThat(ProposalSelector.select(cfg(ProtocolId.AH, "sha256"), offer(ProtocolId.ESP, "aes128-sha256"),
                ProposalSelector.Preference.CONFIGURED)).isInstanceOf(ProposalSelection.NoProposalChosen.class);
    }

    @Test
    void defaultConfigAcceptsTypicalPeers() throws Exception {
        var c = chosen(ProposalSelector.select(cfg(ProtocolId.IKE, "default"),
                offer(ProtocolId.IKE, "aes256gcm16-prfsha384-x25519"), ProposalSelector.Preference.CONFIGURED));
        assertThat(c.proposal()).hasToString("AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519");
    }

    @Test
    void receivedKeHintAvoidsInvalidKe() throws Exception {
        List<Proposal> ours = cfg(ProtocolId.IKE, "aes128-sha256-ecp256-x25519");
        List<ProposalSubstructure> theirs = offer(ProtocolId.IKE, "aes128-sha256-x25519-ecp256");
        var noHint = chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.CONFIGURED));
        assertThat(noHint.proposal().keyExchanges()).containsExactly(KeyExchangeMethod.ECP_256);
        assertThat(KeyExchangeNegotiation.groupToRequest(noHint.proposal(), 31)).contains(KeyExchangeMethod.ECP_256);
        var hinted = chosen(ProposalSelector.select(ours, theirs, ProposalSelector.Preference.CONFIGURED,
                Optional.of(KeyExchangeMethod.CURVE25519)));
        assertThat(hinted.proposal().keyExchanges()).containsExactly(KeyExchangeMethod.CURVE25519);
        assertThat(KeyExchangeNegotiation.groupToRequest(hinted.proposal(), 31)).isEmpty();
    }

    @Test
    void initiatorKeHelpers() throws Exception {
        List<Proposal> ours = cfg(ProtocolId.IKE, "aes128-sha256-x25519-ecp256,aes256gcm16-prfsha384-modp3072");
        assertThat(KeyExchangeNegotiation.initialGuess(ours)).contains(KeyExchangeMethod.CURVE25519);
        assertThat(KeyExchangeNegotiation.acceptRequested(ours, 15)).contains(KeyExchangeMethod.MODP_3072);
        assertThat(KeyExchangeNegotiation.acceptRequested(ours, 14)).isEmpty();
        assertThat(KeyExchangeNegotiation.acceptRequested(ours, 999)).isEmpty();
        assertThat(KeyExchangeNegotiation.acceptRequested(ours, 0)).isEmpty();
    }

    @Test
    void responseValidation() throws Exception {
        List<ProposalSubstructure> offered = offer(ProtocolId.ESP, "aes128-aes256-sha256-sha1,aes256gcm16-ecp256-none");
        // a responder's valid choice, built by our own selector
        var chosen = chosen(ProposalSelector.select(cfg(ProtocolId.ESP, "aes256-sha1"), offered,
                ProposalSelector.Preference.CONFIGURED));
        var ok = ProposalSelector.checkResponse(offered, List.of(chosen.wire()));
        assertThat(ok).isInstanceOf(ResponseCheck.Accepted.class);
        assertThat(((ResponseCheck.Accepted) ok).proposal()).hasToString("AES_CBC_256/HMAC_SHA1_96/NO_EXT_SEQ");

        // the whole offer echoed back: more than one transform per type
        assertThat(ProposalSelector.checkResponse(offered, List.of(offered.get(0)))).isInstanceOf(ResponseCheck.Rejected.class);
        // wrong proposal number
        ProposalSubstructure renumbered = new ProposalSubstructure(2, 3, SPI, chosen.wire().transforms());
        assertThat(ProposalSelector.checkResponse(offered, List.of(renumbered))).isInstanceOf(ResponseCheck.Rejected.class);
        // a transform we did not offer
        ProposalSubstructure foreign = Proposal.builder(ProtocolId.ESP).encryption(EncryptionAlgorithm.AES_CBC, 192)
                .integrity(IntegrityAlgorithm.HMAC_SHA1_96).esn(EsnMode.NO_ESN).build().toSubstructure(1, SPI);
        assertThat(ProposalSelector.checkResponse(offered, List.of(foreign))).isInstanceOf(ResponseCheck.Rejected.class);
        // a missing mandatory type (integrity)
        ProposalSubstructure noInteg = new ProposalSubstructure(1, 3, SPI, List.of(
                new TransformSubstructure(1, 12, List.of(TransformAttribute.keyLength(128))),
                new TransformSubstructure(5, 0, List.of())));
        assertThat(ProposalSelector.checkResponse(offered, List.of(noInteg))).isInstanceOf(ResponseCheck.Rejected.class);
        // no or two proposals
        assertThat(ProposalSelector.checkResponse(offered, List.of())).isInstanceOf(ResponseCheck.Rejected.class);
        assertThat(ProposalSelector.checkResponse(offered, List.of(chosen.wire(), chosen.wire())))
                .isInstanceOf(ResponseCheck.Rejected.class);
        // KE left out is fine where we offered NONE
        ProposalSubstructure gcmNoKe = Proposal.builder(ProtocolId.ESP).encryption(EncryptionAlgorithm.AES_GCM_16, 256)
                .esn(EsnMode.NO_ESN).build().toSubstructure(2, SPI);
        assertThat(ProposalSelector.checkResponse(offered, List.of(gcmNoKe))).isInstanceOf(ResponseCheck.Accepted.class);
    }
}
