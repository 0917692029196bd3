package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 item 5, secrets: after full ike4j ↔ strongSwan exchanges in both directions (IKE SA, CHILD_SA, traffic
 * keys installed, list-sas, delete), run with {@code --keylog} and the most verbose logging ({@code any=4}), no key
 * the key log wrote (SK_ei/er, SK_ai/ar, every ESP key) appears in ike4j's log or in any output of its CLI: neither in
 * hex (either case, with or without separators, whole or its first or last 8 bytes) nor in Base64.
 */
class Ike4jSecretsScanTest extends SharedDirectLab {

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withKeylog().withLogLevels("any=4");
    }

    @Test
    void noKeyFromTheKeylogAppearsInLogsOrCommandOutput() throws IOException {
        List<String> outputs = new ArrayList<>();
        for (Direction d : Direction.values()) {
            String ike = freshConnection();
            pair.reload(conf(ike, (side, c) -> c));
            pair.establish(d, ike, CHILD);
            for (String[] cmd : new String[][] {{"list-sas"}, {"list-sas", "--json"}, {"stats"}, {"list-conns"}}) {
                ExecResult r = pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, cmd);
                outputs.add(r.stdout());
                outputs.add(r.stderr());
            }
            pair.terminate(d, ike);
        }
        ExecResult bad = pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "initiate", "--child", "no-such-child", "--timeout", "5");
        outputs.add(bad.stdout());
        outputs.add(bad.stderr());

        List<byte[]> keys = keysIn(Files.readAllLines(pair.ike4j().keylogFile()));
        assertThat(keys).as("IKE and ESP keys of two exchanges in the key log").hasSizeGreaterThanOrEqualTo(8);
        String log = Files.readString(pair.ike4j().logFile());
        assertThat(log).as("the daemon logged at level 4").contains("[ike]");
        String haystack = (log + "\n" + String.join("\n", outputs)).toLowerCase(Locale.ROOT);
        String compact = haystack.replaceAll("[\\s:]", "");
        for (byte[] k : keys) {
            for (String needle : needles(k)) {
                assertThat(haystack.contains(needle) || compact.contains(needle))
                        .as("a %d-byte key (as %s...) appears in ike4j's log or CLI output", k.length,
                                needle.substring(0, 4)).isFalse();
            }
        }
    }

    /**
     * Every key of the key log: {@code ikev2_decryption_table} lines ({@code SPIi,SPIr,SK_ei,SK_er,"encr",SK_ai,
     * SK_ar,"integ"}) and {@code esp_sa} lines (quoted fields, keys as {@code "0x..."}); empty keys skipped.
     */
    static List<byte[]> keysIn(List<String> lines) {
        List<byte[]> keys = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            if (line.startsWith("\"")) {
                for (String field : f) {
                    String v = field.replace("\"", "");
                    if (v.startsWith("0x") && v.length() > 10) keys.add(HexFormat.of().parseHex(v.substring(2)));
                }
            } else if (f.length == 8) {
                for (int i : new int[] {2, 3, 5, 6}) if (!f[i].isEmpty()) keys.add(HexFormat.of().parseHex(f[i]));
            }
        }
        return keys;
    }

    /** Lower-case spellings to look for: hex (whole, first and last 8 bytes) and Base64 (standard and URL-safe). */
    static Set<String> needles(byte[] k) {
        Set<String> out = new LinkedHashSet<>();
        HexFormat hex = HexFormat.of();
        out.add(hex.formatHex(k));
        if (k.length > 8) {
            out.add(hex.formatHex(k, 0, 8));
            out.add(hex.formatHex(k, k.length - 8, k.length));
        }
        out.add(Base64.getEncoder().withoutPadding().encodeToString(k).toLowerCase(Locale.ROOT));
        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(k).toLowerCase(Locale.ROOT));
        return out;
    }

    @Test
    void theScanFindsAKeyWhereThereIsOne() {
        List<byte[]> keys = keysIn(List.of(
                "0123456789abcdef,fedcba9876543210,00112233445566778899aabbccddeeff,ffeeddccbbaa99887766554433221100,"
                        + "\"AES-GCM-16 [RFC4106]\",,,\"NONE [RFC4306]\"",
                "\"IPv4\",\"192.0.2.1\",\"192.0.2.2\",\"0x00000a01\",\"AES-GCM-16 [RFC4106]\","
                        + "\"0x0102030405060708090a0b0c0d0e0f10\",\"NULL\",\"\""));
        assertThat(keys).hasSize(3);
        String fake = "chunk: 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff".toLowerCase(Locale.ROOT);
        String compact = fake.replaceAll("[\\s:]", "");
        assertThat(needles(keys.getFirst())).anyMatch(compact::contains);
        String b64 = Base64.getEncoder().encodeToString(keys.get(2)).toLowerCase(Locale.ROOT);
        assertThat(needles(keys.get(2))).anyMatch(b64::contains);
    }
}
