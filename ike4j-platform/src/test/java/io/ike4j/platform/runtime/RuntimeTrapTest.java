package io.ike4j.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.DatagramSender;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime carries trap outputs to the data plane and turns the data plane's acquires into engine inputs. */
class RuntimeTrapTest {

    @Test
    void trapsReachTheDataPlaneAndAcquiresReachTheEngine() throws Exception {
        TrapPolicy trap = new TrapPolicy("gw", "net", ChildSaSpec.Mode.TUNNEL, InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("192.0.2.2"), List.of(), List.of());
        BlockingQueue<EngineInput> inputs = new LinkedBlockingQueue<>();
        InMemoryDataPlane plane = new InMemoryDataPlane();
        DatagramSender sender = new DatagramSender() {
            @Override
            public boolean sendIke(Endpoint local, Endpoint remote, byte[] data) {
                return true;
            }

            @Override
            public boolean sendKeepalive(Endpoint local, Endpoint remote) {
                return true;
            }
        };
        try (EngineRuntime rt = new EngineRuntime(in -> {
            inputs.add(in);
            return switch (in) {
                case EngineInput.ApplyStartActions x -> List.of(new EngineOutput.InstallTrap(trap));
                case EngineInput.Shutdown x -> List.of(new EngineOutput.RemoveTrap(trap));
                default -> List.<EngineOutput>of();
            };
        }, sender, plane, InstantSource.fixed(Instant.EPOCH))) {
            rt.applyStartActions().get(5, TimeUnit.SECONDS);
            assertThat(inputs.poll()).isInstanceOf(EngineInput.ApplyStartActions.class);
            assertThat(plane.traps()).containsExactly(trap);
            assertThat(plane.packetHitsTrap("gw", "net")).isTrue();
            assertThat(inputs.poll(5, TimeUnit.SECONDS)).isEqualTo(new EngineInput.Acquire("gw", "net"));
            rt.shutdown().get(5, TimeUnit.SECONDS);
            assertThat(plane.traps()).isEmpty();
        }
    }
}
