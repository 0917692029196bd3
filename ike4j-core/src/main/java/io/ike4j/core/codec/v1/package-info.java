/**
 * IKEv1 wire format: ISAKMP (RFC 2408) with the IPsec DOI (RFC 2407), NAT-T payloads (RFC 3947 and the draft
 * numbers) and the Mode Config / XAUTH Attribute payload (draft-dukes-ike-mode-cfg, draft-beaulieu-ike-xauth).
 * {@link io.ike4j.core.codec.v1.IsakmpCodec} decodes datagrams into {@link io.ike4j.core.codec.v1.IsakmpDatagram}s
 * (in the clear, or header + opaque ciphertext when the E flag is set) and decrypted payload chains into
 * {@link io.ike4j.core.codec.v1.DecryptedPayloads}; bad input becomes a {@link io.ike4j.core.codec.v1.V1DecodeError}
 * whose {@code answer()} is the RFC 2408 5 notify. IKEv2 datagrams and payload types are rejected here, as the
 * IKEv2 codec rejects IKEv1 ones. Enums name the IANA registries used by IKEv1.
 */
package io.ike4j.core.codec.v1;
