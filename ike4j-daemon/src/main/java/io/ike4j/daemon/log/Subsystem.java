package io.ike4j.daemon.log;

import java.util.Locale;
import java.util.Optional;

/** Log subsystems, named like strongSwan's charon (dmn, mgr, ike, chd, cfg, net, enc, knl, job, lib, esp). */
public enum Subsystem {
    DMN, MGR, IKE, CHD, CFG, NET, ENC, KNL, JOB, LIB, ESP;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the strongSwan short names and a few spelled-out aliases (child, config, kernel, daemon). */
    public static Optional<Subsystem> parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "child" -> Optional.of(CHD);
            case "config" -> Optional.of(CFG);
            case "kernel" -> Optional.of(KNL);
            case "daemon" -> Optional.of(DMN);
            default -> {
                for (Subsystem x : values()) {
                    if (x.tag().equals(n)) yield Optional.of(x);
                }
                yield Optional.empty();
            }
        };
    }
}
