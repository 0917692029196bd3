package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.xfrm.TestNetns;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmEventListener;
import io.ike4j.platform.xfrm.XfrmResult;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel enforces a CHILD_SA's time lifetimes and its XFRM_MSG_EXPIREs (soft, then hard) reach the listener; a kernel without ESP refuses the SA with its error and reports nothing. */
class XfrmExpiryKernelTest {

    @BeforeEach
    void require() {
        TestNetns.require("data plane kernel test", true);
    }

    @Test
    void softThenHardTimeLifetimeIsReportedOnceEach() throws Exception {
        try (TestNetns ns = TestNetns.create("i4j-dp-")) {
            XfrmClient client = ((XfrmResult.Ok<XfrmClient>) XfrmClient.openInNamespace(ns.file(), Duration.ofSeconds(5))).value();
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            try (XfrmDataPlane plane = new XfrmDataPlane(client, () -> XfrmEventListener.openInNamespace(ns.file()))) {
                plane.expiryListener((ike, child, hard) -> seen.add(ike + "/" + child + (hard ? " hard" : " soft")));
                try {
                    plane.install(UserspaceDataPlaneTest.spec(true, 5, 0xc1, 0xd1, new ChildSaSpec.Lifetimes(1, 3, 0, 0, 0, 0), false));
                } catch (DataPlaneException e) {
                    // A kernel without ESP algorithms (no esp4/AES-GCM modules, as on the CI machines) refuses the SA:
                    // the refusal must name the kernel's error, and no expiry may be reported for an SA that never
                    // existed. The EXPIRE path itself is covered by XfrmExpiryTest with recorded kernel messages.
                    assertThat(e.getMessage()).contains("ENOSYS");
                    assertThat(seen.poll(2, TimeUnit.SECONDS)).isNull();
                    return;
                }
                assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("1/5 soft");
                assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("1/5 hard");
                assertThat(seen.poll(2, TimeUnit.SECONDS)).isNull(); // the other direction's expires are not repeated
            }
        }
    }
}
