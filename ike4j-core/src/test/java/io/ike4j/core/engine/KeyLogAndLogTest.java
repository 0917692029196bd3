package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.RandomSource;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyLogAndLogTest {
    record Logged(long spiI, long spiR, String encr, byte[] ei, byte[] er) {}

    @Test
    void keyLogSinkSeesTheSameKeysOnBothSidesAndTheLogNeverShowsThem() throws Exception {
        Configs c = new Configs();
        c.ike = "aes256-sha256-modp2048";
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        List<Logged> keys = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        KeyLogSink sink = (i, r, e, bits, ei, er, a, ai, ar) -> keys.add(new Logged(i, r, e + "_" + bits, ei, er));
        EngineLog log = (sub, conn, id, msg) -> lines.add(sub + " " + conn + "[" + id + "] " + msg);
        Random ra = new Random(1), rb = new Random(2);
        Engine a = Engine.create(new EngineContext(c.a(), clock, (RandomSource) ra::nextBytes, log, Optional.of(sink)));
        Engine b = Engine.create(new EngineContext(c.b(), clock, (RandomSource) rb::nextBytes, log, Optional.of(sink)));
        Endpoint ea = new Endpoint(InetAddress.getByName(c.addrA), 500), eb = new Endpoint(InetAddress.getByName(c.addrB), 500);
        List<EngineOutput> out = a.handle(new EngineInput.Initiate("gw", "net"));
        boolean toB = true;
        for (int i = 0; i < 4; i++) {
            byte[] d = out.stream().filter(o -> o instanceof EngineOutput.SendDatagram).map(o -> ((EngineOutput.SendDatagram) o).data())
                    .findFirst().orElseThrow();
            out = toB ? b.handle(new EngineInput.DatagramReceived(eb, ea, d)) : a.handle(new EngineInput.DatagramReceived(ea, eb, d));
            toB = !toB;
        }
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).spiI()).isEqualTo(keys.get(1).spiI());
        assertThat(keys.get(0).ei()).isEqualTo(keys.get(1).ei()).hasSize(32);
        assertThat(keys.get(0).er()).isEqualTo(keys.get(1).er());
        assertThat(keys.get(0).encr()).isEqualTo("AES_CBC_256");
        String hex = HexFormat.of().formatHex(keys.get(0).ei());
        assertThat(lines).isNotEmpty().noneMatch(l -> l.toLowerCase().contains(hex.substring(0, 16)));
        assertThat(lines).anyMatch(l -> l.startsWith("IKE gw[") && l.contains("established"));
        assertThat(lines).anyMatch(l -> l.startsWith("CHILD gw[") && l.contains("CHILD_SA net{"));
    }
}
