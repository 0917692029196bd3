package io.ike4j.core.config;

import io.ike4j.core.auth.cert.CrlFetcher;
import io.ike4j.core.auth.eap.EapTlsConfig;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.Signer;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All credentials the engine may use.
 *
 * @param sharedKeys pre-shared keys (IKE)
 * @param signer     signs with our private keys (RFC 7296 2.15); keys never leave it
 * @param keys       the references of the keys the signer holds (matched to certificates by public key)
 * @param caCerts    CA certificates: trust anchors (strongSwan trusts every loaded CA certificate) and the
 *                   intermediates we may send along with our own certificate
 * @param crls       CRLs checked when validating peer certificates (RFC 5280 6.3)
 * @param eapSecrets EAP passwords (swanctl {@code secrets.eap*}), looked up like shared keys
 * @param eapTls     TLS keys and trust for EAP-TLS, if configured
 * @param eapBackend the AAA backend for {@code eap-radius}, if configured
 * @param ppks       postquantum preshared keys (RFC 8784; swanctl {@code secrets.ppk*}), their ids as owners
 * @param crlFetcher fetches CRLs from the distribution points of peer certificates (RFC 5280 4.2.1.13), if configured
 */
public record Credentials(SharedKeyStore sharedKeys, Optional<Signer> signer, List<KeyRef> keys,
                          List<X509Certificate> caCerts, List<X509CRL> crls, SharedKeyStore eapSecrets,
                          Optional<EapTlsConfig> eapTls, Optional<EapBackend> eapBackend, Optional<CrlFetcher> crlFetcher,
                          SharedKeyStore ppks) {
    public static final Credentials NONE = new Credentials(SharedKeyStore.EMPTY);

    public Credentials {
        sharedKeys = sharedKeys == null ? SharedKeyStore.EMPTY : sharedKeys;
        signer = signer == null ? Optional.empty() : signer;
        keys = List.copyOf(keys == null ? List.of() : keys);
        caCerts = List.copyOf(caCerts == null ? List.of() : caCerts);
        crls = List.copyOf(crls == null ? List.of() : crls);
        eapSecrets = eapSecrets == null ? SharedKeyStore.EMPTY : eapSecrets;
        eapTls = eapTls == null ? Optional.empty() : eapTls;
        eapBackend = eapBackend == null ? Optional.empty() : eapBackend;
        crlFetcher = crlFetcher == null ? Optional.empty() : crlFetcher;
        ppks = ppks == null ? SharedKeyStore.EMPTY : ppks;
    }

    /** A copy with {@code more} PPKs added. */
    public Credentials withPpks(List<SharedSecret> more) {
        List<SharedSecret> all = new ArrayList<>(ppks.secrets());
        all.addAll(more);
        return new Credentials(sharedKeys, signer, keys, caCerts, crls, eapSecrets, eapTls, eapBackend, crlFetcher, new SharedKeyStore(all));
    }

    public Credentials(SharedKeyStore sharedKeys) {
        this(sharedKeys, Optional.empty(), List.of(), List.of(), List.of(), SharedKeyStore.EMPTY, Optional.empty(),
                Optional.empty(), Optional.empty(), SharedKeyStore.EMPTY);
    }

    public static Credentials ofSecrets(SharedSecret... secrets) {
        return new Credentials(new SharedKeyStore(List.of(secrets)));
    }

    /** The reference of the private key whose public half is {@code pub}, if the signer holds it. */
    public Optional<KeyRef> keyFor(PublicKey pub) {
        if (signer.isEmpty()) return Optional.empty();
        for (KeyRef k : keys) {
            if (signer.get().publicKey(k).filter(pub::equals).isPresent()) return Optional.of(k);
        }
        return Optional.empty();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<SharedSecret> shared = new ArrayList<>();
        private Signer signer;
        private final List<KeyRef> keys = new ArrayList<>();
        private final List<X509Certificate> caCerts = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private final List<SharedSecret> eap = new ArrayList<>();
        private EapTlsConfig eapTls;
        private EapBackend eapBackend;
        private CrlFetcher crlFetcher;
        private final List<SharedSecret> ppks = new ArrayList<>();

        public Builder sharedKey(SharedSecret s) { shared.add(s); return this; }
        public Builder signer(Signer s, List<KeyRef> refs) { signer = s; keys.addAll(refs); return this; }
        public Builder caCert(X509Certificate c) { caCerts.add(c); return this; }
        public Builder crl(X509CRL c) { crls.add(c); return this; }
        public Builder eapSecret(SharedSecret s) { eap.add(s); return this; }
        public Builder eapTls(EapTlsConfig c) { eapTls = c; return this; }
        public Builder eapBackend(EapBackend b) { eapBackend = b; return this; }
        public Builder crlFetcher(CrlFetcher f) { crlFetcher = f; return this; }
        /** A PPK (RFC 8784) whose ids are its PPK_IDs. */
        public Builder ppk(SharedSecret s) { ppks.add(s); return this; }

        public Credentials build() {
            return new Credentials(new SharedKeyStore(shared), Optional.ofNullable(signer), keys, caCerts, crls,
                    new SharedKeyStore(eap), Optional.ofNullable(eapTls), Optional.ofNullable(eapBackend),
                    Optional.ofNullable(crlFetcher), new SharedKeyStore(ppks));
        }
    }
}
