package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Mode Config attribute types (draft-dukes-ike-mode-cfg 3.2) and XAUTH attributes (draft-beaulieu-ike-xauth 6.1, 16520..16529). */
public enum ModeCfgAttributeType implements IanaValue {
    INTERNAL_IP4_ADDRESS(1),
    INTERNAL_IP4_NETMASK(2),
    INTERNAL_IP4_DNS(3),
    INTERNAL_IP4_NBNS(4),
    INTERNAL_ADDRESS_EXPIRY(5),
    INTERNAL_IP4_DHCP(6),
    APPLICATION_VERSION(7),
    INTERNAL_IP6_ADDRESS(8),
    INTERNAL_IP6_NETMASK(9),
    INTERNAL_IP6_DNS(10),
    INTERNAL_IP6_NBNS(11),
    INTERNAL_IP6_DHCP(12),
    INTERNAL_IP4_SUBNET(13),
    SUPPORTED_ATTRIBUTES(14),
    INTERNAL_IP6_SUBNET(15),
    XAUTH_TYPE(16520),
    XAUTH_USER_NAME(16521),
    XAUTH_USER_PASSWORD(16522),
    XAUTH_PASSCODE(16523),
    XAUTH_MESSAGE(16524),
    XAUTH_CHALLENGE(16525),
    XAUTH_DOMAIN(16526),
    XAUTH_STATUS(16527),
    XAUTH_NEXT_PIN(16528),
    XAUTH_ANSWER(16529);

    private final int value;

    ModeCfgAttributeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<ModeCfgAttributeType> of(int value) {
        for (ModeCfgAttributeType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
