package io.ike4j.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crypto bound's arithmetic (no benchmark runs here). */
class CryptoBoundTest {
    private static Map<String, Map<String, Double>> measured() {
        Map<String, Map<String, Double>> us = new HashMap<>();
        us.put("x25519KeygenAgree", Map.of("jdk", 160.0, "bc", 90.0));
        us.put("ikeKeySchedule", Map.of("jdk", 10.0, "bc", 20.0));
        us.put("aesGcmSeal1KiB", Map.of("jdk", 2.0, "bc", 8.0));
        us.put("pskAuth", Map.of("jdk", 3.0, "bc", 4.0));
        return us;
    }

    @Test
    void theBoundSumsEachOperationTimesItsCountWithTheChosenProvider() {
        Map<String, Integer> psk = CryptoBound.HANDSHAKES.get("PSK + X25519 + AES-GCM");
        // 160 + 10 + 2 x 2 + 2 x 3
        assertThat(CryptoBound.cost(measured(), psk, false)).isEqualTo(180.0);
        // the defaults take BouncyCastle's X25519 only: 90 + 10 + 4 + 6
        assertThat(CryptoBound.cost(measured(), psk, true)).isEqualTo(110.0);
        assertThat(CryptoBound.cost(measured(), CryptoBound.HANDSHAKES.get("certs Ed25519"), false)).isNaN();
    }

    @Test
    void theReportShowsRatesPerCoreAndForAllCores() {
        String r = CryptoBound.report(measured(), 2);
        assertThat(r).contains("x25519KeygenAgree").contains("1.78"); // JDK/BC
        // 1 / 180 µs = 5556/s per core, 11111/s for two; defaults 1 / 110 µs = 9091/s, 18182/s
        assertThat(r).containsPattern("PSK \\+ X25519 \\+ AES-GCM\\s+180\\.0\\s+5556\\s+11111\\s+110\\.0\\s+9091\\s+18182");
    }
}
