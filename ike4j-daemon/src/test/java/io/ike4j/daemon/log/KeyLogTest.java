package io.ike4j.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogTest {
    @TempDir
    Path dir;

    static final HexFormat HEX = HexFormat.of();

    @Test
    void ikev2DecryptionTableLine() {
        String line = WiresharkKeyFormat.ikeLine(0x1122334455667788L, 0x99aabbccddeeff00L, HEX.parseHex("0102"), HEX.parseHex("0304"),
                EncryptionAlgorithm.AES_CBC, 256, HEX.parseHex("aa"), HEX.parseHex("bb"), IntegrityAlgorithm.HMAC_SHA2_256_128).orElseThrow();
        assertThat(line).isEqualTo("1122334455667788,99aabbccddeeff00,0102,0304,\"AES-CBC-256 [RFC3602]\",aa,bb,\"HMAC_SHA2_256_128 [RFC4868]\"");
        String gcm = WiresharkKeyFormat.ikeLine(1, 2, HEX.parseHex("01"), HEX.parseHex("02"), EncryptionAlgorithm.AES_GCM_16, 128,
                new byte[0], new byte[0], IntegrityAlgorithm.NONE).orElseThrow();
        assertThat(gcm).isEqualTo("0000000000000001,0000000000000002,01,02,\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"");
        assertThat(WiresharkKeyFormat.ikeLine(1, 2, new byte[1], new byte[1], EncryptionAlgorithm.CAMELLIA_CBC, 128, new byte[1], new byte[1],
                IntegrityAlgorithm.HMAC_SHA2_256_128)).isEmpty();
    }

    static ChildSaSpec spec(EncryptionAlgorithm encr, IntegrityAlgorithm integ) throws Exception {
        var in = new ChildSaSpec.DirectionKeys(0xc1ad4fa3, encr, 128, integ, HEX.parseHex("00112233"), HEX.parseHex("44"));
        var out = new ChildSaSpec.DirectionKeys(0x0000beef, encr, 128, integ, HEX.parseHex("8899"), HEX.parseHex("aabb"));
        return new ChildSaSpec(1, 2, "home", "net", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL,
                new Endpoint(InetAddress.getByName("192.0.2.1"), 500), new Endpoint(InetAddress.getByName("192.0.2.2"), 500),
                false, false, 32, in, out, List.of(), List.of(), ChildSaSpec.Lifetimes.NONE);
    }

    @Test
    void espSaLinesForBothDirections() throws Exception {
        List<String> lines = WiresharkKeyFormat.espLines(spec(EncryptionAlgorithm.AES_CBC, IntegrityAlgorithm.HMAC_SHA2_256_128));
        assertThat(lines).containsExactly(
                "\"IPv4\",\"192.0.2.1\",\"192.0.2.2\",\"0x0000beef\",\"AES-CBC [RFC3602]\",\"0x8899\",\"HMAC-SHA-256-128 [RFC4868]\",\"0xaabb\"",
                "\"IPv4\",\"192.0.2.2\",\"192.0.2.1\",\"0xc1ad4fa3\",\"AES-CBC [RFC3602]\",\"0x00112233\",\"HMAC-SHA-256-128 [RFC4868]\",\"0x44\"");
        List<String> gcm = WiresharkKeyFormat.espLines(spec(EncryptionAlgorithm.AES_GCM_16, IntegrityAlgorithm.NONE));
        assertThat(gcm.getFirst()).contains("\"AES-GCM with 16 octet ICV [RFC4106]\"").contains(",\"NULL\",");
    }

    @Test
    void writerCreatesOwnerOnlyFilesAndWarnsLoudly() throws Exception {
        List<String> logged = new ArrayList<>();
        DaemonLog log = new DaemonLog(LogLevels.defaults(), InstantSource.system(), logged::add);
        try (KeyLogWriter w = KeyLogWriter.open(dir, log)) {
            w.ikeSa(1, 2, new byte[] {1}, new byte[] {2}, EncryptionAlgorithm.AES_CBC, 128, new byte[] {3}, new byte[] {4},
                    IntegrityAlgorithm.HMAC_SHA1_96);
            w.childSa(spec(EncryptionAlgorithm.AES_CBC, IntegrityAlgorithm.HMAC_SHA1_96));
        }
        Path ike = dir.resolve("ikev2_decryption_table");
        Path esp = dir.resolve("esp_sa");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ike))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(esp))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(ike)).containsExactly(
                "0000000000000001,0000000000000002,01,02,\"AES-CBC-128 [RFC3602]\",03,04,\"HMAC_SHA1_96 [RFC2404]\"");
        assertThat(Files.readAllLines(esp)).hasSize(2);
        assertThat(logged).anyMatch(l -> l.contains("WARNING") && l.contains("KEYS"));

        Path single = dir.resolve("keys.txt");
        try (KeyLogWriter w = KeyLogWriter.open(single, log)) {
            assertThat(w.espFile()).isEqualTo(dir.resolve("keys.txt.esp_sa"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(single))).isEqualTo("rw-------");
    }
}
