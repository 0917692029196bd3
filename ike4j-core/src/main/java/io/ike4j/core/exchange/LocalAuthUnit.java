package io.ike4j.core.exchange;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.Signer;
import io.ike4j.core.auth.signature.SchemeChoice;
import io.ike4j.core.auth.signature.SignatureAuth;
import io.ike4j.core.auth.signature.SignatureHashAlgorithms;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.sa.IkeSa;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Our AUTH payload (RFC 7296 2.15) for the local round: a PSK MAC, or a signature (RFC 7427 method 14 when the peer
 * announced SIGNATURE_HASH_ALGORITHMS, else the classic methods 1 / 9-11) made through the {@link Signer} seam,
 * preceded by the CERT payloads {@code send_cert} asks for.
 */
public final class LocalAuthUnit {
    private LocalAuthUnit() {}

    /** The payloads proving our identity, or why they cannot be made. */
    public sealed interface Made {
        record Payloads(List<Payload> payloads) implements Made {}

        record Failed(String reason) implements Made {}
    }

    /**
     * @param octets our signed octets (RFC 7296 2.15: our IKE_SA_INIT message, the peer's nonce, prf(SK_p, ID'))
     * @param peerId the peer's identity (for the PSK lookup), or the one we expect
     */
    public static Made make(Session s, IkeSa sa, AuthConfig local, Identity localId, Identity peerId, byte[] octets) {
        Credentials cred = s.context().config().credentials();
        Prf prf = EngineCrypto.prf(s, sa.transforms.prf());
        if (local.method() == AuthClass.PSK) {
            Optional<SharedSecret> psk = cred.sharedKeys().lookup(localId, peerId);
            if (psk.isEmpty()) return new Made.Failed("no shared key found for " + localId + " - " + peerId);
            byte[] secret = psk.get().secret();
            try {
                return new Made.Payloads(List.of(PskAuthUnit.payload(prf, secret, octets)));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        if (local.method() != AuthClass.PUBKEY) return new Made.Failed("local auth " + local.method() + " makes no AUTH here");
        if (cred.signer().isEmpty()) return new Made.Failed("no private keys configured");
        List<Payload> out = new ArrayList<>();
        KeyRef key;
        PublicKey pub;
        Optional<List<X509Certificate>> chain = ourChain(cred, local, sa);
        if (chain.isPresent()) {
            pub = chain.get().getFirst().getPublicKey();
            key = cred.keyFor(pub).orElseThrow();
            out.addAll(CertUnit.certs(sa, local, chain.get()));
        } else {
            Optional<PublicKey> raw = local.pubkeys().stream().filter(k -> cred.keyFor(k).isPresent()).findFirst();
            if (raw.isEmpty()) return new Made.Failed("no private key found for " + localId + " (certs/pubkeys without key)");
            pub = raw.get();
            key = cred.keyFor(pub).orElseThrow();
        }
        Optional<KeyKind> kind = KeyKind.of(pub);
        if (kind.isEmpty()) return new Made.Failed("unsupported key type " + pub.getAlgorithm());
        Optional<SchemeChoice> choice = SignatureAuth.choose(kind.get(), sa.auth.peerHashes, SignatureHashAlgorithms.DEFAULT,
                local.rsaPss());
        if (choice.isEmpty()) {
            return new Made.Failed("no signature scheme for a " + kind.get() + " key the peer supports"
                    + (sa.auth.peerHashes.isEmpty() ? " (peer lacks RFC 7427)" : ""));
        }
        return switch (SignatureAuth.sign(cred.signer().get(), key, choice.get(), octets)) {
            case SignatureAuth.Created.Payload p -> {
                s.log(io.ike4j.core.engine.EngineLog.Subsystem.IKE, sa, "authentication of " + localId + " (myself) with "
                        + choice.get().scheme() + " (auth method " + choice.get().method().value() + ")");
                out.add(p.payload());
                yield new Made.Payloads(out);
            }
            case SignatureAuth.Created.Failed f -> new Made.Failed("signing failed: " + f.failure().detail());
        };
    }

    /** Our certificate with its chain: the one whose chain reaches a CA the peer asked for, else the first usable. */
    private static Optional<List<X509Certificate>> ourChain(Credentials cred, AuthConfig local, IkeSa sa) {
        List<List<X509Certificate>> chains = new ArrayList<>();
        for (X509Certificate c : local.certs()) {
            if (cred.keyFor(c.getPublicKey()).isPresent()) chains.add(CertUnit.chain(c, cred.caCerts()));
        }
        return CertificateRequests.chooseChain(chains, sa.auth.peerCertReqs);
    }
}
