package io.ike4j.daemon.log;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Lines of Wireshark's user-accessible tables (UAT) for decryption: {@code ikev2_decryption_table}
 * (SPIi,SPIr,SK_ei,SK_er,"encr",SK_ai,SK_ar,"integ"; hex fields unquoted) and {@code esp_sa}
 * ("IPv4","src","dst","0xSPI","encr","0xkey","auth","0xkey"; all quoted). Algorithm names are the exact enum strings
 * Wireshark's isakmp/esp dissectors accept; algorithms Wireshark cannot decrypt yield no line.
 */
public final class WiresharkKeyFormat {
    private static final HexFormat HEX = HexFormat.of();

    private WiresharkKeyFormat() {}

    /** The IKEv2 encryption name in Wireshark's isakmp table, for the algorithm and key size in bits. */
    public static Optional<String> ikeEncryption(EncryptionAlgorithm a, int keyBits) {
        String aes = "AES-" + switch (a) {
            case AES_CBC -> "CBC-" + keyBits + " [RFC3602]";
            case AES_CTR -> "CTR-" + keyBits + " [RFC5930]";
            case AES_GCM_8, AES_GCM_12, AES_GCM_16 -> "GCM-" + keyBits + " with " + a.icvLength() + " octet ICV [RFC5282]";
            case AES_CCM_8, AES_CCM_12, AES_CCM_16 -> "CCM-" + keyBits + " with " + a.icvLength() + " octet ICV [RFC5282]";
            default -> "";
        };
        return switch (a) {
            case TRIPLE_DES -> Optional.of("3DES [RFC2451]");
            case NULL -> Optional.of("NULL [RFC2410]");
            case AES_CBC, AES_CTR, AES_GCM_8, AES_GCM_12, AES_GCM_16, AES_CCM_8, AES_CCM_12, AES_CCM_16 ->
                    keyBits == 128 || keyBits == 192 || keyBits == 256 ? Optional.of(aes) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The IKEv2 integrity name; AEAD ciphers use "NONE [RFC4306]". */
    public static Optional<String> ikeIntegrity(IntegrityAlgorithm a) {
        return Optional.ofNullable(switch (a) {
            case NONE -> "NONE [RFC4306]";
            case HMAC_MD5_96 -> "HMAC_MD5_96 [RFC2403]";
            case HMAC_SHA1_96 -> "HMAC_SHA1_96 [RFC2404]";
            case HMAC_MD5_128 -> "HMAC_MD5_128 [RFC4595]";
            case HMAC_SHA1_160 -> "HMAC_SHA1_160 [RFC4595]";
            case HMAC_SHA2_256_128 -> "HMAC_SHA2_256_128 [RFC4868]";
            case HMAC_SHA2_384_192 -> "HMAC_SHA2_384_192 [RFC4868]";
            case HMAC_SHA2_512_256 -> "HMAC_SHA2_512_256 [RFC4868]";
            default -> null;
        });
    }

    public static Optional<String> espEncryption(EncryptionAlgorithm a) {
        return Optional.ofNullable(switch (a) {
            case NULL -> "NULL";
            case TRIPLE_DES -> "TripleDES-CBC [RFC2451]";
            case AES_CBC -> "AES-CBC [RFC3602]";
            case AES_CTR -> "AES-CTR [RFC3686]";
            case DES -> "DES-CBC [RFC2405]";
            case CAST -> "CAST5-CBC [RFC2144]";
            case BLOWFISH -> "BLOWFISH-CBC [RFC2451]";
            case AES_GCM_8, AES_GCM_12, AES_GCM_16 -> "AES-GCM with " + a.icvLength() + " octet ICV [RFC4106]";
            case CHACHA20_POLY1305 -> "ChaCha20 with Poly1305 [RFC7634]";
            default -> null;
        });
    }

    public static Optional<String> espIntegrity(IntegrityAlgorithm a) {
        return Optional.ofNullable(switch (a) {
            case NONE -> "NULL";
            case HMAC_SHA1_96 -> "HMAC-SHA-1-96 [RFC2404]";
            case HMAC_MD5_96 -> "HMAC-MD5-96 [RFC2403]";
            case HMAC_SHA2_256_128 -> "HMAC-SHA-256-128 [RFC4868]";
            case HMAC_SHA2_384_192 -> "HMAC-SHA-384-192 [RFC4868]";
            case HMAC_SHA2_512_256 -> "HMAC-SHA-512-256 [RFC4868]";
            default -> null;
        });
    }

    /** One {@code ikev2_decryption_table} line (no newline), or empty if Wireshark cannot decrypt these algorithms. */
    public static Optional<String> ikeLine(long spiI, long spiR, byte[] skEi, byte[] skEr, EncryptionAlgorithm encr, int keyBits,
                                           byte[] skAi, byte[] skAr, IntegrityAlgorithm integ) {
        Optional<String> e = ikeEncryption(encr, keyBits);
        Optional<String> i = ikeIntegrity(encr.isAead() ? IntegrityAlgorithm.NONE : integ);
        if (e.isEmpty() || i.isEmpty()) return Optional.empty();
        return Optional.of(String.format("%016x,%016x,%s,%s,\"%s\",%s,%s,\"%s\"", spiI, spiR, HEX.formatHex(skEi), HEX.formatHex(skEr),
                e.get(), HEX.formatHex(skAi), HEX.formatHex(skAr), i.get()));
    }

    /** The two {@code esp_sa} lines (outbound, inbound) of a CHILD_SA, or empty if Wireshark cannot decrypt it. */
    public static List<String> espLines(ChildSaSpec spec) {
        if (spec.protocol() != io.ike4j.core.proposal.ProtocolId.ESP) return List.of();
        Optional<String> out = espLine(spec.local().address(), spec.remote().address(), spec.outbound());
        Optional<String> in = espLine(spec.remote().address(), spec.local().address(), spec.inbound());
        if (out.isEmpty() || in.isEmpty()) return List.of();
        return List.of(out.get(), in.get());
    }

    static Optional<String> espLine(InetAddress src, InetAddress dst, ChildSaSpec.DirectionKeys k) {
        Optional<String> e = espEncryption(k.encryption());
        Optional<String> i = espIntegrity(k.encryption().isAead() ? IntegrityAlgorithm.NONE : k.integrity());
        if (e.isEmpty() || i.isEmpty()) return Optional.empty();
        byte[] ek = k.encryptionKey();
        byte[] ik = k.integrityKey();
        try {
            return Optional.of(String.format("\"%s\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"0x%s\",\"%s\",\"0x%s\"",
                    src instanceof Inet4Address ? "IPv4" : "IPv6", src.getHostAddress(), dst.getHostAddress(), k.spi(),
                    e.get(), HEX.formatHex(ek), i.get(), HEX.formatHex(ik)));
        } finally {
            java.util.Arrays.fill(ek, (byte) 0);
            java.util.Arrays.fill(ik, (byte) 0);
        }
    }
}
