package io.ike4j.core.exchange;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.IkeSa;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * CHILD_SA lifetimes (swanctl.conf rekey_time/life_time/rand_time): CHILD_REKEY fires at rekey_time minus a random
 * part of rand_time (so that the peers rarely collide), CHILD_EXPIRE at life_time.
 */
public final class ChildRekeyUnit {
    private ChildRekeyUnit() {}

    static void armTimers(Session s, IkeSa sa, ChildSa child) {
        ChildConfig c = child.config();
        if (!c.rekeyTime().isZero()) {
            long rand = c.randTime().toMillis();
            long jitter = rand <= 0 ? 0 : Math.floorMod(ByteBuffer.wrap(s.context().random().bytes(8)).getLong(), rand);
            s.startTimer(sa, TimerId.TimerKind.CHILD_REKEY, child.id(), c.rekeyTime().minus(Duration.ofMillis(jitter)));
        }
        if (!c.lifeTime().isZero()) s.startTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, child.id(), c.lifeTime());
    }

    static void cancelTimers(Session s, IkeSa sa, ChildSa child) {
        s.cancelTimer(sa, TimerId.TimerKind.CHILD_REKEY, child.id());
        s.cancelTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, child.id());
    }
}
