package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.ChildSaKeys;
import io.ike4j.core.crypto.IkeKeyDerivation;
import io.ike4j.core.crypto.KeyMaterialLengths;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.policy.NarrowingResult;
import io.ike4j.core.policy.SelectorCheck;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalSelection;
import io.ike4j.core.proposal.ProposalSelector;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.proposal.ResponseCheck;
import io.ike4j.core.sa.ChildOffer;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.FollowupKe;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.ChildTransforms;
import io.ike4j.core.sa.IkeSa;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first CHILD_SA in IKE_AUTH (RFC 7296 1.2, 2.9, 2.17): ESP proposals with our inbound SPI, TSi/TSr with
 * narrowing, USE_TRANSPORT_MODE, KEYMAT split. Failures (NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE) affect only the child.
 */
public final class ChildCreateUnit {
    private ChildCreateUnit() {}

    /** A random ESP SPI, never 0..255 (RFC 4303 2.1 reserves them), never one this engine already uses inbound. */
    public static int newSpi(Session s) {
        while (true) {
            int spi = ByteBuffer.wrap(s.context().random().bytes(4)).getInt();
            if (Integer.compareUnsigned(spi, 256) >= 0 && s.registry().reserveChildSpi(spi)) return spi;
        }
    }

    private static byte[] spiBytes(int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }

    /** Initiator: the payloads offering {@code config}; remembers the offer in the SA. */
    public static List<Payload> offer(Session s, IkeSa sa, ChildConfig config) {
        ChildSa child = new ChildSa(s.registry().nextId(), config, newSpi(s));
        List<ProposalSubstructure> props = ProposalUnit.offer(
                ProposalUnit.withoutKeyExchange(ProposalUnit.parse(ProtocolId.ESP, config.espProposals())), spiBytes(child.inboundSpi()));
        List<TrafficSelectorSubstructure> tsi = SelectorUnit.offerLocal(config.localTs(), sa);
        List<TrafficSelectorSubstructure> tsr = SelectorUnit.offer(config.remoteTs(), sa.remote.address());
        boolean transport = config.mode() == ChildConfig.Mode.TRANSPORT;
        sa.childOffer = new ChildOffer(child, props, tsi, tsr, transport);
        List<Payload> out = new ArrayList<>();
        if (transport) out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        out.add(new SecurityAssociationPayload(props));
        out.add(new TrafficSelectorPayload(true, tsi));
        out.add(new TrafficSelectorPayload(false, tsr));
        return out;
    }

    /** Nonces and key exchange for CHILD_SA keying: IKE_AUTH uses the IKE SA's nonces and never a KE (RFC 7296 1.2, 1.3). */
    public record ChildKeying(byte[] ni, byte[] nr, boolean createChildSa, Optional<KeyExchangePayload> ke, boolean deferOutbound) {
        public ChildKeying(byte[] ni, byte[] nr, boolean createChildSa, Optional<KeyExchangePayload> ke) {
            this(ni, nr, createChildSa, ke, false);
        }
    }

    /** The responder's outcome: the payloads for the response, and the new CHILD_SA if one was installed. */
    public record Negotiated(List<Payload> payloads, Optional<ChildSa> child) {}

    /** Responder in IKE_AUTH: negotiates the CHILD_SA of the request; returns the payloads for the response. */
    public static List<Payload> respond(Session s, IkeSa sa, IkeMessage request) {
        if (request.first(SecurityAssociationPayload.class).isEmpty()) return List.of();
        return negotiate(s, sa, request, null, new ChildKeying(sa.nonceI, sa.nonceR, false, Optional.empty())).payloads();
    }

    /**
     * Responder: negotiates a CHILD_SA (IKE_AUTH or CREATE_CHILD_SA). {@code fixed} is the configuration of a CHILD_SA
     * being rekeyed (null: pick by traffic selectors). With a KE transform chosen (PFS) a matching KE payload is
     * required, else INVALID_KE_PAYLOAD names the group we want (RFC 7296 1.3).
     */
    public static Negotiated negotiate(Session s, IkeSa sa, IkeMessage request, ChildConfig fixed, ChildKeying k) {
        return negotiate(s, sa, request, fixed, k, null);
    }

