package io.ike4j.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The address watcher behind MOBIKE: reports the complete list on every change, and only then. */
class AddressMonitorTest {
    @Test
    void reportsChangesOnly() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("198.51.100.7");
        List<InetAddress> now = new CopyOnWriteArrayList<>(List.of(a));
        List<List<InetAddress>> reports = new ArrayList<>();
        AddressMonitor m = new AddressMonitor(() -> List.copyOf(now), List.of(a), reports::add);
        assertThat(m.poll()).isFalse();
        now.add(b);
        assertThat(m.poll()).isTrue();
        assertThat(m.poll()).isFalse();
        now.remove(a);
        assertThat(m.poll()).isTrue();
        now.clear();
        now.add(b);
        assertThat(m.poll()).isFalse(); // same set
        assertThat(reports).containsExactly(List.of(a, b), List.of(b));
    }

    @Test
    void aFailingSourceSkipsTheRound() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        List<List<InetAddress>> reports = new ArrayList<>();
        boolean[] fail = {true};
        AddressMonitor m = new AddressMonitor(() -> {
            if (fail[0]) throw new SocketException("netlink busy");
            return List.of(a);
        }, List.of(), reports::add);
        assertThat(m.poll()).isFalse();
        fail[0] = false;
        assertThat(m.poll()).isTrue();
        assertThat(reports).containsExactly(List.of(a));
    }

    @Test
    void pollsOnItsOwnThreadUntilClosed() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        List<InetAddress> now = new CopyOnWriteArrayList<>();
        List<List<InetAddress>> reports = new CopyOnWriteArrayList<>();
        try (AddressMonitor m = new AddressMonitor(() -> List.copyOf(now), List.of(), reports::add)
                .start(java.time.Duration.ofMillis(20))) {
            now.add(a);
            long end = System.nanoTime() + 10_000_000_000L;
            while (reports.isEmpty() && System.nanoTime() < end) Thread.sleep(10);
            assertThat(reports).containsExactly(List.of(a));
        }
    }
}
