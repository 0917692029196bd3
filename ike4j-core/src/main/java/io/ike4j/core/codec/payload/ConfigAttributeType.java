package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Configuration Payload Attribute Types (IANA; RFC 7296 3.15.1, RFC 4306, RFC 5739, RFC 5996, RFC 6153, RFC 7651, RFC 8598, RFC 9464). */
public enum ConfigAttributeType implements IanaValue {
    INTERNAL_IP4_ADDRESS(1),
    INTERNAL_IP4_NETMASK(2),
    INTERNAL_IP4_DNS(3),
    INTERNAL_IP4_NBNS(4),
    INTERNAL_IP4_DHCP(6),
    APPLICATION_VERSION(7),
    INTERNAL_IP6_ADDRESS(8),
    INTERNAL_IP6_DNS(10),
    INTERNAL_IP6_DHCP(12),
    INTERNAL_IP4_SUBNET(13),
    SUPPORTED_ATTRIBUTES(14),
    INTERNAL_IP6_SUBNET(15),
    MIP6_HOME_PREFIX(16),
    INTERNAL_IP6_LINK(17),
    INTERNAL_IP6_PREFIX(18),
    HOME_AGENT_ADDRESS(19),
    P_CSCF_IP4_ADDRESS(20),
    P_CSCF_IP6_ADDRESS(21),
    FTT_KAT(22),
    EXTERNAL_SOURCE_IP4_NAT_INFO(23),
    TIMEOUT_PERIOD_FOR_LIVENESS_CHECK(24),
    INTERNAL_DNS_DOMAIN(25),
    INTERNAL_DNSSEC_TA(26),
    ENCDNS_IP4(27),
    ENCDNS_IP6(28),
    ENCDNS_DIGEST_INFO(29);

    private final int value;

    ConfigAttributeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<ConfigAttributeType> of(int value) {
        for (ConfigAttributeType e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
