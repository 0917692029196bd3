package io.ike4j.core.auth.cert.issue;

import java.util.Optional;

/** CRLReason (RFC 5280 5.3.1) with strongSwan pki's {@code --reason} names. */
public enum CrlReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "key-compromise"),
    CA_COMPROMISE(2, "ca-compromise"),
    AFFILIATION_CHANGED(3, "affiliation-changed"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessation-of-operation"),
    CERTIFICATE_HOLD(6, "certificate-hold");

    private final int value;
    private final String name;

    CrlReason(int value, String name) {
        this.value = value;
        this.name = name;
    }

    public int value() {
        return value;
    }

    public String pkiName() {
        return name;
    }

    /** Accepts "key-compromise" and "keyCompromise" spellings. */
    public static Optional<CrlReason> ofName(String s) {
        String norm = s.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        for (CrlReason r : values()) if (r.name.replace("-", "").equals(norm)) return Optional.of(r);
        return Optional.empty();
    }
}
