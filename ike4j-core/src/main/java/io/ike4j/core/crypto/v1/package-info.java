/**
 * The IKEv1 key schedule (RFC 2409): {@link io.ike4j.core.crypto.v1.V1KeySchedule} (SKEYID for PSK and signatures,
 * SKEYID_d/a/e, Ka expansion, HASH_I/HASH_R, Quick Mode HASH(1..3), KEYMAT, Informational HASH(1)),
 * {@link io.ike4j.core.crypto.v1.V1Ivs} (Phase 1 IV, Phase 2/Informational IV, CBC chaining),
 * {@link io.ike4j.core.crypto.v1.V1Cipher} (AES-CBC, 3DES-CBC) and {@link io.ike4j.core.crypto.v1.V1Prf} (HMAC of the
 * negotiated hash). Stateless; the IKEv1 exchange layer keeps the per-SA IV chain.
 */
package io.ike4j.core.crypto.v1;
