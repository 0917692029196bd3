package io.ike4j.platform.radius;

import io.ike4j.core.auth.eap.EapClientSession;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.eap.EapStep;

/** Drives an authenticator session and a peer session against each other until both have an outcome. */
record EapConversation(EapStep server, EapStep client, int rounds) {
    static EapConversation run(EapServerSession server, EapClientSession client) {
        EapStep s = server.start();
        for (int rounds = 1; rounds < 100; rounds++) {
            if (!(s instanceof EapStep.Send send)) {
                EapStep c = client.process(server.finalMessage().orElseThrow());
                return new EapConversation(s, c, rounds);
            }
            EapStep c = client.process(send.message());
            if (!(c instanceof EapStep.Send answer)) return new EapConversation(s, c, rounds);
            s = server.process(answer.message());
        }
        throw new AssertionError("EAP conversation did not finish");
    }
}
