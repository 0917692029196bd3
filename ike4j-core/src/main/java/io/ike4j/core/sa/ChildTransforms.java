package io.ike4j.core.sa;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;

/** The transforms a CHILD_SA negotiated. {@code integrity} is NONE for AEAD; {@code keyExchange} NONE without PFS. */
public record ChildTransforms(EncryptionAlgorithm encryption, int encryptionKeyBits, IntegrityAlgorithm integrity,
                              KeyExchangeMethod keyExchange, boolean esn) {}
