/**
 * Per-SA state of IKEv1 (RFC 2409): the ISAKMP SA ({@link io.ike4j.core.sa.v1.IsakmpSa}) with its Phase 1 keys and
 * IV chains, the Quick Mode exchanges in progress ({@link io.ike4j.core.sa.v1.QuickModeState}) and the IPsec SAs it
 * negotiated ({@link io.ike4j.core.sa.v1.IpsecSa}). Mutable, guarded by the ISAKMP SA's lock; never printed with keys.
 */
package io.ike4j.core.sa.v1;
