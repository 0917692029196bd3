package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events reach the tracker from the thread that handled each input, so their order between inputs may vary. */
class SaTrackerTest {
    static ChildSaInfo child(long id) {
        return new ChildSaInfo(id, "net", "INSTALLED", "TUNNEL", "ESP", false, 1, 2, "AES_GCM_16", 256, "", "", false,
                List.of("10.1.0.0/16"), List.of("10.2.0.0/16"), 0);
    }

    static IkeSaInfo ike(List<ChildSaInfo> children) throws Exception {
        Endpoint a = new Endpoint(InetAddress.getByName("192.0.2.1"), 500);
        Endpoint b = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
        return new IkeSaInfo(1, "lab", "ESTABLISHED", 2, a, b, "a", "b", 1, 2, true, "AES_GCM_16", 256, "",
                "PRF_HMAC_SHA2_256", "CURVE_25519", false, false, 0, children);
    }

    @Test
    void aChildSaClosedBeforeItsEstablishmentIsDeliveredIsNeverListed() throws Exception {
        SaTracker t = new SaTracker();
        t.onEvent(new SaEvent.ChildSaClosed(1, "lab", 2, "net", "deleted by peer"));
        t.onEvent(new SaEvent.IkeSaEstablished(1, "lab", ike(List.of(child(2)))));
        t.onEvent(new SaEvent.ChildSaEstablished(1, "lab", 2, "net", child(2)));
        assertThat(t.list()).singleElement().satisfies(sa -> assertThat(sa.children()).isEmpty());
        t.onEvent(new SaEvent.ChildSaEstablished(1, "lab", 3, "net", child(3)));
        assertThat(t.childSaCount()).isEqualTo(1);
        t.onEvent(new SaEvent.IkeSaClosed(1, "lab", "deleted"));
        assertThat(t.list()).isEmpty();
    }

    static IkeSaInfo ike(long id, List<ChildSaInfo> children) throws Exception {
        IkeSaInfo i = ike(children);
        return new IkeSaInfo(id, i.connection(), i.state(), 1, i.local(), i.remote(), i.localId(), i.remoteId(), i.initiatorSpi(),
                i.responderSpi(), i.initiator(), i.encryption(), i.encryptionKeyBits(), i.integrity(), i.prf(), i.keyExchange(),
                i.natLocal(), i.natRemote(), i.establishedAtEpochSecond(), children);
    }

    /** IKEv1: a new ISAKMP SA adopts the IPsec SA of the one it replaces; list-sas shows it there, once. */
    @Test
    void aChildSaEstablishedUnderAnotherIkeSaMovesThere() throws Exception {
        SaTracker t = new SaTracker();
        t.onEvent(new SaEvent.IkeSaEstablished(1, "lab", ike(1, List.of(child(2)))));
        t.onEvent(new SaEvent.IkeSaEstablished(3, "lab", ike(3, List.of())));
        t.onEvent(new SaEvent.ChildSaEstablished(3, "lab", 2, "net", child(2)));
        assertThat(t.childSaCount()).isEqualTo(1);
        t.onEvent(new SaEvent.IkeSaClosed(1, "lab", "lifetime expired"));
        assertThat(t.list()).singleElement().satisfies(sa -> {
            assertThat(sa.ikeSaId()).isEqualTo(3);
            assertThat(sa.children()).extracting(ChildSaInfo::childSaId).containsExactly(2L);
        });
    }

    @Test
    void aRefusedChildSaReportedAsFailedIsNotListed() throws Exception {
        SaTracker t = new SaTracker();
        t.onEvent(new SaEvent.IkeSaEstablished(1, "lab", ike(List.of())));
        t.onEvent(new SaEvent.ChildSaFailed(1, "lab", "net", 0, "installing the CHILD_SA failed: tunnel mode only"));
        assertThat(t.childSaCount()).isZero();
    }
}
