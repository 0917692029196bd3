package io.ike4j.platform.net;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportCounters}. */
final class TransportStats {
    final LongAdder ikeReceived = new LongAdder();
    final LongAdder ikeSent = new LongAdder();
    final LongAdder keepalivesReceived = new LongAdder();
    final LongAdder keepalivesSent = new LongAdder();
    final LongAdder espReceived = new LongAdder();
    final LongAdder espDropped = new LongAdder();
    final LongAdder espSent = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder receiveErrors = new LongAdder();

    TransportCounters snapshot() {
        return new TransportCounters(ikeReceived.sum(), ikeSent.sum(), keepalivesReceived.sum(), keepalivesSent.sum(),
                espReceived.sum(), espDropped.sum(), malformed.sum(), sendErrors.sum(), receiveErrors.sum(), espSent.sum());
    }
}
