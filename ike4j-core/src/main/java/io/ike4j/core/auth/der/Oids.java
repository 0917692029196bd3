package io.ike4j.core.auth.der;

/** Object identifiers used by the auth code (RFC 5280, RFC 8017, RFC 5480, RFC 5758, RFC 8410). */
public final class Oids {
    private Oids() {}

    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    public static final String SHA1_WITH_RSA = "1.2.840.113549.1.1.5";
    public static final String MGF1 = "1.2.840.113549.1.1.8";
    public static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    public static final String SHA384_WITH_RSA = "1.2.840.113549.1.1.12";
    public static final String SHA512_WITH_RSA = "1.2.840.113549.1.1.13";
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    public static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    public static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
    public static final String ECDSA_SHA512 = "1.2.840.10045.4.3.4";
    public static final String P256 = "1.2.840.10045.3.1.7";
    public static final String P384 = "1.3.132.0.34";
    public static final String P521 = "1.3.132.0.35";
    public static final String ED25519 = "1.3.101.112";
    public static final String ED448 = "1.3.101.113";
    public static final String SHA1 = "1.3.14.3.2.26";
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    public static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    public static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    // RFC 5280 4.2.1 certificate extensions
    public static final String SUBJECT_KEY_ID = "2.5.29.14";
    public static final String KEY_USAGE = "2.5.29.15";
    public static final String SUBJECT_ALT_NAME = "2.5.29.17";
    public static final String BASIC_CONSTRAINTS = "2.5.29.19";
    public static final String CRL_NUMBER = "2.5.29.20";
    public static final String CRL_REASON = "2.5.29.21";
    public static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    public static final String AUTHORITY_KEY_ID = "2.5.29.35";
    public static final String EXT_KEY_USAGE = "2.5.29.37";
    public static final String KP_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String KP_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** RFC 4945 / strongSwan "ikeIntermediate" (iKEIntermediate, 1.3.6.1.5.5.8.2.2). */
    public static final String KP_IKE_INTERMEDIATE = "1.3.6.1.5.5.8.2.2";
    // RFC 5280 4.2.2.1 authorityInfoAccess, RFC 6960 OCSP
    public static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
    public static final String AD_OCSP = "1.3.6.1.5.5.7.48.1";
    public static final String OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";
    public static final String KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
}