    /**
     * As above; {@code rekeyed} is the CHILD_SA a CREATE_CHILD_SA rekeys (or null). With additional key exchanges in
     * the chosen proposal (RFC 9370 2.2.4) the CHILD_SA is not installed yet: the response carries
     * N(ADDITIONAL_KEY_EXCHANGE) and {@link FollowupKeExchange} installs it after the IKE_FOLLOWUP_KE exchanges.
     */
    public static Negotiated negotiate(Session s, IkeSa sa, IkeMessage request, ChildConfig fixed, ChildKeying k,
                                       ChildSa rekeyed) {
        Optional<SecurityAssociationPayload> saP = request.first(SecurityAssociationPayload.class);
        if (saP.isEmpty()) return new Negotiated(List.of(), Optional.empty());
        List<TrafficSelectorPayload> tss = request.all(TrafficSelectorPayload.class);
        List<TrafficSelectorSubstructure> tsi = tss.stream().filter(TrafficSelectorPayload::initiator).findFirst()
                .map(TrafficSelectorPayload::selectors).orElse(List.of());
        List<TrafficSelectorSubstructure> tsr = tss.stream().filter(t -> !t.initiator()).findFirst()
                .map(TrafficSelectorPayload::selectors).orElse(List.of());
        if (tsi.size() > SelectorUnit.MAX_PEER_SELECTORS || tsr.size() > SelectorUnit.MAX_PEER_SELECTORS) {
            return failed(s, sa, null, NotifyType.TS_UNACCEPTABLE, tsi.size() + " TSi / " + tsr.size()
                    + " TSr selectors, more than " + SelectorUnit.MAX_PEER_SELECTORS + " per payload");
        }
        ChildConfig config = null;
        List<TrafficSelectorSubstructure> nTsi = List.of(), nTsr = List.of();
        for (ChildConfig c : fixed != null ? List.of(fixed) : sa.connection.children()) {
            // RFC 7296 2.9: narrow to the first CHILD_SA configuration both sides overlap with
            if (SelectorUnit.narrow(c, sa, tsi, tsr)
                    instanceof NarrowingResult.Narrowed n) {
                nTsi = SelectorUnit.wire(n.tsi());
                nTsr = SelectorUnit.wire(n.tsr());
                config = c;
                break;
            }
        }
        if (config == null) return failed(s, sa, null, NotifyType.TS_UNACCEPTABLE, "no matching traffic selectors");
        List<Proposal> ours = ProposalUnit.parse(ProtocolId.ESP, config.espProposals());
        if (!k.createChildSa()) ours = ProposalUnit.withoutKeyExchange(ours);
        ProposalSelection sel = ProposalSelector.select(ours, saP.get().proposals(), ProposalSelector.Preference.CONFIGURED,
                k.ke().flatMap(p -> KeyExchangeMethod.of(p.group())));
        if (!(sel instanceof ProposalSelection.Chosen chosen) || chosen.spi().length != 4) {
            return failed(s, sa, config.name(), NotifyType.NO_PROPOSAL_CHOSEN, "no acceptable ESP proposal");
        }
        ChildTransforms t = ProposalUnit.childTransforms(chosen.proposal());
        byte[] shared = new byte[0];
        byte[] kePublic = null;
        if (t.keyExchange() != KeyExchangeMethod.NONE) {
            if (k.ke().isEmpty() || k.ke().get().group() != t.keyExchange().value()) {
                return new Negotiated(List.of(KeyExchangeUnit.invalidKe(t.keyExchange())), Optional.empty());
            }
            try {
                KeyExchangeResponse ker = KeyExchangeUnit.respond(t.keyExchange(), k.ke().get().data(), s);
                shared = ker.sharedSecret();
                kePublic = ker.publicValue();
                ker.destroy();
            } catch (KeyExchangeException e) {
                return failed(s, sa, config.name(), NotifyType.INVALID_SYNTAX, "bad KE payload: " + e.reason());
            }
        }
        boolean transport = config.mode() == ChildConfig.Mode.TRANSPORT
                && SupportNotifies.has(request, NotifyType.USE_TRANSPORT_MODE);
        ChildSa child = new ChildSa(s.registry().nextId(), config, newSpi(s));
        ProposalSubstructure answer = new ProposalSubstructure(chosen.wire().number(), chosen.wire().protocolId(),
                spiBytes(child.inboundSpi()), chosen.wire().transforms());
        int outbound = ByteBuffer.wrap(chosen.spi()).getInt();
        List<KeyExchangeMethod> additional = k.createChildSa() ? IkeIntermediateExchange.additional(chosen.proposal()) : List.of();
        if (!additional.isEmpty()) { // RFC 9370 2.2.4: installed once the IKE_FOLLOWUP_KE exchanges are done
            FollowupKe f = new FollowupKe(false, additional, shared, new FollowupKe.Target.Child(child, rekeyed, outbound, t,
                    transport, nTsr, nTsi, k.ni(), k.nr()));
            java.util.Arrays.fill(shared, (byte) 0);
            sa.followup = f;
            List<Payload> out = new ArrayList<>();
            if (transport) out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
            out.add(new SecurityAssociationPayload(List.of(answer)));
            if (kePublic != null) out.add(KeyExchangeUnit.payload(t.keyExchange(), kePublic));
            out.add(new TrafficSelectorPayload(true, nTsi));
            out.add(new TrafficSelectorPayload(false, nTsr));
            out.add(FollowupKeExchange.newLink(s, f));
            return new Negotiated(out, Optional.of(child));
        }
        boolean ok = install(s, sa, child, outbound, t, transport, nTsr, nTsi, k.ni(), k.nr(), shared, new byte[0], false, k.deferOutbound());
        java.util.Arrays.fill(shared, (byte) 0);
        if (!ok) return failed(s, sa, config.name(), NotifyType.NO_PROPOSAL_CHOSEN, "CHILD_SA keys unavailable");
        List<Payload> out = new ArrayList<>();
        if (transport) out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        out.add(new SecurityAssociationPayload(List.of(answer)));
        if (kePublic != null) out.add(KeyExchangeUnit.payload(t.keyExchange(), kePublic));
        out.add(new TrafficSelectorPayload(true, nTsi));
        out.add(new TrafficSelectorPayload(false, nTsr));
        return new Negotiated(out, Optional.of(child));
    }

