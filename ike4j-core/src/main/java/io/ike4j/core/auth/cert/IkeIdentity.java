package io.ike4j.core.auth.cert;

import io.ike4j.core.codec.payload.IdType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** An IKE identity as carried in IDi/IDr (RFC 7296 3.5): type and identification data. */
public record IkeIdentity(IdType type, byte[] data) {
    public IkeIdentity {
        data = data.clone();
    }

    public static IkeIdentity fqdn(String name) {
        return new IkeIdentity(IdType.ID_FQDN, name.getBytes(StandardCharsets.US_ASCII));
    }

    public static IkeIdentity email(String address) {
        return new IkeIdentity(IdType.ID_RFC822_ADDR, address.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IkeIdentity i && i.type == type && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    /** A DER distinguished name as strongSwan displays it ("C=CH, O=Org, CN=moon"); empty if malformed. */
    public static java.util.Optional<String> dnText(byte[] der) {
        return DnNames.format(der);
    }

    @Override
    public String toString() {
        return switch (type) {
            case ID_FQDN, ID_RFC822_ADDR -> type + ":" + new String(data, StandardCharsets.US_ASCII);
            default -> type + ":" + HexFormat.of().formatHex(data);
        };
    }
}
