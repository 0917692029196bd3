package io.ike4j.interop;

import static io.ike4j.interop.AttackCase.Expect.answer;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.CertificatePayload;
import io.ike4j.core.codec.payload.Payload;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Crafted signatures and certificates on the daemon's certificate connection {@code attack-cert} (RFC 7296 2.15,
 * RFC 7427): the attacker holds a leaf of the CA the daemon trusts and takes its engine's valid AUTH apart.
 * PKCS#1 v1.5 encodings re-signed with the leaf's private key (garbage after the DigestInfo, parameters other than
 * NULL: the Bleichenbacher 2006 / BERserk class), RSA-PSS AlgorithmIdentifiers with absurd or contradicting
 * parameters, a signature value not below the modulus, ECDSA r or s zero or not below the order, a 1024-bit RSA
 * leaf (below the daemon's 2048-bit minimum), and CERT payloads of garbage or truncated DER.
 */
final class SignatureAttacks {
    private SignatureAttacks() {}

    static final String AUTH_FAILED = AuthAttacks.AUTH_FAILED;
    /** The signature checked against the key and found wrong (not refused earlier for another reason). */
    private static final String NOT_VERIFIED = "signature does not verify";
    /** Refused as malformed (by the provider) or as not verifying: a value not below the modulus. */
    private static final String REFUSED = "signature (does not verify|malformed)";
    private static final HexFormat HEX = HexFormat.of();
    /** The order of P-256 (FIPS 186-4 D.1.2.3). */
    private static final BigInteger P256_ORDER = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final String SHA256 = "0609608648016503040201";
    private static final String SHA512 = "0609608648016503040203";
    private static final String MGF1 = "06092a864886f70d010108";
    private static final String PSS = "06092a864886f70d01010a";

    static Stream<AttackCase> cases() {
        List<AttackCase> c = new ArrayList<>();
        // --- RSA PKCS#1 v1.5: the encoded message recovered with the public key, changed, signed again with the private key
        c.add(sig("PKCS#1 v1.5 with 8 garbage bytes after the DigestInfo", AdversarialLab.CERT_RSA,
                (a, s) -> pkcs1(a, s, di -> concat(di, HEX.parseHex("deadbeefdeadbeef"))), NOT_VERIFIED));
        c.add(sig("PKCS#1 v1.5 DigestInfo with NULL of length 1", AdversarialLab.CERT_RSA, (a, s) -> pkcs1(a, s, di -> withParams(di, "050100")), NOT_VERIFIED));
        c.add(sig("PKCS#1 v1.5 DigestInfo with two NULL params", AdversarialLab.CERT_RSA, (a, s) -> pkcs1(a, s, di -> withParams(di, "05000500")), NOT_VERIFIED));
        c.add(sig("PKCS#1 v1.5 DigestInfo with an OCTET STRING as params", AdversarialLab.CERT_RSA,
                (a, s) -> pkcs1(a, s, di -> withParams(di, "0404cafebabe")), NOT_VERIFIED));
        c.add(sig("RSA signature all 0xff (not below the modulus)", AdversarialLab.CERT_RSA, (a, s) -> filled(s.length, 0xff), REFUSED));
        c.add(sig("RSA signature equal to the modulus", AdversarialLab.CERT_RSA,
                (a, s) -> fixed(((RSAPublicKey) a.leaf.cert().getPublicKey()).getModulus(), s.length), REFUSED));
        c.add(sig("RSA signature one byte short", AdversarialLab.CERT_RSA, (a, s) -> Arrays.copyOf(s, s.length - 1), "RSA signature of \\d+ bytes for a \\d+-byte modulus"));
        // --- RFC 7427 RSASSA-PSS AlgorithmIdentifiers (RFC 4055 3.1) other than the one signed with
        c.add(algId("RSA-PSS salt length 0x7fffffff", pss(SHA256, SHA256, "02047fffffff")));
        c.add(algId("RSA-PSS salt length -1", pss(SHA256, SHA256, "0201ff")));
        c.add(algId("RSA-PSS hash SHA-512 in params (signed with SHA-256)", pss(SHA512, SHA512, "020140")));
        c.add(algId("RSA-PSS MGF1 hash SHA-512, hash SHA-256", pss(SHA256, SHA512, "020120")));
        c.add(new AttackCase("SIG: RSA-PSS AlgorithmIdentifier truncated", AdversarialLab.CERT_PSS, a -> exchange(a, auth -> {
            byte[] d = auth.data();
            int len = d[0] & 0xff;
            byte[] t = new byte[d.length - 5];
            t[0] = (byte) (len - 5);
            System.arraycopy(d, 1, t, 1, len - 5); // the DER's lengths still claim 5 bytes more
            System.arraycopy(d, 1 + len, t, 1 + len - 5, d.length - 1 - len);
            return new AuthenticationPayload(auth.method(), t, false);
        }), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED));
        // --- ECDSA (RFC 7427 / RFC 4754): r or s zero or not below the order
        c.add(ecdsa("ECDSA r = 0", (r, s) -> new BigInteger[] {BigInteger.ZERO, s}));
        c.add(ecdsa("ECDSA s = 0", (r, s) -> new BigInteger[] {r, BigInteger.ZERO}));
        c.add(ecdsa("ECDSA r = order", (r, s) -> new BigInteger[] {P256_ORDER, s}));
        c.add(ecdsa("ECDSA s + order (equal mod n)", (r, s) -> new BigInteger[] {r, s.add(P256_ORDER)}));
        // --- key size and certificates
        c.add(new AttackCase("SIG: RSA 1024-bit leaf (valid signature, below the 2048-bit minimum)", AdversarialLab.CERT_RSA1024,
                a -> exchange(a, auth -> auth), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED + ".*1024"));
        c.add(cert("CERT of 300 garbage bytes", d -> filled(300, 0x5a)));
        c.add(cert("CERT truncated to half", d -> Arrays.copyOf(d, d.length / 2)));
        c.add(cert("CERT with its last byte cut", d -> Arrays.copyOf(d, d.length - 1)));
        return c.stream();
    }

    private static AttackCase sig(String name, String source, BiFunction<Adversary, byte[], byte[]> signature, String log) {
        return new AttackCase("SIG: " + name, source, a -> exchange(a, auth -> withSignature(auth, signature.apply(a, signatureOf(auth)))),
                answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED + ".*" + log);
    }

    private static AttackCase algId(String name, byte[] algId) {
        return new AttackCase("SIG: " + name, AdversarialLab.CERT_PSS, a -> exchange(a, auth -> {
            if (auth.method() != 14) throw new AssertionError("the engine's RSA-PSS AUTH is not RFC 7427: method " + auth.method());
            return new AuthenticationPayload(14, concat(new byte[] {(byte) algId.length}, algId, signatureOf(auth)), false);
        }), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED);
    }

    private static AttackCase ecdsa(String name, BiFunction<BigInteger, BigInteger, BigInteger[]> change) {
        return new AttackCase("SIG: " + name, AdversarialLab.CERT_ECDSA, a -> exchange(a, auth -> {
            byte[] s = signatureOf(auth);
            BigInteger[] rs = auth.method() == 14 ? derRs(s)
                    : new BigInteger[] {new BigInteger(1, Arrays.copyOf(s, s.length / 2)), new BigInteger(1, Arrays.copyOfRange(s, s.length / 2, s.length))};
            BigInteger[] x = change.apply(rs[0], rs[1]);
            byte[] out = auth.method() == 14 ? derSeq(derInt(x[0]), derInt(x[1])) : concat(fixed(x[0], s.length / 2), fixed(x[1], s.length / 2));
            return withSignature(auth, out);
        }), answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED + ".*(r and s must be positive|ECDSA [rs] not in \\[1, n-1\\])");
    }

    private static AttackCase cert(String name, java.util.function.UnaryOperator<byte[]> change) {
        return new AttackCase("SIG: " + name, AdversarialLab.CERT_RSA, a -> {
            Adversary.HalfOpen h = a.saInit();
            List<Payload> p = AuthAttacks.replaced(h, CertificatePayload.class, cp -> new CertificatePayload(cp.encoding(), change.apply(cp.data()), false));
            if (p.stream().noneMatch(CertificatePayload.class::isInstance)) throw new AssertionError("the engine sent no CERT");
            return AuthAttacks.closeIfEstablished(h, h.exchange(h.seal(ExchangeType.IKE_AUTH, 1, p)), 2);
        }, answer(NotifyType.AUTHENTICATION_FAILED), AUTH_FAILED);
    }

    /** The legitimate IKE_AUTH with its AUTH payload changed; sealed, sent, an established SA deleted. */
    private static Adversary.Answer exchange(Adversary a, java.util.function.UnaryOperator<AuthenticationPayload> change) {
        Adversary.HalfOpen h = a.saInit();
        List<Payload> p = AuthAttacks.replaced(h, AuthenticationPayload.class, change::apply);
        return AuthAttacks.closeIfEstablished(h, h.exchange(h.seal(ExchangeType.IKE_AUTH, 1, p)), 2);
    }

    /** The signature value of an AUTH payload (RFC 7427 3: after the length-prefixed AlgorithmIdentifier for method 14). */
    private static byte[] signatureOf(AuthenticationPayload auth) {
        byte[] d = auth.data();
        return auth.method() == 14 ? Arrays.copyOfRange(d, 1 + (d[0] & 0xff), d.length) : d;
    }

    private static AuthenticationPayload withSignature(AuthenticationPayload auth, byte[] signature) {
        byte[] d = auth.data();
        byte[] head = auth.method() == 14 ? Arrays.copyOf(d, 1 + (d[0] & 0xff)) : new byte[0];
        return new AuthenticationPayload(auth.method(), concat(head, signature), false);
    }

    /** RFC 8017 8.2.2: recovers EM = 00 01 FF.. 00 DigestInfo, replaces the DigestInfo, pads and signs it again (raw RSA). */
    private static byte[] pkcs1(Adversary a, byte[] sig, java.util.function.UnaryOperator<byte[]> digestInfo) {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) a.leaf.key().getPrivate();
        BigInteger n = key.getModulus();
        int k = sig.length;
        byte[] em = fixed(new BigInteger(1, sig).modPow(key.getPublicExponent(), n), k);
        int sep = 2;
        while (em[sep] != 0) sep++;
        byte[] di = digestInfo.apply(Arrays.copyOfRange(em, sep + 1, k));
        byte[] out = new byte[k];
        out[1] = 1;
        Arrays.fill(out, 2, k - di.length - 1, (byte) 0xff);
        System.arraycopy(di, 0, out, k - di.length, di.length);
        return fixed(new BigInteger(1, out).modPow(key.getPrivateExponent(), n), k);
    }

    /** DigestInfo ::= SEQUENCE { SEQUENCE { OID, params }, OCTET STRING digest } with other {@code params} (hex). */
    private static byte[] withParams(byte[] di, String params) {
        int algLen = di[3] & 0xff;
        byte[] oid = Arrays.copyOfRange(di, 4, 4 + 2 + (di[5] & 0xff));
        byte[] digest = Arrays.copyOfRange(di, 4 + algLen, di.length);
        return derSeq(derSeq(oid, HEX.parseHex(params)), digest);
    }

    /** RSASSA-PSS AlgorithmIdentifier (RFC 4055 3.1): hash, MGF1 with {@code mgfHash}, salt INTEGER (hex TLV). */
    private static byte[] pss(String hash, String mgfHash, String salt) {
        byte[] params = derSeq(tag(0xa0, derSeq(HEX.parseHex(hash), HEX.parseHex("0500"))),
                tag(0xa1, derSeq(HEX.parseHex(MGF1), derSeq(HEX.parseHex(mgfHash), HEX.parseHex("0500")))), tag(0xa2, HEX.parseHex(salt)));
        return derSeq(HEX.parseHex(PSS), params);
    }

    private static BigInteger[] derRs(byte[] der) {
        int i = 2;
        int rl = der[i + 1] & 0xff;
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + rl));
        i += 2 + rl;
        int sl = der[i + 1] & 0xff;
        return new BigInteger[] {r, new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + sl))};
    }

    private static byte[] derInt(BigInteger v) {
        return tag(0x02, v.toByteArray());
    }

    private static byte[] derSeq(byte[]... parts) {
        return tag(0x30, concat(parts));
    }

    /** A TLV with a short or one-byte long length (all here are below 256). */
    private static byte[] tag(int t, byte[] body) {
        byte[] len = body.length < 128 ? new byte[] {(byte) body.length} : new byte[] {(byte) 0x81, (byte) body.length};
        return concat(new byte[] {(byte) t}, len, body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    private static byte[] filled(int n, int b) {
        byte[] x = new byte[n];
        Arrays.fill(x, (byte) b);
        return x;
    }

    /** {@code v} big-endian in exactly {@code len} bytes (its low bytes if longer). */
    private static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(len, b.length);
        System.arraycopy(b, b.length - n, out, len - n, n);
        return out;
    }
}
