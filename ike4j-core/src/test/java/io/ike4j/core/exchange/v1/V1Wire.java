package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.crypto.v1.V1KeySchedule;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

/**
 * Test support: what a peer holding an ISAKMP SA can put on the wire. Adversarial tests take the initiator engine's
 * SA and make messages it would never send (no HASH, a wrong HASH, Quick Mode before Phase 1...) for the responder.
 */
public final class V1Wire {
    private V1Wire() {}

    /** The engine's ISAKMP SAs (found by reflection: the engine keeps its IKEv1 machine private). */
    public static List<IsakmpSa> sas(Engine engine) {
        try {
            for (Field f : engine.getClass().getDeclaredFields()) {
                if (f.getType() != V1Machine.class) continue;
                f.setAccessible(true);
                V1Machine m = (V1Machine) f.get(engine);
                Field t = V1Machine.class.getDeclaredField("table");
                t.setAccessible(true);
                return List.copyOf(((V1Table) t.get(m)).all());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no IKEv1 machine in " + engine.getClass());
    }

    /** HDR* (encrypted with the SA's keys and the IV chain of {@code mid}) around {@code payloads} as given. */
    public static byte[] encrypted(IsakmpSa sa, V1ExchangeType exchange, long mid, List<V1Payload> payloads) {
        byte[] d = V1Transport.encrypted(sa, exchange, mid, false, payloads);
        sa.ivs.remove(mid);
        return d;
    }

    /** HASH(1) (RFC 2409 5.7) over {@code rest}, prepended, optionally corrupted. */
    public static List<V1Payload> withHash(IsakmpSa sa, long mid, List<V1Payload> rest, boolean corrupt) {
        byte[] a = sa.keys.skeyidA();
        try {
            return V1Transport.withHash(rest, after -> {
                byte[] h = V1KeySchedule.informationalHash(sa.prf, a, mid, after);
                if (corrupt) h[0] ^= 1;
                return h;
            });
        } finally {
            Arrays.fill(a, (byte) 0);
        }
    }

    /** The Phase 1 authentication method of a PSK connection (XAUTH_INIT_PSK with XAuth rounds). */
    public static io.ike4j.core.codec.v1.V1AuthMethod pskMethod(io.ike4j.core.config.ConnectionConfig c) {
        return V1SigAuth.pskMethod(c);
    }

    /** A plain (unencrypted) message with the SA's cookies. */
    public static byte[] plain(IsakmpSa sa, V1ExchangeType exchange, long mid, List<V1Payload> payloads) {
        return V1Transport.plain(sa, exchange, mid, payloads);
    }

    public static V1Payload.Notification notify(IsakmpSa sa, int type, byte[] data) {
        return new V1Payload.Notification(V1Payload.Sa.DOI_IPSEC, 1, type, Octets.of(sa.spi16()), Octets.of(data));
    }

    /**
     * HDR* around an arbitrary plaintext payload chain ({@code firstPayload} names its first payload); with
     * {@code hash}, a correct HASH(1) payload over the chain goes first (so the fuzzer reaches what follows it).
     */
    public static byte[] encryptedRaw(IsakmpSa sa, V1ExchangeType exchange, long mid, int firstPayload, byte[] chain, boolean hash) {
        byte[] plain = chain;
        int first = firstPayload;
        if (hash) {
            byte[] a = sa.keys.skeyidA();
            byte[] h = V1KeySchedule.informationalHash(sa.prf, a, mid, chain);
            Arrays.fill(a, (byte) 0);
            plain = new byte[4 + h.length + chain.length];
            plain[0] = (byte) firstPayload;
            plain[2] = (byte) ((4 + h.length) >>> 8);
            plain[3] = (byte) (4 + h.length);
            System.arraycopy(h, 0, plain, 4, h.length);
            System.arraycopy(chain, 0, plain, 4 + h.length, chain.length);
            first = io.ike4j.core.codec.v1.V1PayloadType.HASH.value();
        }
        byte[] padded = sa.cipher.pad(plain);
        byte[] key = sa.keys.encryptionKey();
        try {
            byte[] ct = sa.cipher.encrypt(key, V1Transport.ivFor(sa, mid), padded);
            var h = new io.ike4j.core.codec.v1.IsakmpHeader(sa.cookieI, sa.cookieR, 0, 1, 0, exchange.value(), true, false, false, mid, 0);
            return V1Transport.CODEC.encodeEncrypted(h, first, ct);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The payloads of an encrypted message for {@code sa} (a peer's answer: decrypted with the SA's keys and the IV of
     * its message ID, which is not committed), if it opens.
     */
    public static java.util.Optional<List<V1Payload>> open(IsakmpSa sa, byte[] datagram) {
        var r = V1Transport.CODEC.decode(datagram);
        if (!(r instanceof io.ike4j.core.codec.v1.V1Result.Decoded<io.ike4j.core.codec.v1.IsakmpDatagram> d)
                || !(d.value() instanceof io.ike4j.core.codec.v1.IsakmpDatagram.Encrypted e)) {
            return java.util.Optional.empty();
        }
        return V1Transport.open(sa, e).map(V1Transport.Opened::payloads);
    }
}
