package io.ike4j.core.codec.v1;

import java.util.List;

/** Hand-built IKEv1 payloads and messages covering every payload type and attribute family. */
final class V1Fixtures {
    static final long CKY_I = 0x0102030405060708L;
    static final long CKY_R = 0x1112131415161718L;

    private V1Fixtures() {}

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed + i * 7);
        return b;
    }

    /** Phase 1 proposal: AES-CBC-256 / SHA2-256 / PSK / group 14, life 28800 s (TV) and 86400000 s (TLV). */
    static V1Payload.Sa phase1Sa() {
        V1Transform t1 = new V1Transform(1, IsakmpTransformId.KEY_IKE.value(), List.of(
                DataAttribute.basic(Phase1AttributeType.ENCRYPTION_ALGORITHM, V1EncryptionAlgorithm.AES_CBC),
                DataAttribute.basic(Phase1AttributeType.KEY_LENGTH, 256),
                DataAttribute.basic(Phase1AttributeType.HASH_ALGORITHM, V1HashAlgorithm.SHA2_256),
                DataAttribute.basic(Phase1AttributeType.AUTHENTICATION_METHOD, V1AuthMethod.PRE_SHARED_KEY),
                DataAttribute.basic(Phase1AttributeType.GROUP_DESCRIPTION, V1Group.MODP_2048),
                DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.SECONDS),
                DataAttribute.lifeDuration(Phase1AttributeType.LIFE_DURATION, 28800)));
        V1Transform t2 = new V1Transform(2, IsakmpTransformId.KEY_IKE.value(), List.of(
                DataAttribute.basic(Phase1AttributeType.ENCRYPTION_ALGORITHM, V1EncryptionAlgorithm.TRIPLE_DES_CBC),
                DataAttribute.basic(Phase1AttributeType.HASH_ALGORITHM, V1HashAlgorithm.SHA1),
                DataAttribute.basic(Phase1AttributeType.AUTHENTICATION_METHOD, V1AuthMethod.XAUTH_INIT_PSK),
                DataAttribute.basic(Phase1AttributeType.GROUP_DESCRIPTION, V1Group.ECP_256),
                DataAttribute.basic(Phase1AttributeType.GROUP_TYPE, V1GroupType.ECP),
                DataAttribute.basic(Phase1AttributeType.PRF, 5),
                DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.KILOBYTES),
                DataAttribute.lifeDuration(Phase1AttributeType.LIFE_DURATION, 86_400_000L)));
        return V1Payload.Sa.ipsec(List.of(new V1Proposal(1, V1ProtocolId.ISAKMP.value(), Octets.EMPTY,
                List.of(t1, t2))));
    }

    /** Quick Mode SA: ESP AES-GCM-16 and AES-CBC proposals ANDed with IPCOMP, NAT-T and draft encapsulation, ESN. */
    static V1Payload.Sa phase2Sa() {
        V1Transform gcm = new V1Transform(1, EspTransformId.ESP_AES_GCM_16.value(), List.of(
                DataAttribute.basic(Phase2AttributeType.SA_LIFE_TYPE, V1LifeType.SECONDS),
                DataAttribute.lifeDuration(Phase2AttributeType.SA_LIFE_DURATION, 3600),
                DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE, EncapsulationMode.UDP_ENCAPSULATED_TUNNEL),
                DataAttribute.basic(Phase2AttributeType.KEY_LENGTH, 128),
                DataAttribute.basic(Phase2AttributeType.GROUP_DESCRIPTION, V1Group.ECP_384),
                DataAttribute.basic(Phase2AttributeType.EXTENDED_SEQUENCE_NUMBER, 1)));
        V1Transform cbc = new V1Transform(2, EspTransformId.ESP_AES.value(), List.of(
                DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE,
                        EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT_DRAFT),
                DataAttribute.basic(Phase2AttributeType.AUTHENTICATION_ALGORITHM, V1AuthAlgorithm.HMAC_SHA2_256),
                DataAttribute.basic(Phase2AttributeType.KEY_LENGTH, 256),
                DataAttribute.basic(Phase2AttributeType.SA_LIFE_TYPE, V1LifeType.KILOBYTES),
                DataAttribute.lifeDuration(Phase2AttributeType.SA_LIFE_DURATION, 4_608_000L)));
        V1Proposal esp = new V1Proposal(1, V1ProtocolId.IPSEC_ESP.value(), Octets.of(bytes(4, 9)), List.of(gcm, cbc));
        V1Proposal ipcomp = new V1Proposal(1, V1ProtocolId.IPCOMP.value(), Octets.of(new byte[] {0x12, 0x34}),
                List.of(new V1Transform(1, IpcompTransformId.IPCOMP_DEFLATE.value(), List.of(
                        DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE, EncapsulationMode.TUNNEL)))));
        V1Proposal ah = new V1Proposal(2, V1ProtocolId.IPSEC_AH.value(), Octets.of(bytes(4, 3)), List.of(
                new V1Transform(1, AhTransformId.AH_SHA2_256.value(), List.of(
                        DataAttribute.basic(Phase2AttributeType.AUTHENTICATION_ALGORITHM, V1AuthAlgorithm.HMAC_SHA2_256),
                        DataAttribute.basic(Phase2AttributeType.ENCAPSULATION_MODE, EncapsulationMode.TRANSPORT)))));
        return V1Payload.Sa.ipsec(List.of(esp, ipcomp, ah));
    }

    /** One of every payload type. */
    static List<V1Payload> everyPayload() {
        return List.of(
                phase1Sa(),
                phase2Sa(),
                new V1Payload.KeyExchange(Octets.of(bytes(256, 1))),
                V1Payload.Identification.of(V1IdType.IPV4_ADDR, new byte[] {(byte) 192, 0, 2, 1}),
                new V1Payload.Identification(V1IdType.IPV4_ADDR_SUBNET.value(), 17, 500,
                        Octets.of(new byte[] {10, 1, 0, 0, (byte) 255, (byte) 255, 0, 0})),
                new V1Payload.Identification(V1IdType.IPV4_ADDR_RANGE.value(), 6, 0, Octets.of(bytes(8, 4))),
                V1Payload.Identification.of(V1IdType.IPV6_ADDR, bytes(16, 2)),
                V1Payload.Identification.of(V1IdType.IPV6_ADDR_SUBNET, bytes(32, 2)),
                V1Payload.Identification.of(V1IdType.IPV6_ADDR_RANGE, bytes(32, 5)),
                V1Payload.Identification.fqdn("vpn.example.org"),
                V1Payload.Identification.of(V1IdType.USER_FQDN, "alice@example.org".getBytes()),
                V1Payload.Identification.of(V1IdType.DER_ASN1_DN, bytes(40, 6)),
                V1Payload.Identification.of(V1IdType.KEY_ID, bytes(5, 6)),
                new V1Payload.Certificate(V1CertEncoding.X509_SIGNATURE.value(), Octets.of(bytes(300, 3))),
                new V1Payload.CertificateRequest(V1CertEncoding.X509_SIGNATURE.value(), Octets.of(bytes(20, 8))),
                new V1Payload.CertificateRequest(V1CertEncoding.X509_SIGNATURE.value(), Octets.EMPTY),
                new V1Payload.Hash(Octets.of(bytes(20, 11))),
                new V1Payload.Signature(Octets.of(bytes(64, 12))),
                new V1Payload.Nonce(Octets.of(bytes(32, 13))),
                new V1Payload.Notification(1, V1ProtocolId.ISAKMP.value(), V1NotifyType.R_U_THERE.value(),
                        Octets.of(bytes(16, 14)), Octets.of(new byte[] {0, 0, 0, 7})),
                new V1Payload.Notification(1, V1ProtocolId.IPSEC_ESP.value(), V1NotifyType.RESPONDER_LIFETIME.value(),
                        Octets.of(bytes(4, 15)), Octets.of(new byte[] {(byte) 0x80, 1, 0, 1})),
                new V1Payload.Notification(1, V1ProtocolId.ISAKMP.value(), V1NotifyType.INITIAL_CONTACT.value(),
                        Octets.of(bytes(16, 16)), Octets.EMPTY),
                new V1Payload.Notification(1, V1ProtocolId.IPSEC_ESP.value(), V1NotifyType.REPLAY_STATUS.value(),
                        Octets.of(bytes(4, 1)), Octets.of(new byte[] {0, 0, 0, 1})),
                new V1Payload.Notification(0, V1ProtocolId.ISAKMP.value(), V1NotifyType.NO_PROPOSAL_CHOSEN.value(),
                        Octets.EMPTY, Octets.EMPTY),
                new V1Payload.Delete(1, V1ProtocolId.ISAKMP.value(), 16, List.of(Octets.of(bytes(16, 17)))),
                new V1Payload.Delete(1, V1ProtocolId.IPSEC_ESP.value(), 4,
                        List.of(Octets.of(bytes(4, 18)), Octets.of(bytes(4, 19)))),
                new V1Payload.VendorId(Octets.ofHex("afcad71368a1f1c96b8696fc77570100")),
                new V1Payload.NatDiscovery(V1PayloadType.NAT_D.value(), Octets.of(bytes(20, 20))),
                new V1Payload.NatDiscovery(V1PayloadType.NAT_D_DRAFT.value(), Octets.of(bytes(32, 21))),
                new V1Payload.NatOriginalAddress(V1PayloadType.NAT_OA.value(), V1IdType.IPV4_ADDR.value(),
                        Octets.of(new byte[] {10, 0, 0, 2})),
                new V1Payload.NatOriginalAddress(V1PayloadType.NAT_OA_DRAFT.value(), V1IdType.IPV6_ADDR.value(),
                        Octets.of(bytes(16, 22))),
                new V1Payload.Attribute(CfgType.CFG_REQUEST.value(), 0x1234, List.of(
                        DataAttribute.basic(ModeCfgAttributeType.XAUTH_TYPE, 0),
                        DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_NAME.value(), new byte[0]),
                        DataAttribute.variable(ModeCfgAttributeType.XAUTH_USER_PASSWORD.value(), new byte[0]))),
                new V1Payload.Attribute(CfgType.CFG_REPLY.value(), 7, List.of(
                        DataAttribute.variable(ModeCfgAttributeType.INTERNAL_IP4_ADDRESS.value(), new byte[] {10, 3, 0, 1}),
                        DataAttribute.variable(ModeCfgAttributeType.INTERNAL_IP4_DNS.value(), new byte[] {8, 8, 8, 8}),
                        DataAttribute.basic(ModeCfgAttributeType.XAUTH_STATUS, 1))),
                new V1Payload.Unknown(200, Octets.of(bytes(9, 23))));
    }

    static IsakmpHeader header(V1ExchangeType type, long mid) {
        return IsakmpHeader.of(CKY_I, CKY_R, type, false, mid);
    }

    /** Main Mode MM1..MM4 in the clear (RFC 2409 5, with RFC 3947 NAT-D and vendor IDs). */
    static List<IsakmpMessage> mainMode() {
        IsakmpHeader mm1 = IsakmpHeader.of(CKY_I, 0, V1ExchangeType.IDENTITY_PROTECTION, false, 0);
        IsakmpHeader h = header(V1ExchangeType.IDENTITY_PROTECTION, 0);
        V1Payload vidNatT = new V1Payload.VendorId(Octets.ofHex("4a131c81070358455c5728f20e95452f"));
        V1Payload vidDpd = new V1Payload.VendorId(Octets.ofHex("afcad71368a1f1c96b8696fc77570100"));
        return List.of(
                new IsakmpMessage(mm1, List.of(phase1Sa(), vidNatT, vidDpd)),
                new IsakmpMessage(h, List.of(phase1Sa(), vidNatT, vidDpd)),
                new IsakmpMessage(h, List.of(new V1Payload.KeyExchange(Octets.of(bytes(256, 30))),
                        new V1Payload.Nonce(Octets.of(bytes(32, 31))),
                        new V1Payload.NatDiscovery(20, Octets.of(bytes(32, 32))),
                        new V1Payload.NatDiscovery(20, Octets.of(bytes(32, 33))))),
                new IsakmpMessage(h, List.of(new V1Payload.KeyExchange(Octets.of(bytes(256, 34))),
                        new V1Payload.Nonce(Octets.of(bytes(32, 35))),
                        new V1Payload.NatDiscovery(20, Octets.of(bytes(32, 36))),
                        new V1Payload.NatDiscovery(20, Octets.of(bytes(32, 37))))));
    }

    /** The plaintext chains of MM5 and QM1. */
    static List<List<V1Payload>> encryptedChains() {
        return List.of(
                List.of(V1Payload.Identification.of(V1IdType.IPV4_ADDR, new byte[] {(byte) 192, 0, 2, 1}),
                        new V1Payload.Hash(Octets.of(bytes(32, 40))),
                        new V1Payload.Notification(1, 1, V1NotifyType.INITIAL_CONTACT.value(),
                                Octets.of(bytes(16, 41)), Octets.EMPTY)),
                List.of(new V1Payload.Hash(Octets.of(bytes(32, 42))), phase2Sa(),
                        new V1Payload.Nonce(Octets.of(bytes(32, 43))),
                        new V1Payload.KeyExchange(Octets.of(bytes(97, 44))),
                        new V1Payload.Identification(V1IdType.IPV4_ADDR_SUBNET.value(), 0, 0,
                                Octets.of(new byte[] {10, 1, 0, 0, (byte) 255, (byte) 255, 0, 0})),
                        new V1Payload.Identification(V1IdType.IPV4_ADDR_SUBNET.value(), 0, 0,
                                Octets.of(new byte[] {10, 2, 0, 0, (byte) 255, (byte) 255, 0, 0})),
                        new V1Payload.NatOriginalAddress(21, 1, Octets.of(new byte[] {10, 0, 0, 2}))));
    }
}
