package io.ike4j.core.auth.signature;

import io.ike4j.core.codec.payload.AuthMethod;

/** The auth method and signature scheme chosen for our AUTH payload. */
public record SchemeChoice(AuthMethod method, SignatureScheme scheme) {}
