package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.interop.NetnsLab.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Denial of service (issue 7 item 3) against ike4j's daemon in the shared direct lab: strongSwan's namespace gets 40
 * extra addresses and floods ike4j with IKE_SA_INIT from all of them (a small Python sender replaying one request
 * made by ike4j-core's initiator; it never answers a COOKIE, like a spoofing attacker). ike4j runs with
 * {@code --dos cookie-threshold=5,block-threshold=2,half-open-timeout=3s}. During the flood the half-open count
 * stays capped, COOKIEs are demanded, strongSwan still establishes (it returns the COOKIE), and afterwards the
 * half-open SAs time out to zero.
 */
class Ike4jDosInteropTest extends SharedDirectLab {
    private static final String PROPOSAL = "aes256gcm16-prfsha256-x25519";
    private static final int ADDRESSES = 40;

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withDaemonArgs("--dos", "cookie-threshold=5,block-threshold=2,half-open-timeout=3s");
    }

    /** Sends the request from every address, 3 fresh sockets each, every 0.3 s for the given seconds; prints answer counts. */
    private static final String FLOOD = """
            import socket, sys, time
            req = bytes.fromhex(open(sys.argv[1]).read().strip())
            target = (sys.argv[2], 500)
            addrs = sys.argv[4:]
            end = time.time() + float(sys.argv[3])
            cookie = real = sent = 0
            while time.time() < end:
                socks = []
                for a in addrs:
                    for _ in range(3):
                        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        s.bind((a, 0))
                        s.setblocking(False)
                        s.sendto(req, target)
                        sent += 1
                        socks.append(s)
                time.sleep(0.3)
                for s in socks:
                    try:
                        d = s.recv(4096)
                        if d[8:16] == bytes(8): cookie += 1
                        else: real += 1
                    except BlockingIOError:
                        pass
                    s.close()
            print("sent=%d cookie=%d real=%d" % (sent, cookie, real), flush=True)
            """;

    private int halfOpen() {
        String out = pair.ike4j().cli(Duration.ofSeconds(20), "stats").stdout();
        Matcher m = Pattern.compile("(\\d+) half-open").matcher(out);
        assertThat(m.find()).as("stats: " + out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void floodFromManyAddressesKeepsHalfOpenCappedAndStrongSwanConnects() throws Exception {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE ? c.proposals(PROPOSAL).remoteAddrs("%any") : c.proposals(PROPOSAL)));
        String target = lab().outerAddress(IKE4J_SIDE);
        String[] addrs = new String[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            addrs[i] = "192.0.2." + (100 + i);
            lab().exec(Side.RIGHT, "ip", "addr", "add", addrs[i] + "/32", "dev", lab().outerInterface(Side.RIGHT)).orThrow();
        }
        Path dir = lab().dir("flood");
        Path req = Files.writeString(dir.resolve("request.hex"), HexFormat.of().formatHex(saInit(target)));
        Path script = Files.writeString(dir.resolve("flood.py"), FLOOD);
        Path out = dir.resolve("flood.out");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", script.toString(),
                req.toString(), target, "12"));
        cmd.addAll(java.util.List.of(addrs));
        Process flood = lab().spawn(lab().namespace(Side.RIGHT), Map.of(), out, cmd.toArray(String[]::new));
        try {
            IkePeer.sleep(2000);
            int during = halfOpen();
            // strongSwan, a legitimate peer from its usual address, gets in while the flood runs
            pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, ike, CHILD);
            int later = halfOpen();
            assertThat(during).as("half-open during the flood").isBetween(1, 5 + 1);
            assertThat(later).as("half-open during the flood").isLessThanOrEqualTo(5 + 1);
            assertThat(flood.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            NetnsLab.stop(flood, Duration.ofSeconds(2));
        }
        String counts = Files.readString(out);
        Matcher m = Pattern.compile("sent=(\\d+) cookie=(\\d+) real=(\\d+)").matcher(counts);
        assertThat(m.find()).as("flood output: " + counts).isTrue();
        assertThat(Integer.parseInt(m.group(2))).as("COOKIE demands: " + counts).isPositive();
        assertThat(Integer.parseInt(m.group(3))).as("real answers: " + counts).isLessThan(Integer.parseInt(m.group(1)) / 4);
        // nobody continues those exchanges: the half-open SAs time out (3 s) and only strongSwan's SA remains
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (halfOpen() > 0 && System.nanoTime() < deadline) IkePeer.sleep(500);
        assertThat(halfOpen()).isZero();
        assertThat(pair.ike4j().listSas()).hasSize(1);
        assertThat(pair.ike4j().log()).contains("half-open timeout");
    }

    /** The IKE_SA_INIT request ike4j-core's initiator would send to {@code target}, with the lab's identities. */
    private static byte[] saInit(String target) {
        EngineConfig cfg = EngineConfig.builder().secret(SharedSecret.of("flood", "right.ike4j.test", "left.ike4j.test"))
                .connection(ConnectionConfig.builder("flood").localAddrs("192.0.2.100").remoteAddrs(target)
                        .ikeProposals(PROPOSAL).local(AuthConfig.psk("right.ike4j.test")).remote(AuthConfig.psk("left.ike4j.test"))
                        .child(ChildConfig.builder("net").localTs("10.2.0.0/16").remoteTs("10.1.0.0/16").espProposals("aes128gcm16").build())
                        .build()).build();
        Engine e = Engine.create(new EngineContext(cfg, InstantSource.system(), RandomSource.secure()));
        return e.handle(new EngineInput.Initiate("flood", "net")).stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).findFirst().orElseThrow();
    }
}
