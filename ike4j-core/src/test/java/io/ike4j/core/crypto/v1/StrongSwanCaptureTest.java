package io.ike4j.core.crypto.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.DecryptedPayloads;
import io.ike4j.core.codec.v1.IsakmpCodec;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.codec.v1.V1ProtocolId;
import io.ike4j.core.codec.v1.V1Result;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * strongSwan 5.9.8 ↔ 5.9.8 Main Mode PSK + Quick Mode + Informational captures: every datagram decodes (and
 * re-encodes byte for byte) after decryption with keys and IVs derived here from the PSK, the captured nonces and
 * KE values and the logged DH secret; our SKEYID*, Ka, IVs, HASH_I/R, HASH(1..3), KEYMAT equal strongSwan's.
 */
class StrongSwanCaptureTest {
    private static final HexFormat HEX = HexFormat.of();
    private final IsakmpCodec codec = new IsakmpCodec();

    @ParameterizedTest
    @ValueSource(strings = {"mm-aes256-sha1-modp2048", "mm-3des-sha1-modp1024", "mm-aes128-sha384-ecp256"})
    void decodesAndReproducesTheWholeExchange(String name) {
        CaptureFixture f = CaptureFixture.load(name);
        String[] ike = f.params().get("ike").split("-");
        V1Prf prf = V1Prf.of(hash(ike[1])).orElseThrow();
        V1Cipher cipher = cipher(ike[0]);
        byte[] psk = f.params().get("psk").getBytes(StandardCharsets.UTF_8);
        List<CaptureFixture.Datagram> ms = f.messages();
        assertThat(ms).hasSize(11);

        // MM1..MM4 in the clear: SA, then KE + Nonce (+ NAT-D).
        IsakmpMessage[] clear = new IsakmpMessage[4];
        for (int i = 0; i < 4; i++) {
            clear[i] = plain(ms.get(i).bytes());
            assertThat(clear[i].header().exchange()).contains(V1ExchangeType.IDENTITY_PROTECTION);
        }
        IsakmpHeader h = clear[0].header();
        long ckyI = h.initiatorCookie();
        long ckyR = clear[1].header().responderCookie();
        byte[] saiB = codec.encodeBody(clear[0].first(V1Payload.Sa.class).orElseThrow());
        byte[] gxi = clear[2].first(V1Payload.KeyExchange.class).orElseThrow().data().bytes();
        byte[] ni = clear[2].first(V1Payload.Nonce.class).orElseThrow().data().bytes();
        byte[] gxr = clear[3].first(V1Payload.KeyExchange.class).orElseThrow().data().bytes();
        byte[] nr = clear[3].first(V1Payload.Nonce.class).orElseThrow().data().bytes();
        assertThat(clear[2].all(V1Payload.NatDiscovery.class)).hasSize(2);
        byte[] gxy = f.initiator("shared Diffie Hellman secret");
        assertThat(f.responder("shared Diffie Hellman secret")).isEqualTo(gxy);

        // RFC 2409 5: SKEYID and its children, Ka (Appendix B expansion when needed).
        byte[] skeyid = V1KeySchedule.skeyidPreSharedKey(prf, psk, ni, nr);
        Phase1Keys keys = V1KeySchedule.phase1(prf, skeyid, gxy, ckyI, ckyR, cipher.keyLength());
        for (String side : List.of("left", "right")) {
            List<CaptureFixture.Secret> log = side.equals("left") ? f.left() : f.right();
            assertThat(CaptureFixture.first(log, "SKEYID")).as(side).isEqualTo(skeyid);
            assertThat(CaptureFixture.first(log, "SKEYID_d")).as(side).isEqualTo(keys.skeyidD());
            assertThat(CaptureFixture.first(log, "SKEYID_a")).as(side).isEqualTo(keys.skeyidA());
            assertThat(CaptureFixture.first(log, "SKEYID_e")).as(side).isEqualTo(keys.skeyidE());
            assertThat(CaptureFixture.first(log, "encryption key Ka")).as(side).isEqualTo(keys.encryptionKey());
        }
        byte[] ka = keys.encryptionKey();

        // MM5/MM6 encrypted: phase 1 IV, CBC chaining, HASH_I/HASH_R.
        byte[] iv = V1Ivs.phase1(prf, gxi, gxr, cipher.blockSize());
        assertThat(iv).isEqualTo(f.initiator("initial IV")).isEqualTo(f.responder("initial IV"));
        Opened mm5 = open(f, ms.get(4).bytes(), cipher, ka, iv);
        byte[] idii = codec.encodeBody(mm5.payloads.payloads().getFirst());
        byte[] hashI = V1KeySchedule.hashI(prf, skeyid, gxi, gxr, ckyI, ckyR, saiB, idii);
        assertThat(hashOf(mm5)).isEqualTo(hashI).isEqualTo(f.initiator("HASH_I"));
        Opened mm6 = open(f, ms.get(5).bytes(), cipher, ka, V1Ivs.next(mm5.ciphertext, cipher.blockSize()));
        byte[] idir = codec.encodeBody(mm6.payloads.payloads().getFirst());
        byte[] hashR = V1KeySchedule.hashR(prf, skeyid, gxi, gxr, ckyI, ckyR, saiB, idir);
        assertThat(hashOf(mm6)).isEqualTo(hashR).isEqualTo(f.initiator("HASH_R"));
        byte[] lastPhase1Block = V1Ivs.next(mm6.ciphertext, cipher.blockSize());

        // Quick Mode: phase 2 IV, HASH(1..3), KEYMAT.
        long mid = header(ms.get(6).bytes()).messageId();
        byte[] qmIv = V1Ivs.phase2(prf, lastPhase1Block, mid, cipher.blockSize());
        assertThat(HEX.formatHex(qmIv)).isIn(f.allHex("next IV for MID " + mid));
        Opened qm1 = open(f, ms.get(6).bytes(), cipher, ka, qmIv);
        assertThat(hashOf(qm1)).isEqualTo(V1KeySchedule.quickModeHash1(prf, keys.skeyidA(), mid, qm1.afterHash()))
                .isEqualTo(f.initiator("Hash(1)"));
        Opened qm2 = open(f, ms.get(7).bytes(), cipher, ka, V1Ivs.next(qm1.ciphertext, cipher.blockSize()));
        byte[] qmNi = qm1.first(V1Payload.Nonce.class).data().bytes();
        byte[] qmNr = qm2.first(V1Payload.Nonce.class).data().bytes();
        assertThat(hashOf(qm2)).isEqualTo(V1KeySchedule.quickModeHash2(prf, keys.skeyidA(), mid, qmNi,
                qm2.afterHash())).isEqualTo(f.initiator("Hash(2)"));
        Opened qm3 = open(f, ms.get(8).bytes(), cipher, ka, V1Ivs.next(qm2.ciphertext, cipher.blockSize()));
        assertThat(hashOf(qm3)).isEqualTo(V1KeySchedule.quickModeHash3(prf, keys.skeyidA(), mid, qmNi, qmNr))
                .isEqualTo(f.initiator("Hash(3)"));
        checkKeymat(f, prf, keys, qm1, qm2, qmNi, qmNr);

        // Informational Deletes (CHILD, then IKE): own M-ID, IV from the last phase 1 block, HASH(1).
        for (int i = 9; i <= 10; i++) {
            long imid = header(ms.get(i).bytes()).messageId();
            assertThat(header(ms.get(i).bytes()).exchange()).contains(V1ExchangeType.INFORMATIONAL);
            byte[] infoIv = V1Ivs.phase2(prf, lastPhase1Block, imid, cipher.blockSize());
            assertThat(HEX.formatHex(infoIv)).isIn(f.allHex("next IV for MID " + imid));
            Opened info = open(f, ms.get(i).bytes(), cipher, ka, infoIv);
            assertThat(info.first(V1Payload.Delete.class)).isNotNull();
            assertThat(HEX.formatHex(hashOf(info))).isIn(f.allHex("Hash"))
                    .isEqualTo(HEX.formatHex(V1KeySchedule.informationalHash(prf, keys.skeyidA(), imid,
                            info.afterHash())));
        }
    }

