package io.ike4j.core.auth.eap;

import java.util.ArrayList;
import java.util.List;

/** Drives an authenticator session and a peer session against each other until both have an outcome. */
record EapConversation(EapStep server, EapStep client, List<EapMessage> wire) {
    static EapConversation run(EapServerSession server, EapClientSession client) {
        List<EapMessage> wire = new ArrayList<>();
        EapStep s = server.start();
        for (int rounds = 1; rounds < 200; rounds++) {
            if (!(s instanceof EapStep.Send send)) {
                wire.add(server.finalMessage().orElseThrow());
                EapStep c = client.process(server.finalMessage().orElseThrow());
                return new EapConversation(s, c, wire);
            }
            wire.add(send.message());
            EapStep c = client.process(send.message());
            if (!(c instanceof EapStep.Send answer)) return new EapConversation(s, c, wire);
            wire.add(answer.message());
            s = server.process(answer.message());
        }
        throw new AssertionError("EAP conversation did not finish");
    }

    byte[] serverMsk() {
        return ((EapStep.Success) server).msk().orElseThrow();
    }

    byte[] clientMsk() {
        return ((EapStep.Success) client).msk().orElseThrow();
    }
}
