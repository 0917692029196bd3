/**
 * IKEv1 (RFC 2408, RFC 2409) as a pure state machine behind the engine: {@link io.ike4j.core.exchange.v1.V1Machine}
 * receives what {@code IkeEngine} dispatches by ISAKMP major version 1 or by {@code version = 1}. Main Mode and
 * Aggressive Mode with pre-shared keys, Quick Mode with and without PFS, Informational exchanges (Delete, error
 * notifies, DPD per RFC 3706), NAT traversal per RFC 3947. Phase 1 rekeying/reauthentication, signatures, XAUTH and
 * Mode Config are not implemented.
 */
package io.ike4j.core.exchange.v1;
