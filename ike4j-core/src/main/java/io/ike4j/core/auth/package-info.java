/**
 * Certificate and signature authentication building blocks for the engine's auth unit (pure: bytes in, no I/O).
 *
 * <p>Typical flow, RFC 7296 2.15 / RFC 7427:
 * <ol>
 *   <li>IKE_SA_INIT: send {@code SIGNATURE_HASH_ALGORITHMS} with
 *       {@link io.ike4j.core.auth.signature.SignatureHashAlgorithms#encode}; decode the peer's with
 *       {@link io.ike4j.core.auth.signature.SignatureHashAlgorithms#decode}.</li>
 *   <li>CERTREQ: {@link io.ike4j.core.auth.cert.CertificateRequests#encode} over our trust anchors; for a received
 *       one, {@link io.ike4j.core.auth.cert.CertificateRequests#decode}, {@code chooseChain} and {@code toSend}.</li>
 *   <li>Our AUTH: {@link io.ike4j.core.auth.signature.SignatureAuth#choose} then
 *       {@link io.ike4j.core.auth.signature.SignatureAuth#sign} with a {@link io.ike4j.core.auth.keys.Signer}
 *       (e.g. {@link io.ike4j.core.auth.keys.PrivateKeyStore}) over {@code AuthenticationOctets.*SignedOctets}.</li>
 *   <li>Peer AUTH: parse its CERT payloads with {@link io.ike4j.core.auth.cert.Certificates}, check
 *       {@link io.ike4j.core.auth.cert.IdentityPattern} (remote.id) against its ID, validate with
 *       {@link io.ike4j.core.auth.cert.CertificateValidator}, confirm the ID with
 *       {@link io.ike4j.core.auth.cert.IdentityMatcher}, then
 *       {@link io.ike4j.core.auth.signature.SignatureAuth#verify} with the end entity's public key.</li>
 * </ol>
 * Every refusal is a sealed result or checked exception with log-ready text; key material is never printed.
 */
package io.ike4j.core.auth;
