package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnreliableNetworkTest {

    private static void assertEstablished(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void lossOfAnySinglePacketIsRepairedByRetransmission(int lost) throws Exception {
        TwoPeers t = new Configs().peers();
        t.network = TwoPeers.dropFirst(1, (i, p) -> i == lost);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        assertEstablished(t);
    }

    @Test
    void firstThreePacketsLost() throws Exception {
        TwoPeers t = new Configs().peers();
        t.network = TwoPeers.dropFirst(3, (i, p) -> true);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(2));
        assertEstablished(t);
    }

    @Test
    void responsesLostAreResentFromTheCacheWithIdenticalBytes() throws Exception {
        TwoPeers t = new Configs().peers();
        // drop the first IKE_SA_INIT response and the first IKE_AUTH response (packets 1 and 3 in flight order)
        boolean[] droppedInit = {false}, droppedAuth = {false};
        t.network = p -> {
            if (p.from() != t.b) return List.of(p);
            boolean auth = p.data()[18] == 35;
            boolean[] flag = auth ? droppedAuth : droppedInit;
            if (flag[0]) return List.of(p);
            flag[0] = true;
            return List.of();
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(1));
        assertEstablished(t);
        List<EngineOutput.SendDatagram> sent = t.b.outputs(EngineOutput.SendDatagram.class);
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0).data()).isEqualTo(sent.get(1).data());
        assertThat(sent.get(2).data()).isEqualTo(sent.get(3).data());
        // the responder processed each request only once
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
    }

    @Test
    void duplicatedPacketsAreHarmless() throws Exception {
        TwoPeers t = new Configs().peers();
        t.network = p -> List.of(p, p);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        assertEstablished(t);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
    }

    @Test
    void reorderedDuplicatesAreHarmless() throws Exception {
        TwoPeers t = new Configs().peers();
        List<TwoPeers.Packet> held = new ArrayList<>();
        t.network = p -> {
            // hold back a copy of every packet and release it after the next one (late duplicates)
            List<TwoPeers.Packet> out = new ArrayList<>();
            out.add(p);
            out.addAll(held);
            held.clear();
            held.add(p);
            return out;
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        assertEstablished(t);
    }

    @Test
    void retransmitGiveUpTearsDownTheHalfOpenSa() throws Exception {
        TwoPeers t = new Configs().peers();
        t.network = p -> List.of();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(10));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        // 1 send + 5 retransmissions (strongSwan's defaults), 4 s * 1.8^n back-off
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class)).hasSize(6);
        List<java.time.Instant> deadlines = t.a.outputs(EngineOutput.StartTimer.class).stream()
                .filter(s -> s.id().kind() == TimerId.TimerKind.RETRANSMIT).map(EngineOutput.StartTimer::deadline).toList();
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(deadlines.getFirst()).isEqualTo(start.plusSeconds(4));
        assertThat(deadlines.get(1)).isEqualTo(start.plusMillis(4000 + 7200));
        assertThat(t.a.timers).isEmpty();
    }

    @Test
    void responderHalfOpenSaTimesOut() throws Exception {
        TwoPeers t = new Configs().peers();
        t.network = p -> p.from() == t.a && t.delivered == 0 ? List.of(p) : List.of(); // only IKE_SA_INIT request arrives
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.flush();
        assertThat(t.b.engine.listSas()).hasSize(1);
        t.run(Duration.ofMinutes(2));
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.timers).isEmpty();
        assertThat(Arrays.asList(t.b.events().toArray())).hasSize(1);
    }
}