    private static Negotiated failed(Session s, IkeSa sa, String child, NotifyType type, String reason) {
        return new Negotiated(childFailure(s, sa, child, type, reason), Optional.empty());
    }

    private static List<Payload> childFailure(Session s, IkeSa sa, String child, NotifyType type, String reason) {
        s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA failed: " + reason);
        s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), child == null ? "" : child, type.value(), reason));
        return List.of(NotifyPayload.of(type, new byte[0]));
    }

    /** Initiator: completes the offered CHILD_SA from the IKE_AUTH response (or reports its failure). */
    public static void complete(Session s, IkeSa sa, IkeMessage response) {
        ChildOffer offer = sa.childOffer;
        sa.childOffer = null;
        if (offer == null) return;
        String name = offer.child().name();
        Optional<SecurityAssociationPayload> saP = response.first(SecurityAssociationPayload.class);
        if (saP.isEmpty()) {
            int type = response.all(NotifyPayload.class).stream().filter(NotifyPayload::isError)
                    .mapToInt(NotifyPayload::notifyType).findFirst().orElse(0);
            s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), name, type, "CHILD_SA not created by peer"));
            return;
        }
        ResponseCheck check = ProposalSelector.checkResponse(offer.proposals(), saP.get().proposals());
        List<TrafficSelectorSubstructure> tsi = response.all(TrafficSelectorPayload.class).stream()
                .filter(TrafficSelectorPayload::initiator).findFirst().map(TrafficSelectorPayload::selectors).orElse(List.of());
        List<TrafficSelectorSubstructure> tsr = response.all(TrafficSelectorPayload.class).stream()
                .filter(t -> !t.initiator()).findFirst().map(TrafficSelectorPayload::selectors).orElse(List.of());
        if (!(check instanceof ResponseCheck.Accepted accepted) || accepted.wire().spi().length != 4) {
            s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), name, NotifyType.NO_PROPOSAL_CHOSEN.value(),
                    "invalid ESP proposal in response"));
            return;
        }
        if (SelectorUnit.check(offer.tsi(), offer.tsr(), tsi, tsr) instanceof SelectorCheck.Rejected) { // RFC 7296 2.9
            s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), name, NotifyType.TS_UNACCEPTABLE.value(),
                    "traffic selectors not within our offer"));
            return;
        }
        boolean transport = offer.transport() && SupportNotifies.has(response, NotifyType.USE_TRANSPORT_MODE);
        int outbound = ByteBuffer.wrap(accepted.wire().spi()).getInt();
        if (!install(s, sa, offer.child(), outbound, ProposalUnit.childTransforms(accepted.proposal()), transport, tsi, tsr,
                sa.nonceI, sa.nonceR, new byte[0])) {
            s.event(new SaEvent.ChildSaFailed(sa.id(), sa.connectionName(), name, 0, "CHILD_SA keys unavailable"));
        }
    }

    static boolean install(Session s, IkeSa sa, ChildSa child, int outboundSpi, ChildTransforms t, boolean transport,
                           List<TrafficSelectorSubstructure> localTs, List<TrafficSelectorSubstructure> remoteTs,
                           byte[] ni, byte[] nr, byte[] sharedSecret) {
        return install(s, sa, child, outboundSpi, t, transport, localTs, remoteTs, ni, nr, sharedSecret, new byte[0],
                sa.isInitiator(), false);
    }

    /**
     * As above with {@code additional} = SK(1) | ... | SK(n) of additional key exchanges (RFC 9370 2.2.4), and
     * {@code exchangeInitiator}: whether we initiated the exchange creating the CHILD_SA. RFC 7296 2.17 takes the
     * initiator-to-responder keys first, the initiator being that of the exchange: for a CREATE_CHILD_SA started by
     * the IKE SA's responder the directions are the other way round than in IKE_AUTH. {@code deferOutbound}: the
     * responder of a CHILD_SA rekey keeps sending on the old SA until it is deleted (make-before-break).
     */
    static boolean install(Session s, IkeSa sa, ChildSa child, int outboundSpi, ChildTransforms t, boolean transport,
                           List<TrafficSelectorSubstructure> localTs, List<TrafficSelectorSubstructure> remoteTs,
                           byte[] ni, byte[] nr, byte[] sharedSecret, byte[] additional, boolean exchangeInitiator,
                           boolean deferOutbound) {
        ChildSaKeys km;
        byte[] skD = sa.keys.skD();
        try {
            // RFC 7296 2.17: KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr); RFC 9370 2.2.4: ... | SK(1) | ... | SK(n)
            km = IkeKeyDerivation.childSaKeys(EngineCrypto.prf(s, sa.transforms.prf()), skD, sharedSecret, ni, nr, additional,
                    KeyMaterialLengths.encryption(t.encryption(), t.encryptionKeyBits()),
                    KeyMaterialLengths.integrity(t.integrity()));
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return false;
        } finally {
            java.util.Arrays.fill(skD, (byte) 0);
        }
        byte[] inEncr = exchangeInitiator ? km.encryptionResponderToInitiator() : km.encryptionInitiatorToResponder();
        byte[] inInteg = exchangeInitiator ? km.integrityResponderToInitiator() : km.integrityInitiatorToResponder();
        byte[] outEncr = exchangeInitiator ? km.encryptionInitiatorToResponder() : km.encryptionResponderToInitiator();
        byte[] outInteg = exchangeInitiator ? km.integrityInitiatorToResponder() : km.integrityResponderToInitiator();
        km.wipe();
        ChildSaSpec.Mode mode = transport ? ChildSaSpec.Mode.TRANSPORT : ChildSaSpec.Mode.TUNNEL;
        ChildConfig c = child.config();
        ChildSaSpec spec = new ChildSaSpec(sa.id(), child.id(), sa.connectionName(), c.name(),
                c.reqid() != 0 ? c.reqid() : (int) child.id(), ProtocolId.ESP, mode, sa.local, sa.remote,
                sa.natLocal || sa.natRemote, t.esn(), c.replayWindow(),
                new ChildSaSpec.DirectionKeys(child.inboundSpi(), t.encryption(), t.encryptionKeyBits(), t.integrity(),
                        inEncr, inInteg),
                new ChildSaSpec.DirectionKeys(outboundSpi, t.encryption(), t.encryptionKeyBits(), t.integrity(),
                        outEncr, outInteg),
                localTs, remoteTs,
                new ChildSaSpec.Lifetimes(c.rekeyTime().toSeconds(), c.lifeTime().toSeconds(), c.rekeyBytes(),
                        c.lifeBytes(), c.rekeyPackets(), c.lifePackets()));
        for (byte[] k : new byte[][] {inEncr, inInteg, outEncr, outInteg}) java.util.Arrays.fill(k, (byte) 0);
        child.negotiated(outboundSpi, t, mode, localTs, remoteTs, s.now().getEpochSecond());
        sa.children.add(child);
        s.emit(new EngineOutput.InstallChildSa(spec, deferOutbound));
        s.log(EngineLog.Subsystem.CHILD, sa, String.format("CHILD_SA %s{%d} established with SPIs %08x_i %08x_o",
                c.name(), child.id(), child.inboundSpi(), outboundSpi));
        s.event(new SaEvent.ChildSaEstablished(sa.id(), sa.connectionName(), child.id(), c.name(), SaInfos.child(sa, child)));
        ChildRekeyUnit.armTimers(s, sa, child);
        return true;
    }
}