    private void checkKeymat(CaptureFixture f, V1Prf prf, Phase1Keys keys, Opened qm1, Opened qm2, byte[] ni,
                             byte[] nr) {
        boolean pfs = f.left().stream().anyMatch(s -> s.name().equals("DH secret"));
        Optional<byte[]> gqm = pfs ? Optional.of(f.initiator("DH secret")) : Optional.empty();
        assertThat(qm1.payloads.payloads().stream().anyMatch(p -> p instanceof V1Payload.KeyExchange)).isEqualTo(pfs);
        byte[] spiI = qm1.first(V1Payload.Sa.class).proposals().getFirst().spi().bytes();
        byte[] spiR = qm2.first(V1Payload.Sa.class).proposals().getFirst().spi().bytes();
        int esp = V1ProtocolId.IPSEC_ESP.value();
        // RFC 2409 5.5: each SA is keyed with its own SPI, chosen by its receiver. strongSwan's "initiator" keys
        // protect initiator→responder traffic, so they use the SPI from the responder's proposal.
        assertThat(V1KeySchedule.keymatSeed(gqm, esp, spiR, ni, nr)).isEqualTo(f.initiator("initiator SA seed"));
        assertThat(V1KeySchedule.keymatSeed(gqm, esp, spiI, ni, nr)).isEqualTo(f.initiator("responder SA seed"));
        for (String who : List.of("initiator", "responder")) {
            byte[] enc = f.initiator("encryption " + who + " key");
            byte[] integ = f.initiator("integrity " + who + " key");
            byte[] spi = who.equals("initiator") ? spiR : spiI;
            byte[] keymat = V1KeySchedule.keymat(prf, keys.skeyidD(), gqm, esp, spi, ni, nr, enc.length + integ.length);
            assertThat(Arrays.copyOf(keymat, enc.length)).as(who).isEqualTo(enc);
            assertThat(Arrays.copyOfRange(keymat, enc.length, keymat.length)).as(who).isEqualTo(integ);
            assertThat(f.responder("encryption " + who + " key")).isEqualTo(enc);
        }
    }

