package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.SaEvent;
import io.ike4j.daemon.control.SaJsonTest;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.LogLevels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon wiring on loopback with ephemeral ports: config → runtime + transport → control socket. */
class DaemonTest {
    @TempDir
    Path dir;

    private static String cli(String... args) {
        return TestDaemons.cli(args).output();
    }

    @Test
    void startsServesControlCommandsReloadsAndStops() throws Exception {
        Path conf = Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  home {
                    remote_addrs = 127.0.0.2
                    local {
                      auth = psk
                      id = moon
                    }
                    remote {
                      auth = psk
                      id = sun
                    }
                    children {
                      net {
                        local_ts = 10.1.0.0/16
                        remote_ts = 10.2.0.0/16
                      }
                    }
                  }
                }
                secrets {
                  ike-home {
                    id = sun
                    secret = 0sAAAAAAAAAAAAAAAAAAAAAA==
                  }
                }
                """);
        List<String> logLines = new CopyOnWriteArrayList<>();
        DaemonLog log = new DaemonLog(LogLevels.parse("2"), InstantSource.system(), logLines::add);
        Path sock = dir.resolve("ike4j.sock");
        String uri = "unix://" + sock;
        Daemon d = Daemon.start(new DaemonOptions(conf, sock, 0, 0, Optional.empty()), log, InstantSource.system());
        try {
            assertThat(d.ikePort()).isPositive();
            assertThat(cli("list-conns", "--uri", uri)).contains("home: IKEv").contains("net: TUNNEL").contains("10.2.0.0/16");
            // nobody answers on 127.0.0.2: initiate reports the failure instead of hanging
            assertThat(cli("initiate", "--child", "net", "--timeout", "1", "--uri", uri)).contains("initiate failed");

            // SA events from the runtime reach list-sas and the log
            var info = SaJsonTest.fixture();
            d.tracker().onEvent(new SaEvent.IkeSaEstablished(info.ikeSaId(), info.connection(), info));
            assertThat(cli("list-sas", "--json", "--uri", uri)).startsWith("[{\"name\":\"home\",\"uniqueid\":\"3\"");
            assertThat(cli("stats", "--uri", uri)).contains("IKE_SAs: 1 total").contains("CHILD_SAs: 1");

            Files.writeString(conf, Files.readString(conf).replace("connections {", "connections {\n  extra {\n    remote_addrs = 127.0.0.3\n    local {\n      auth = psk\n    }\n    remote {\n      auth = psk\n    }\n  }"));
            assertThat(cli("load-all", "--uri", uri)).contains("loaded 2 connections (1 added, 0 removed)");
            Files.writeString(conf, "connections { broken {");
            assertThat(cli("load-all", "--uri", uri)).contains("has errors");
            assertThat(cli("list-conns", "--uri", uri)).contains("extra");
        } finally {
            d.close();
        }
        assertThat(sock).doesNotExist();
        assertThat(logLines).anyMatch(l -> l.contains("[dmn]") && l.contains("stopped"));
    }
}
