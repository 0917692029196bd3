package io.ike4j.core.codec.v1;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One ISAKMP payload (RFC 2408 3.4-3.16, RFC 2407 4.6, RFC 3947, draft-dukes-ike-mode-cfg). {@link #payloadType()}
 * is the number carried in the preceding Next Payload field. The generic header's RESERVED byte must be zero
 * (checked on decode, written as zero), so decode→encode is byte-exact. Proposal and Transform payloads only occur
 * inside {@link Sa}.
 */
public sealed interface V1Payload {

    int payloadType();

    default Optional<V1PayloadType> knownType() {
        return V1PayloadType.of(payloadType());
    }

    /** RFC 2408 3.4, RFC 2407 4.6.1: DOI 1 (IPsec) and the situation bitmap (SIT_IDENTITY_ONLY = 1). */
    record Sa(long doi, long situation, List<V1Proposal> proposals) implements V1Payload {
        public static final long DOI_IPSEC = 1;
        public static final long SIT_IDENTITY_ONLY = 1;

        public Sa {
            proposals = List.copyOf(proposals);
        }

        public static Sa ipsec(List<V1Proposal> proposals) {
            return new Sa(DOI_IPSEC, SIT_IDENTITY_ONLY, proposals);
        }

        public int payloadType() {
            return V1PayloadType.SA.value();
        }
    }

    /** RFC 2408 3.7. */
    record KeyExchange(Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.KE.value();
        }
    }

    /**
     * RFC 2408 3.8 with the IPsec DOI's fields (RFC 2407 4.6.2): ID type ({@link V1IdType}), IP protocol and port
     * (zero in Phase 1 unless the peer says otherwise), identification data.
     */
    record Identification(int idType, int protocolId, int port, Octets data) implements V1Payload {
        public Identification {
            if (idType < 0 || idType > 0xff || protocolId < 0 || protocolId > 0xff || port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("ID type/protocol/port out of range");
            }
        }

        public static Identification of(V1IdType type, byte[] data) {
            return new Identification(type.value(), 0, 0, Octets.of(data));
        }

        public static Identification fqdn(String name) {
            return of(V1IdType.FQDN, name.getBytes(StandardCharsets.US_ASCII));
        }

        public Optional<V1IdType> type() {
            return V1IdType.of(idType);
        }

        public int payloadType() {
            return V1PayloadType.ID.value();
        }
    }

    /** RFC 2408 3.9: {@code encoding} is a {@link V1CertEncoding} value. */
    record Certificate(int encoding, Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.CERT.value();
        }
    }

    /** RFC 2408 3.10: certificate type and (optionally empty) certificate authority. */
    record CertificateRequest(int certType, Octets authority) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.CERTREQ.value();
        }
    }

    /** RFC 2408 3.11. */
    record Hash(Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.HASH.value();
        }
    }

    /** RFC 2408 3.12. */
    record Signature(Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.SIG.value();
        }
    }

    /** RFC 2408 3.13; RFC 2409 5: between 8 and 256 bytes. */
    record Nonce(Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.NONCE.value();
        }
    }

    /** RFC 2408 3.14: {@code notifyType} is a {@link V1NotifyType} value (private values allowed). */
    record Notification(long doi, int protocolId, int notifyType, Octets spi, Octets data) implements V1Payload {
        public Notification {
            if (doi < 0 || doi > 0xffffffffL) throw new IllegalArgumentException("DOI not u32");
            if (protocolId < 0 || protocolId > 0xff || notifyType < 0 || notifyType > 0xffff || spi.length() > 0xff) {
                throw new IllegalArgumentException("notification field out of range");
            }
        }

        public Optional<V1NotifyType> type() {
            return V1NotifyType.of(notifyType);
        }

        public int payloadType() {
            return V1PayloadType.NOTIFICATION.value();
        }
    }

    /** RFC 2408 3.15: SPIs of equal size {@code spiSize} (16 for ISAKMP: the two cookies). */
    record Delete(long doi, int protocolId, int spiSize, List<Octets> spis) implements V1Payload {
        public Delete {
            if (doi < 0 || doi > 0xffffffffL) throw new IllegalArgumentException("DOI not u32");
            if (protocolId < 0 || protocolId > 0xff || spiSize < 0 || spiSize > 0xff || spis.size() > 0xffff) {
                throw new IllegalArgumentException("delete field out of range");
            }
            spis = List.copyOf(spis);
            for (Octets s : spis) {
                if (s.length() != spiSize) throw new IllegalArgumentException("SPI of the wrong size");
            }
        }

        public int payloadType() {
            return V1PayloadType.DELETE.value();
        }
    }

    /** RFC 2408 3.16. */
    record VendorId(Octets data) implements V1Payload {
        public int payloadType() {
            return V1PayloadType.VENDOR_ID.value();
        }
    }

    /** RFC 3947 3.2 NAT-D (type 20, or 130 in the drafts): HASH(CKY-I | CKY-R | IP | Port). */
    record NatDiscovery(int payloadType, Octets hash) implements V1Payload {
        public NatDiscovery {
            if (payloadType != V1PayloadType.NAT_D.value() && payloadType != V1PayloadType.NAT_D_DRAFT.value()) {
                throw new IllegalArgumentException("NAT-D payload type must be 20 or 130");
            }
        }
    }

    /** RFC 3947 5.1 NAT-OA (type 21, or 131 in the drafts): ID type IPV4_ADDR or IPV6_ADDR and the address. */
    record NatOriginalAddress(int payloadType, int idType, Octets address) implements V1Payload {
        public NatOriginalAddress {
            if (payloadType != V1PayloadType.NAT_OA.value() && payloadType != V1PayloadType.NAT_OA_DRAFT.value()) {
                throw new IllegalArgumentException("NAT-OA payload type must be 21 or 131");
            }
            if (idType < 0 || idType > 0xff) throw new IllegalArgumentException("ID type not u8");
        }
    }

    /**
     * The Attribute payload of Mode Config / XAUTH transactions (draft-dukes-ike-mode-cfg 3.2): {@code cfgType} is a
     * {@link CfgType} value, {@code identifier} pairs requests with replies, attributes are {@link
     * ModeCfgAttributeType}s in data attribute format.
     */
    record Attribute(int cfgType, int identifier, List<DataAttribute> attributes) implements V1Payload {
        public Attribute {
            if (cfgType < 0 || cfgType > 0xff || identifier < 0 || identifier > 0xffff) {
                throw new IllegalArgumentException("cfg type/identifier out of range");
            }
            attributes = List.copyOf(attributes);
        }

        public int payloadType() {
            return V1PayloadType.ATTRIBUTE.value();
        }
    }

    /** A private-use payload (128..255, RFC 2408 3.1) this codec does not interpret; the body is kept as is. */
    record Unknown(int payloadType, Octets body) implements V1Payload {
        public Unknown {
            if (payloadType < 128 || payloadType > 255) throw new IllegalArgumentException("not a private payload type");
        }
    }
}
