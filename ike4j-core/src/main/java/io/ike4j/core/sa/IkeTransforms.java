package io.ike4j.core.sa;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;

/** The transforms an IKE SA negotiated (RFC 7296 3.3). {@code integrity} is NONE for AEAD ciphers. */
public record IkeTransforms(EncryptionAlgorithm encryption, int encryptionKeyBits, IntegrityAlgorithm integrity,
                            PrfAlgorithm prf, KeyExchangeMethod keyExchange) {}
