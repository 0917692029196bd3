package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI ESP transform identifiers (RFC 2407 4.4.4, RFC 4106, RFC 4309, RFC 4543, RFC 3686). */
public enum EspTransformId implements IanaValue {
    ESP_DES_IV64(1),
    ESP_DES(2),
    ESP_3DES(3),
    ESP_RC5(4),
    ESP_IDEA(5),
    ESP_CAST(6),
    ESP_BLOWFISH(7),
    ESP_3IDEA(8),
    ESP_DES_IV32(9),
    ESP_RC4(10),
    ESP_NULL(11),
    ESP_AES(12),
    ESP_AES_CTR(13),
    ESP_AES_CCM_8(14),
    ESP_AES_CCM_12(15),
    ESP_AES_CCM_16(16),
    ESP_AES_GCM_8(18),
    ESP_AES_GCM_12(19),
    ESP_AES_GCM_16(20),
    ESP_SEED_CBC(21),
    ESP_CAMELLIA(22),
    ESP_NULL_AUTH_AES_GMAC(23);

    private final int value;

    EspTransformId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<EspTransformId> of(int value) {
        for (EspTransformId t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
