package io.ike4j.core.auth.der;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;

/** A minimal DER encoder (ITU-T X.690 10): definite lengths, minimal integers. Pure, no I/O. */
public final class Der {
    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int ENUMERATED = 0x0a;
    public static final int UTF8_STRING = 0x0c;
    public static final int PRINTABLE_STRING = 0x13;
    public static final int IA5_STRING = 0x16;
    public static final int UTC_TIME = 0x17;
    public static final int GENERALIZED_TIME = 0x18;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {}

    /** Tag, definite length, contents. */
    public static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int len = contents.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int n = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | n);
            for (int i = n - 1; i >= 0; i--) out.write(len >>> (8 * i));
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] sequence(byte[]... elements) {
        return tlv(SEQUENCE, concat(elements));
    }

    public static byte[] set(byte[]... elements) {
        return tlv(SET, concat(elements));
    }

    public static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    public static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    public static byte[] bool(boolean value) {
        return tlv(BOOLEAN, new byte[] {value ? (byte) 0xff : 0});
    }

    public static byte[] nul() {
        return new byte[] {NULL, 0};
    }

    public static byte[] octetString(byte[] contents) {
        return tlv(OCTET_STRING, contents);
    }

    /** BIT STRING with no unused bits. */
    public static byte[] bitString(byte[] bytes) {
        return tlv(BIT_STRING, concat(new byte[] {0}, bytes));
    }

    /** BIT STRING from named bits (bit 0 = MSB of the first byte), trailing zero bits removed as DER requires. */
    public static byte[] namedBits(int... bits) {
        int max = -1;
        for (int b : bits) max = Math.max(max, b);
        if (max < 0) return tlv(BIT_STRING, new byte[] {0});
        byte[] value = new byte[max / 8 + 1];
        for (int b : bits) value[b / 8] |= (byte) (0x80 >>> (b % 8));
        int unused = 7 - (max % 8);
        return tlv(BIT_STRING, concat(new byte[] {(byte) unused}, value));
    }

    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) base128(out, Long.parseLong(arcs[i]));
        return tlv(OID, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        int groups = 1;
        for (long t = v >>> 7; t != 0; t >>>= 7) groups++;
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((v >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? b : b | 0x80);
        }
    }

    public static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] ia5(String s) {
        return tlv(IA5_STRING, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, seconds precision, Zulu. */
    public static byte[] time(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC).withNano(0);
        if (z.getYear() < 2050 && z.getYear() >= 1950) {
            return tlv(UTC_TIME, UTC_TIME_FORMAT.format(z).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(GENERALIZED_TIME, GENERALIZED_FORMAT.format(z).getBytes(StandardCharsets.US_ASCII));
    }

    /** Context-specific constructed tag [n] EXPLICIT around {@code inner}. */
    public static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }

    /** Context-specific primitive tag [n] IMPLICIT with raw contents. */
    public static byte[] implicitPrimitive(int n, byte[] contents) {
        return tlv(0x80 | n, contents);
    }

    /** Context-specific constructed tag [n] IMPLICIT replacing a SEQUENCE tag: contents are the concatenation. */
    public static byte[] implicitConstructed(int n, byte[]... elements) {
        return tlv(0xa0 | n, concat(elements));
    }

    /** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }. */
    public static byte[] algorithm(String oid, byte[] parametersOrNull) {
        return parametersOrNull == null ? sequence(oid(oid)) : sequence(oid(oid), parametersOrNull);
    }
}
