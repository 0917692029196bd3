package io.ike4j.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.engine.SaEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTest {
    @Test
    void parsesStrongSwanStyleLevels() throws Exception {
        LogLevels l = LogLevels.parse("ike=2,net=1,child=3");
        assertThat(l.level(Subsystem.IKE)).isEqualTo(2);
        assertThat(l.level(Subsystem.NET)).isEqualTo(1);
        assertThat(l.level(Subsystem.CHD)).isEqualTo(3);
        assertThat(l.level(Subsystem.CFG)).isEqualTo(LogLevels.DEFAULT_LEVEL);
        assertThat(LogLevels.parse("4").level(Subsystem.ENC)).isEqualTo(4);
        assertThat(LogLevels.parse("any=-1,cfg=2").level(Subsystem.IKE)).isEqualTo(-1);
        assertThatThrownBy(() -> LogLevels.parse("bogus=1")).hasMessageContaining("bogus");
        assertThatThrownBy(() -> LogLevels.parse("ike=5")).hasMessageContaining("outside");
        assertThatThrownBy(() -> LogLevels.parse("ike=x")).hasMessageContaining("not a number");
    }

    @Test
    void writesOneTimestampedLinePerEventNamingConnectionAndSa() throws Exception {
        List<String> lines = new ArrayList<>();
        DaemonLog log = new DaemonLog(LogLevels.parse("1,net=0"), InstantSource.fixed(Instant.parse("2025-01-02T03:04:05.678Z")), lines::add);
        SaEventLog.log(log, new SaEvent.IkeSaClosed(3, "home", "deleted by peer\nFAKE LINE"));
        log.log(Subsystem.NET, 1, "suppressed");
        log.log(Subsystem.CFG, 1, "loaded");
        assertThat(lines).containsExactly(
                "2025-01-02T03:04:05.678Z [ike] <home|3> IKE_SA home[3] closed: deleted by peer FAKE LINE",
                "2025-01-02T03:04:05.678Z [cfg] loaded");
    }
}
