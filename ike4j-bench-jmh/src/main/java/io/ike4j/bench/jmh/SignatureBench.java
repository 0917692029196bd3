package io.ike4j.bench.jmh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
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
 * AUTH signatures over ~600 bytes of signed octets (RFC 7296 2.15): ECDSA P-256 with SHA-256 (RFC 7427, DER),
 * Ed25519 (RFC 8420), RSA-2048 PKCS#1 v1.5 with SHA-256. Keys come from the JDK, as ike4j loads them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBench {
    @Param({"jdk", "bc"})
    public String provider;

    private final byte[] octets = new byte[600];
    private final SecureRandom random = new SecureRandom();
    private KeyPair ec;
    private KeyPair ed;
    private KeyPair rsa;
    private byte[] ecSig;
    private byte[] edSig;
    private byte[] rsaSig;

    @Setup
    public void setup() throws GeneralSecurityException {
        random.nextBytes(octets);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ec = g.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        ecSig = sign("SHA256withECDSA", ec);
        edSig = sign("Ed25519", ed);
        rsaSig = sign("SHA256withRSA", rsa);
    }

    private Signature engine(String alg) throws GeneralSecurityException {
        Provider p = Providers.provider(provider);
        return p == null ? Signature.getInstance(alg) : Signature.getInstance(alg, p);
    }

    private byte[] sign(String alg, KeyPair kp) throws GeneralSecurityException {
        Signature s = engine(alg);
        s.initSign(kp.getPrivate(), random);
        s.update(octets);
        return s.sign();
    }

    private boolean verify(String alg, KeyPair kp, byte[] sig) throws GeneralSecurityException {
        Signature v = engine(alg);
        v.initVerify(kp.getPublic());
        v.update(octets);
        if (!v.verify(sig)) throw new IllegalStateException(alg + " does not verify");
        return true;
    }

    @Benchmark public byte[] ecdsaP256Sign() throws GeneralSecurityException { return sign("SHA256withECDSA", ec); }
    @Benchmark public boolean ecdsaP256Verify() throws GeneralSecurityException { return verify("SHA256withECDSA", ec, ecSig); }
    @Benchmark public byte[] ed25519Sign() throws GeneralSecurityException { return sign("Ed25519", ed); }
    @Benchmark public boolean ed25519Verify() throws GeneralSecurityException { return verify("Ed25519", ed, edSig); }
    @Benchmark public byte[] rsa2048Sign() throws GeneralSecurityException { return sign("SHA256withRSA", rsa); }
    @Benchmark public boolean rsa2048Verify() throws GeneralSecurityException { return verify("SHA256withRSA", rsa, rsaSig); }
}
