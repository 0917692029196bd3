package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.KeyLogWriter;
import io.ike4j.daemon.log.LogLevels;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --keylog} wraps the data plane: everything but the key log must reach the real backend. Regression: MOBIKE
 * endpoint updates and virtual IPs used to stop at the wrapper (the interface's refusing defaults), and the installed
 * count the fault tests compare with {@code list-sas} was unknown.
 */
class KeyLoggingDataPlaneTest {
    @TempDir
    Path dir;

    private static ChildSaSpec spec() throws Exception {
        var in = new ChildSaSpec.DirectionKeys(0xc1ad4fa3, EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                new byte[16], new byte[32]);
        var out = new ChildSaSpec.DirectionKeys(0x0000beef, EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                new byte[16], new byte[32]);
        return new ChildSaSpec(1, 2, "home", "net", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL,
                new Endpoint(InetAddress.getByName("192.0.2.1"), 500), new Endpoint(InetAddress.getByName("192.0.2.2"), 500),
                false, false, 32, in, out, List.of(), List.of(), ChildSaSpec.Lifetimes.NONE);
    }

    @Test
    void delegatesInstallCountEndpointUpdatesAndVirtualIps() throws Exception {
        InMemoryDataPlane real = new InMemoryDataPlane();
        DaemonLog log = new DaemonLog(LogLevels.defaults(), InstantSource.system(), line -> { });
        try (KeyLogWriter keys = KeyLogWriter.open(dir, log)) {
            KeyLoggingDataPlane plane = new KeyLoggingDataPlane(real, keys);
            assertThat(plane.installedCount()).isZero();
            plane.install(spec());
            assertThat(plane.installedCount()).isEqualTo(1);

            Endpoint local = new Endpoint(InetAddress.getByName("192.0.2.9"), 4500);
            Endpoint remote = new Endpoint(InetAddress.getByName("192.0.2.2"), 4500);
            assertThat(plane.updateEndpoints(1, 2, 0xc1ad4fa3, 0x0000beef, local, remote, true)).isTrue();
            assertThat(real.find(1, 2).orElseThrow().local()).isEqualTo(local);

            InetAddress vip = InetAddress.getByName("10.3.0.1");
            plane.addVirtualIp(vip, remote.address());
            assertThat(real.virtualIps()).containsExactly(vip);
            assertThat(plane.removeVirtualIp(vip)).isTrue();

            assertThat(plane.reassign(1, 5, 2, 0xc1ad4fa3, 0x0000beef)).isTrue(); // IKEv1 adoption re-indexes
            assertThat(real.find(5, 2)).isPresent();
            assertThat(plane.counters(5, 2)).isPresent();
            assertThat(plane.remove(5, 2, 0xc1ad4fa3, 0x0000beef)).isTrue();
            assertThat(plane.installedCount()).isZero();
        }
    }
}
