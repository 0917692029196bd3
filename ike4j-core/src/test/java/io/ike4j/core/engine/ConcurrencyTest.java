package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One responder engine driven from many threads at once by many initiators: every SA comes up, each exactly once. */
class ConcurrencyTest {

    @Test
    void manyInitiatorsInParallel() throws Exception {
        int peers = 24;
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        EngineConfig responderCfg = EngineConfig.builder().secret(SharedSecret.of("shared"))
                .connection(ConnectionConfig.builder("rw").localAddrs("192.0.2.2").remoteAddrs("10.0.0.0/8")
                        .ikeProposals("aes128gcm16-prfsha256-x25519").local(AuthConfig.psk("gw.example"))
                        .remote(AuthConfig.psk("*.clients.example"))
                        .child(ChildConfig.builder("net").localTs("10.2.0.0/16").remoteTs("dynamic").espProposals("aes128gcm16").build())
                        .build()).build();
        Random sr = new Random(99);
        RandomSource shared = out -> {
            synchronized (sr) {
                sr.nextBytes(out);
            }
        };
        Engine responder = Engine.create(new EngineContext(responderCfg, clock, shared));
        Endpoint rAddr = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<SaEvent> responderEvents = new ConcurrentLinkedQueue<>();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                String ip = "10.0.0." + (n + 1);
                EngineConfig cfg = EngineConfig.builder().secret(SharedSecret.of("shared"))
                        .connection(ConnectionConfig.builder("gw").localAddrs(ip).remoteAddrs("192.0.2.2")
                                .ikeProposals("aes128gcm16-prfsha256-x25519").local(AuthConfig.psk("c" + n + ".clients.example"))
                                .remote(AuthConfig.psk("gw.example"))
                                .child(ChildConfig.builder("net").localTs("dynamic").remoteTs("10.2.0.0/16")
                                        .espProposals("aes128gcm16").build()).build()).build();
                Random r = new Random(n);
                Engine initiator = Engine.create(new EngineContext(cfg, clock, r::nextBytes));
                Endpoint me = new Endpoint(InetAddress.getByName(ip), 500);
                List<EngineOutput> toSend = initiator.handle(new EngineInput.Initiate("gw", "net"));
                boolean up = false;
                for (int round = 0; round < 4 && !up; round++) {
                    List<EngineOutput> replies = new ArrayList<>();
                    for (EngineOutput o : toSend) {
                        if (o instanceof EngineOutput.SendDatagram d) {
                            for (EngineOutput x : responder.handle(new EngineInput.DatagramReceived(rAddr, me, d.data()))) {
                                if (x instanceof EngineOutput.Notify nt) responderEvents.add(nt.event());
                                if (x instanceof EngineOutput.SendDatagram rd) replies.add(rd);
                            }
                        }
                    }
                    toSend = new ArrayList<>();
                    for (EngineOutput o : replies) {
                        for (EngineOutput x : initiator.handle(new EngineInput.DatagramReceived(me, rAddr,
                                ((EngineOutput.SendDatagram) o).data()))) {
                            if (x instanceof EngineOutput.Notify nt && nt.event() instanceof SaEvent.ChildSaEstablished) up = true;
                            toSend.add(x);
                        }
                    }
                }
                return up;
            }));
        }
        for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        pool.shutdown();
        assertThat(responder.listSas()).hasSize(peers).allSatisfy(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
        assertThat(responderEvents).filteredOn(e -> e instanceof SaEvent.IkeSaEstablished).hasSize(peers);
        assertThat(responder.listSas()).extracting(IkeSaInfo::ikeSaId).doesNotHaveDuplicates();
    }
}
