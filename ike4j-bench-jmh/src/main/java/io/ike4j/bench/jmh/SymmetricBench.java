package io.ike4j.bench.jmh;

import io.ike4j.core.crypto.IkeKeyDerivation;
import io.ike4j.core.crypto.IkeKeyLengths;
import io.ike4j.core.crypto.IkeSaKeys;
import io.ike4j.core.crypto.KeyMaterialLengths;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The symmetric work of a handshake through ike4j's code: the IKE key schedule (RFC 7296 2.14: SKEYSEED and prf+ for
 * the seven keys, plus a CHILD_SA's KEYMAT, 2.17) with HMAC-SHA256, one PSK AUTH value (2.15: two PRF calls over
 * ~600 octets), and sealing a 1 KiB IKE message in an AES-128-GCM-16 SK payload (RFC 5282).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SymmetricBench {
    @Param({"jdk", "bc"})
    public String provider;

    private final RandomSource random = RandomSource.secure();
    private final byte[] ni = random.bytes(32);
    private final byte[] nr = random.bytes(32);
    private final byte[] shared = random.bytes(32);
    private final byte[] spiI = random.bytes(8);
    private final byte[] spiR = random.bytes(8);
    private final byte[] psk = random.bytes(32);
    private final byte[] octets = random.bytes(600);
    private final byte[] header = random.bytes(28 + 4);
    private final byte[] message = random.bytes(1024);
    private final IkeKeyLengths lengths = IkeKeyLengths.of(PrfAlgorithm.HMAC_SHA2_256, EncryptionAlgorithm.AES_GCM_16, 128, null);
    private Prf prf;
    private SkProtection sk;

    @Setup
    public void setup() {
        prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256, Providers.engines(provider));
        sk = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 128, null,
                random.bytes(KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_GCM_16, 128)), null, random,
                Providers.engines(provider));
    }

    /** SKEYSEED, SK_d/ai/ar/ei/er/pi/pr and one CHILD_SA's KEYMAT (AES-128-GCM: 2 x 20 bytes). */
    @Benchmark
    public byte[] ikeKeySchedule() throws PrfPlusLengthException {
        IkeSaKeys keys = IkeKeyDerivation.initialIkeSaKeys(prf, ni, nr, shared, spiI, spiR, lengths);
        byte[] skD = keys.skD();
        keys.wipe();
        return IkeKeyDerivation.childSaKeys(prf, skD, null, ni, nr, 20, 0).encryptionInitiatorToResponder();
    }

    /** One PSK AUTH value: prf(prf(secret, "Key Pad for IKEv2"), octets). */
    @Benchmark
    public byte[] pskAuth() {
        byte[] key = prf.compute(psk, "Key Pad for IKEv2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return prf.compute(key, octets);
    }

    /** Seal a 1 KiB IKE message (SK payload, AES-128-GCM-16). */
    @Benchmark
    public byte[] aesGcmSeal1KiB() {
        return sk.seal(header, message);
    }
}
