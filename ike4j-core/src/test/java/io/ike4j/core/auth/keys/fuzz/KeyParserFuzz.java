package io.ike4j.core.auth.keys.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.auth.keys.KeyLoadException;
import io.ike4j.core.auth.keys.KeyParser;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import java.security.PublicKey;

/**
 * Key files (PEM or DER; swanctl's private/, rsa/, ecdsa/, pubkey/): any bytes give a key or {@link KeyLoadException},
 * never an unchecked exception from our code or the JCA providers behind it.
 */
class KeyParserFuzz {

    @FuzzTest
    void parse(byte[] file) {
        try {
            PrivateKeyHandle k = KeyParser.parsePrivate(file.clone());
            assertThat(k).isNotNull();
        } catch (KeyLoadException e) {
            assertThat(e.getMessage()).isNotNull();
        }
        try {
            PublicKey k = KeyParser.parsePublic(file.clone());
            assertThat(k).isNotNull();
        } catch (KeyLoadException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }
}