    private record Opened(IsakmpHeader header, byte[] ciphertext, byte[] plaintext, DecryptedPayloads payloads) {
        <T extends V1Payload> T first(Class<T> kind) {
            return payloads.payloads().stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
        }

        /** The chain after the leading HASH payload, padding excluded: what HASH(1)/(2) and Informational cover. */
        byte[] afterHash() {
            V1Payload.Hash hash = (V1Payload.Hash) payloads.payloads().getFirst();
            return Arrays.copyOfRange(plaintext, 4 + hash.data().length(), payloads.chainLength());
        }
    }

    /** Decrypts, decodes, checks the plaintext against strongSwan's log and both round trips. */
    private Opened open(CaptureFixture f, byte[] datagram, V1Cipher cipher, byte[] ka, byte[] iv) {
        V1Result<IsakmpDatagram> r = codec.decode(datagram);
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        IsakmpDatagram d = ((V1Result.Decoded<IsakmpDatagram>) r).value();
        IsakmpDatagram.Encrypted e = (IsakmpDatagram.Encrypted) d;
        byte[] ct = e.ciphertext().bytes();
        assertThat(codec.encodeEncrypted(e.header(), e.header().nextPayload(), ct)).isEqualTo(datagram);
        byte[] plain = cipher.decrypt(ka, iv, ct).orElseThrow();
        V1Result<DecryptedPayloads> pr = codec.decodePayloads(e.header().nextPayload(), plain);
        assertThat(pr).as(f.name()).isInstanceOf(V1Result.Decoded.class);
        DecryptedPayloads dp = ((V1Result.Decoded<DecryptedPayloads>) pr).value();
        byte[] chain = Arrays.copyOf(plain, dp.chainLength());
        assertThat(codec.encodePayloads(dp.payloads())).isEqualTo(chain);
        List<String> logged = f.allHex("plain");
        assertThat(logged.contains(HEX.formatHex(plain)) || logged.contains(HEX.formatHex(chain))).isTrue();
        return new Opened(e.header(), ct, plain, dp);
    }

    private static byte[] hashOf(Opened o) {
        return ((V1Payload.Hash) o.payloads.payloads().stream().filter(p -> p instanceof V1Payload.Hash)
                .findFirst().orElseThrow()).data().bytes();
    }

    private IsakmpMessage plain(byte[] datagram) {
        V1Result<IsakmpDatagram> r = codec.decode(datagram);
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        IsakmpMessage m = ((IsakmpDatagram.Plain) ((V1Result.Decoded<IsakmpDatagram>) r).value()).message();
        assertThat(codec.encode(m)).isEqualTo(datagram);
        return m;
    }

    private IsakmpHeader header(byte[] datagram) {
        return ((V1Result.Decoded<IsakmpDatagram>) codec.decode(datagram)).value().header();
    }

    private static V1HashAlgorithm hash(String s) {
        return switch (s) {
            case "sha1" -> V1HashAlgorithm.SHA1;
            case "sha256" -> V1HashAlgorithm.SHA2_256;
            case "sha384" -> V1HashAlgorithm.SHA2_384;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static V1Cipher cipher(String s) {
        return switch (s) {
            case "aes128" -> V1Cipher.of(V1EncryptionAlgorithm.AES_CBC, 128).orElseThrow();
            case "aes256" -> V1Cipher.of(V1EncryptionAlgorithm.AES_CBC, 256).orElseThrow();
            case "3des" -> V1Cipher.of(V1EncryptionAlgorithm.TRIPLE_DES_CBC, 0).orElseThrow();
            default -> throw new IllegalArgumentException(s);
        };
    }
}
