package io.ike4j.bench.jmh;

import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeException;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.KeyExchangeMethod;
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
 * A responder's key exchange through ike4j's own code (KeyExchanges.respond: fresh key pair, public value and
 * shared secret; for ML-KEM the encapsulation), and the initiator's ML-KEM decapsulation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyExchangeBench {
    @Param({"jdk", "bc"})
    public String provider;

    private final RandomSource random = RandomSource.secure();
    private byte[] x25519Peer;
    private byte[] p256Peer;
    private byte[] mlkemEncapsulationKey;
    private KeyExchange mlkemInitiator;
    private byte[] mlkemCiphertext;

    @Setup
    public void setup() throws KeyExchangeException {
        var e = Providers.engines(provider);
        x25519Peer = KeyExchanges.initiate(KeyExchangeMethod.CURVE25519, random).publicValue();
        p256Peer = KeyExchanges.initiate(KeyExchangeMethod.ECP_256, random).publicValue();
        mlkemInitiator = KeyExchanges.initiate(KeyExchangeMethod.ML_KEM_768, random, e);
        mlkemEncapsulationKey = mlkemInitiator.publicValue();
        mlkemCiphertext = KeyExchanges.respond(KeyExchangeMethod.ML_KEM_768, mlkemEncapsulationKey, random, e).publicValue();
    }

    /** X25519 key generation (one scalar multiplication) and agreement (another). */
    @Benchmark
    public byte[] x25519KeygenAgree() throws KeyExchangeException {
        KeyExchangeResponse r = KeyExchanges.respond(KeyExchangeMethod.CURVE25519, x25519Peer, random, Providers.engines(provider));
        return r.sharedSecret();
    }

    /** ECDH P-256 key generation and agreement. */
    @Benchmark
    public byte[] ecdhP256KeygenAgree() throws KeyExchangeException {
        KeyExchangeResponse r = KeyExchanges.respond(KeyExchangeMethod.ECP_256, p256Peer, random, Providers.engines(provider));
        return r.sharedSecret();
    }

    /** ML-KEM-768 encapsulation (the responder's side). */
    @Benchmark
    public byte[] mlkem768Encaps() throws KeyExchangeException {
        return KeyExchanges.respond(KeyExchangeMethod.ML_KEM_768, mlkemEncapsulationKey, random, Providers.engines(provider))
                .sharedSecret();
    }

    /** ML-KEM-768 decapsulation (the initiator's side). */
    @Benchmark
    public byte[] mlkem768Decaps() throws KeyExchangeException {
        return mlkemInitiator.sharedSecret(mlkemCiphertext);
    }
}
