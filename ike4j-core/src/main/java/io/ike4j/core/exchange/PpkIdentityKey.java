package io.ike4j.core.exchange;

import io.ike4j.core.crypto.PpkKeyDerivation;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Notification Data of PPK_IDENTITY_KEY (RFC 9867 3.1): a PPK_ID as in RFC 8784 5.1 (one type octet, 1 for
 * PPK_ID_OPAQUE or 2 for PPK_ID_FIXED, then at least one octet of id) followed by the 8-octet PPK Confirmation.
 * The same PPK_ID encoding without a confirmation is the data of the PPK_IDENTITY answer. Malformed bodies parse
 * to {@link Parsed.Malformed}, never an exception.
 */
record PpkIdentityKey(int idType, byte[] id, byte[] confirmation) {

    /** A parse outcome. */
    sealed interface Parsed {
        record Ok(PpkIdentityKey value) implements Parsed {}

        record Malformed(String reason) implements Parsed {}
    }

    PpkIdentityKey {
        id = id.clone();
        confirmation = confirmation.clone();
    }

    /** PPK_IDENTITY_KEY data: PPK_ID | PPK Confirmation. */
    byte[] encode() {
        byte[] ppkId = encodeId(idType, id);
        byte[] out = Arrays.copyOf(ppkId, ppkId.length + confirmation.length);
        System.arraycopy(confirmation, 0, out, ppkId.length, confirmation.length);
        return out;
    }

    /** RFC 8784 5.1 PPK_ID: the type octet, then the id. */
    static byte[] encodeId(int type, byte[] id) {
        byte[] out = new byte[1 + id.length];
        out[0] = (byte) type;
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }

    /** RFC 9867 3.1: PPK_IDENTITY_KEY data; the confirmation is the last 8 octets, the PPK_ID everything before. */
    static Parsed parse(byte[] data) {
        int n = PpkKeyDerivation.CONFIRMATION_LENGTH;
        if (data == null || data.length < 2 + n) {
            return new Parsed.Malformed("PPK_IDENTITY_KEY of " + (data == null ? 0 : data.length)
                    + " octets: needs a PPK_ID type, at least one id octet and an " + n + "-octet confirmation");
        }
        int type = data[0] & 0xff;
        if (type != PpkUnit.PPK_ID_OPAQUE && type != PpkUnit.PPK_ID_FIXED) {
            return new Parsed.Malformed("PPK_IDENTITY_KEY with unknown PPK_ID type " + type);
        }
        return new Parsed.Ok(new PpkIdentityKey(type, Arrays.copyOfRange(data, 1, data.length - n),
                Arrays.copyOfRange(data, data.length - n, data.length)));
    }

    /** RFC 8784 5.1 / RFC 9867 3.1: PPK_IDENTITY data (a PPK_ID); the result's confirmation is empty. */
    static Parsed parseIdentity(byte[] data) {
        if (data == null || data.length < 2) {
            return new Parsed.Malformed("PPK_IDENTITY of " + (data == null ? 0 : data.length) + " octets: needs a type and an id");
        }
        int type = data[0] & 0xff;
        if (type != PpkUnit.PPK_ID_OPAQUE && type != PpkUnit.PPK_ID_FIXED) {
            return new Parsed.Malformed("PPK_IDENTITY with unknown PPK_ID type " + type);
        }
        return new Parsed.Ok(new PpkIdentityKey(type, Arrays.copyOfRange(data, 1, data.length), new byte[0]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PpkIdentityKey k && k.idType == idType && Arrays.equals(k.id, id)
                && Arrays.equals(k.confirmation, confirmation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * idType + Arrays.hashCode(id)) + Arrays.hashCode(confirmation);
    }

    /** The PPK_ID is an identifier, not a secret; the confirmation is left out all the same. */
    @Override
    public String toString() {
        return "PpkIdentityKey[type=" + idType + ", id=" + HexFormat.of().formatHex(id) + "]";
    }
}
