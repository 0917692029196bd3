package io.ike4j.core.auth.signature.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.auth.signature.AuthDataCodec;
import io.ike4j.core.auth.signature.AuthDataResult;
import io.ike4j.core.auth.signature.AuthSignature;

/**
 * AUTH payload data (RFC 7296 3.8, RFC 7427 3) from an unauthenticated peer: decode returns {@link AuthDataResult},
 * never throws; what it parses encodes back and re-decodes to the same signature. Input: first byte is the auth
 * method, the rest the AUTH data.
 */
class AuthDataCodecFuzz {

    @FuzzTest
    void decode(FuzzedDataProvider in) {
        int method = in.consumeInt(0, 255);
        byte[] data = in.consumeRemainingAsBytes();
        AuthDataResult r = AuthDataCodec.decode(method, data);
        assertThat(r).isNotNull();
        if (!(r instanceof AuthDataResult.Parsed(AuthSignature s))) return;
        assertThat(s.method().value()).isEqualTo(method);
        byte[] again = AuthDataCodec.encode(s.method(), s.scheme(), s.saltLength(), s.signature());
        assertThat(AuthDataCodec.decode(method, again)).isEqualTo(r);
    }
}
