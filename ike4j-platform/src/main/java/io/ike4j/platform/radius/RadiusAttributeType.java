package io.ike4j.platform.radius;

/** RADIUS attribute Types used here (RFC 2865 5, RFC 2869 5, RFC 3579 3). */
public final class RadiusAttributeType {
    private RadiusAttributeType() {}

    public static final int USER_NAME = 1;
    public static final int USER_PASSWORD = 2;
    public static final int NAS_IP_ADDRESS = 4;
    public static final int SERVICE_TYPE = 6;
    public static final int FRAMED_MTU = 12;
    public static final int REPLY_MESSAGE = 18;
    public static final int STATE = 24;
    public static final int VENDOR_SPECIFIC = 26;
    public static final int CALLED_STATION_ID = 30;
    public static final int CALLING_STATION_ID = 31;
    public static final int NAS_IDENTIFIER = 32;
    public static final int NAS_PORT_TYPE = 61;
    public static final int EAP_MESSAGE = 79;
    public static final int MESSAGE_AUTHENTICATOR = 80;

    /** Vendor-Id of Microsoft (RFC 2548). */
    public static final int VENDOR_MICROSOFT = 311;
    /** RFC 2548 2.4.2 / 2.4.3. */
    public static final int MS_MPPE_SEND_KEY = 16;
    public static final int MS_MPPE_RECV_KEY = 17;
}
