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
 * made by ike4j-core's initiator). ike4j runs with {@code --dos cookie-threshold=5,block-threshold=2,half-open-limit=20,
 * half-open-timeout=3s}. A flood that never answers a COOKIE (a spoofing attacker) leaves the half-open count capped
 * near the cookie threshold while strongSwan still establishes (it returns the COOKIE). A flood that does answer
 * COOKIEs (40 real addresses, each allowed 2 half-open SAs: 80) is held at the hard cap of 20, the memory bound.
 * Afterwards the half-open SAs time out to zero.
 */
class Ike4jDosInteropTest extends SharedDirectLab {
    private static final String PROPOSAL = "aes256gcm16-prfsha256-x25519";
    private static final int ADDRESSES = 40;
    private static final int HALF_OPEN_LIMIT = 20;

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withDaemonArgs("--dos", "cookie-threshold=5,block-threshold=2,half-open-limit=" + HALF_OPEN_LIMIT
                + ",half-open-timeout=3s");
    }

    /**
     * Sends the request from every address, 3 fresh sockets each, every 0.3 s for the given seconds; with "answer" it
     * returns each COOKIE (RFC 7296 2.6: the request again, the COOKIE notify first) as a real-address attacker would.
     * Prints answer counts.
     */
    private static final String FLOOD = """
            import socket, struct, sys, time
            req = bytes.fromhex(open(sys.argv[1]).read().strip())
            target = (sys.argv[2], 500)
            answer = sys.argv[4] == "answer"
            addrs = sys.argv[5:]
            end = time.time() + float(sys.argv[3])
            cookie = real = sent = 0
            def cookie_of(d):
                if len(d) < 36 or d[16] != 41: return None
                plen = struct.unpack(">H", d[30:32])[0]
                if struct.unpack(">H", d[34:36])[0] != 16390: return None
                return d[36:28 + plen]
            def with_cookie(c):
                n = bytes([req[16], 0]) + struct.pack(">H", 8 + len(c)) + bytes([0, 0]) + struct.pack(">H", 16390) + c
                body = n + req[28:]
                return req[:16] + bytes([41]) + req[17:24] + struct.pack(">I", 28 + len(body)) + body
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
                again = []
                for s in socks:
                    try:
                        d = s.recv(4096)
                        if d[8:16] == bytes(8):
                            cookie += 1
                            c = cookie_of(d) if answer else None
                            if c is not None:
                                s.sendto(with_cookie(c), target)
                                again.append(s)
                                continue
                        else: real += 1
                    except BlockingIOError:
                        pass
                    s.close()
                if again:
                    time.sleep(0.2)
                    for s in again:
                        try:
                            if s.recv(4096)[8:16] != bytes(8): real += 1
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

    /** 40 extra addresses in strongSwan's namespace (once per lab). */
    private String[] floodAddresses() throws Exception {
        String[] addrs = new String[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            addrs[i] = "192.0.2." + (100 + i);
            lab().exec(Side.RIGHT, "ip", "addr", "replace", addrs[i] + "/32", "dev", lab().outerInterface(Side.RIGHT)).orThrow();
        }
        return addrs;
    }

    private Process startFlood(String name, boolean answerCookies, int seconds, Path out) throws Exception {
        String target = lab().outerAddress(IKE4J_SIDE);
        Path dir = lab().dir(name);
        Path req = Files.writeString(dir.resolve("request.hex"), HexFormat.of().formatHex(saInit(target)));
        Path script = Files.writeString(dir.resolve("flood.py"), FLOOD);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", script.toString(),
                req.toString(), target, String.valueOf(seconds), answerCookies ? "answer" : "ignore"));
        cmd.addAll(java.util.List.of(floodAddresses()));
        return lab().spawn(lab().namespace(Side.RIGHT), Map.of(), out, cmd.toArray(String[]::new));
    }

    /** sent, cookie, real counts the flood printed. */
    private static int[] floodCounts(Path out) throws Exception {
        String counts = Files.readString(out);
        Matcher m = Pattern.compile("sent=(\\d+) cookie=(\\d+) real=(\\d+)").matcher(counts);
        assertThat(m.find()).as("flood output: " + counts).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private void awaitNoHalfOpen() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (halfOpen() > 0 && System.nanoTime() < deadline) IkePeer.sleep(500);
        assertThat(halfOpen()).isZero();
    }

    @Test
    void floodFromManyAddressesKeepsHalfOpenCappedAndStrongSwanConnects() throws Exception {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE ? c.proposals(PROPOSAL).remoteAddrs("%any") : c.proposals(PROPOSAL)));
        Path out = lab().dir("flood").resolve("flood.out");
        Process flood = startFlood("flood", false, 12, out);
        try {
            IkePeer.sleep(2000);
            int during = halfOpen();
            // strongSwan, a legitimate peer from its usual address, gets in while the flood runs
            pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, ike, CHILD);
            int later = halfOpen();
            assertThat(during).as("half-open during the flood").isBetween(1, 5 + 1);
            assertThat(later).as("half-open during the flood").isLessThanOrEqualTo(5 + 1);
            assertThat(flood.isAlive()).as("strongSwan got in while the flood was still running").isTrue();
            assertThat(flood.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            NetnsLab.stop(flood, Duration.ofSeconds(2));
        }
        int[] counts = floodCounts(out);
        assertThat(counts[1]).as("COOKIE demands").isPositive();
        assertThat(counts[2]).as("real answers").isLessThan(counts[0] / 4);
        // nobody continues those exchanges: the half-open SAs time out (3 s) and only strongSwan's SA remains
        awaitNoHalfOpen();
        assertThat(pair.ike4j().listSas()).hasSize(1);
        assertThat(pair.ike4j().log()).contains("half-open timeout");
    }

    /**
     * Attackers on real addresses pass the COOKIE check; the block threshold gives each 2 half-open SAs (80 in all),
     * and the hard cap keeps the total at 20 however often they come back: the daemon's state stays bounded.
     */
    @Test
    void cookieAnsweringFloodIsHeldAtTheHalfOpenLimit() throws Exception {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> side == IKE4J_SIDE ? c.proposals(PROPOSAL).remoteAddrs("%any") : c.proposals(PROPOSAL)));
        Path out = lab().dir("flood-answering").resolve("flood.out");
        Process flood = startFlood("flood-answering", true, 10, out);
        int highest = 0;
        try {
            IkePeer.sleep(1500);
            for (int i = 0; i < 10 && flood.isAlive(); i++) {
                highest = Math.max(highest, halfOpen());
                IkePeer.sleep(500);
            }
            assertThat(flood.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            NetnsLab.stop(flood, Duration.ofSeconds(2));
        }
        int[] counts = floodCounts(out);
        assertThat(highest).as("half-open during the flood (%s)", java.util.Arrays.toString(counts))
                .isGreaterThan(5).isLessThanOrEqualTo(HALF_OPEN_LIMIT);
        assertThat(counts[2]).as("real answers after returning COOKIEs").isGreaterThan(HALF_OPEN_LIMIT);
        assertThat(pair.ike4j().log()).contains("half-open limit " + HALF_OPEN_LIMIT);
        awaitNoHalfOpen();
        // once the flood has gone, strongSwan connects as usual
        pair.establish(PeerPair.Direction.STRONGSWAN_INITIATES, ike, CHILD);
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
