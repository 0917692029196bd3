package io.ike4j.daemon.log;

import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;

/** Turns the engine's {@link SaEvent}s into log lines (charon's wording where it has one). */
public final class SaEventLog {
    private SaEventLog() {}

    /** The subsystem, level and message for an event; also used to stream progress to {@code initiate} clients. */
    public record Line(Subsystem subsystem, int level, String message) {}

    public static Line describe(SaEvent e) {
        return switch (e) {
            case SaEvent.IkeSaEstablished x -> new Line(Subsystem.IKE, 0, "IKE_SA " + x.connection() + "[" + x.ikeSaId()
                    + "] established between " + endpoints(x.info()));
            case SaEvent.IkeSaUpdated x -> new Line(Subsystem.IKE, 1, "IKE_SA " + x.connection() + "[" + x.ikeSaId()
                    + "] now " + (x.info() == null ? "updated" : x.info().local() + " - " + x.info().remote()));
            case SaEvent.IkeSaClosed x -> new Line(Subsystem.IKE, 0, "IKE_SA " + x.connection() + "[" + x.ikeSaId() + "] closed: " + x.reason());
            case SaEvent.IkeSaFailed x -> new Line(Subsystem.IKE, 0, "establishing IKE_SA " + x.connection() + "[" + x.ikeSaId()
                    + "] failed: " + x.reason() + notify(x.notifyType()));
            case SaEvent.ChildSaEstablished x -> new Line(Subsystem.CHD, 0, "CHILD_SA " + x.child() + "{" + x.childSaId()
                    + "} established with SPIs " + String.format("%08x_i %08x_o", x.info().spiIn(), x.info().spiOut())
                    + " and TS " + String.join(" ", x.info().localSelectors()) + " === " + String.join(" ", x.info().remoteSelectors()));
            case SaEvent.ChildSaClosed x -> new Line(Subsystem.CHD, 0, "CHILD_SA " + x.child() + "{" + x.childSaId() + "} closed: " + x.reason());
            case SaEvent.ChildSaRekeyed x -> new Line(Subsystem.CHD, 0, "CHILD_SA " + x.child() + "{" + x.oldChildSaId()
                    + "} rekeyed to {" + x.newChildSaId() + "} with SPIs " + String.format("%08x_i %08x_o", x.info().spiIn(), x.info().spiOut()));
            case SaEvent.IkeSaRekeyed x -> new Line(Subsystem.IKE, 0, "IKE_SA " + x.connection() + "[" + x.oldIkeSaId() + "] "
                    + (x.reauthenticated() ? "reauthenticated as [" + x.ikeSaId() + "]" : "rekeyed") + ", SPIs "
                    + String.format("%016x_i %016x_r", x.info().initiatorSpi(), x.info().responderSpi()));
            case SaEvent.ChildSaFailed x -> new Line(Subsystem.CHD, 0, "establishing CHILD_SA " + x.child() + " failed: " + x.reason()
                    + notify(x.notifyType()));
        };
    }

    public static void log(DaemonLog log, SaEvent e) {
        Line l = describe(e);
        log.sa(l.subsystem(), l.level(), e.connection(), e.ikeSaId(), l.message());
    }

    private static String endpoints(IkeSaInfo i) {
        if (i == null) return "?";
        return i.localId() + "[" + i.local() + "]..." + i.remoteId() + "[" + i.remote() + "]";
    }

    private static String notify(int type) {
        return type == 0 ? "" : " (notify " + type + ")";
    }
}
