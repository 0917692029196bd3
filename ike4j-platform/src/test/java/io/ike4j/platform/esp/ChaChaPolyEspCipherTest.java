package io.ike4j.platform.esp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-assembled ChaCha20-Poly1305 (JCE keystream + own Poly1305) against the JCE's AEAD for every payload length
 * up to 1 KiB in steps of ESP's 4-byte alignment (all positions of the last partial Poly1305 block), random keys,
 * sequence numbers and payloads, with and without ESN; and a changed bit anywhere is refused.
 */
class ChaChaPolyEspCipherTest {

    @ParameterizedTest(name = "esn={0}")
    @ValueSource(booleans = {false, true})
    void matchesTheJceAeadForEveryLength(boolean esn) throws Exception {
        SplittableRandom random = new SplittableRandom(esn ? 7 : 8);
        for (int len = 4; len <= 1024; len += 4) {
            byte[] keymat = new byte[36];
            random.nextBytes(keymat);
            ChaChaPolyEspCipher mine = ChaChaPolyEspCipher.create(keymat, esn);
            int spi = random.nextInt();
            long seq = esn ? random.nextLong() & 0x7fffffffffffffffL : random.nextInt() & 0xffffffffL;
            byte[] plaintext = new byte[len];
            random.nextBytes(plaintext);
            byte[] buf = new byte[8 + 8 + len + 16];
            ByteBuffer.wrap(buf).putInt(spi).putInt((int) seq);
            System.arraycopy(plaintext, 0, buf, 16, len);
            assertThat(mine.seal(buf, 0, len, seq)).isEqualTo(buf.length);

            byte[] iv = ByteBuffer.allocate(8).putLong(seq).array();
            byte[] nonce = new byte[12];
            System.arraycopy(keymat, 32, nonce, 0, 4);
            System.arraycopy(iv, 0, nonce, 4, 8);
            byte[] aad = esn ? ByteBuffer.allocate(12).putInt(spi).putInt((int) (seq >>> 32)).putInt((int) seq).array()
                    : ByteBuffer.allocate(8).putInt(spi).putInt((int) seq).array();
            Cipher jce = Cipher.getInstance("ChaCha20-Poly1305");
            jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keymat, 0, 32, "ChaCha20"), new IvParameterSpec(nonce));
            jce.updateAAD(aad);
            byte[] expected = jce.doFinal(plaintext);
            assertThat(Arrays.copyOfRange(buf, 8, 16)).isEqualTo(iv);
            assertThat(Arrays.copyOfRange(buf, 16, buf.length)).as("length " + len).isEqualTo(expected);

            byte[] out = new byte[len];
            assertThat(mine.open(buf, 0, buf.length, seq, out, 0)).isEqualTo(len);
            assertThat(out).isEqualTo(plaintext);
            byte[] forged = buf.clone();
            int bit = random.nextInt(forged.length * 8);
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(mine.open(forged, 0, forged.length, seq, out, 0)).as("bit " + bit + " of length " + len)
                    .isEqualTo(EspDrop.AUTH_FAILED.code());
            // the genuine packet still opens after a forgery with its nonce (no key/nonce reuse refusal)
            assertThat(mine.open(buf, 0, buf.length, seq, out, 0)).isEqualTo(len);
        }
    }
}
