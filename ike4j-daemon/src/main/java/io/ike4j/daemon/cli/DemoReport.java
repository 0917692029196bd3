package io.ike4j.daemon.cli;

import io.ike4j.api.ChildSessionConfiguration;
import io.ike4j.api.IkeSessionConfiguration;
import java.io.PrintStream;

/** Prints what the demo's two sides agreed, strongSwan {@code list-sas} style. Never key material. */
final class DemoReport {
    private DemoReport() {}

    static void printIke(PrintStream out, String side, IkeSessionConfiguration c) {
        out.printf("%-8s IKE_SA #%d %s: %s[%s] %s %s[%s]%n", side, c.ikeSaId(), c.initiator() ? "initiator" : "responder",
                c.local(), c.localId(), c.initiator() ? "->" : "<-", c.remote(), c.remoteId());
        out.printf("%-8s   SPIs %016x_i %016x_r%n", "", c.initiatorSpi(), c.responderSpi());
        out.printf("%-8s   %s%n", "", c.algorithms());
    }

    static void printChild(PrintStream out, String side, ChildSessionConfiguration c) {
        out.printf("%-8s CHILD_SA %s #%d %s %s%s: SPIs %08x_i %08x_o%n", side, c.name(), c.childSaId(), c.mode(),
                c.protocol(), c.udpEncapsulation() ? "-in-UDP" : "", c.inboundSpi(), c.outboundSpi());
        out.printf("%-8s   %s%n", "", c.algorithms());
        out.printf("%-8s   %s === %s%n", "", String.join(" ", c.localTrafficSelectors()),
                String.join(" ", c.remoteTrafficSelectors()));
    }
}
