package io.ike4j.platform.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the running kernel, each test in its own network namespace. On these machines the kernel has XFRM
 * but no ESP (CONFIG_INET_ESP off): policies, ALLOCSPI, GETSA/DELSA of larval SAs and ACQUIRE work; NEWSA is refused.
 */
class XfrmKernelTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final InetAddress A = XfrmFixtureTest.A;
    static final InetAddress B = XfrmFixtureTest.B;

    @BeforeEach
    void requireRoot() {
        TestNetns.require();
    }

    private static <T> T ok(XfrmResult<T> r) {
        assertThat(r).as("result").isInstanceOf(XfrmResult.Ok.class);
        return ((XfrmResult.Ok<T>) r).value();
    }

    private static XfrmError failure(XfrmResult<?> r) {
        assertThat(r).as("result").isInstanceOf(XfrmResult.Failure.class);
        return ((XfrmResult.Failure<?>) r).error();
    }

    @Test
    void installsAndDeletesPoliciesInOutFwd() {
        try (TestNetns ns = TestNetns.create(); XfrmClient xfrm = ok(XfrmClient.openInNamespace(ns.file(), TIMEOUT))) {
            var out = XfrmPolicy.allow(XfrmFixtureTest.OUT, XfrmDirection.OUT, 1000, List.of(XfrmTemplate.esp(A, B, XfrmMode.TUNNEL, 7)));
            var in = XfrmPolicy.allow(XfrmFixtureTest.IN, XfrmDirection.IN, 1000, List.of(XfrmTemplate.esp(B, A, XfrmMode.TUNNEL, 7)));
            var fwd = XfrmPolicy.allow(XfrmFixtureTest.IN, XfrmDirection.FWD, 1000, List.of(XfrmTemplate.esp(B, A, XfrmMode.TUNNEL, 7)));
            for (XfrmPolicy p : List.of(out, in, fwd)) ok(xfrm.addPolicy(p));

            String listed = ns.ip("xfrm", "policy");
            assertThat(listed).contains("src 10.1.0.0/16 dst 10.2.0.0/16", "dir out priority 1000",
                    "src 10.2.0.0/16 dst 10.1.0.0/16", "dir in priority 1000", "dir fwd priority 1000",
                    "tmpl src 192.0.2.1 dst 192.0.2.2", "tmpl src 192.0.2.2 dst 192.0.2.1", "proto esp reqid 7 mode tunnel");
            assertThat(failure(xfrm.addPolicy(out)).kind()).isEqualTo(XfrmError.Kind.EXISTS);
            ok(xfrm.updatePolicy(out)); // UPDPOLICY replaces

            for (XfrmPolicy p : List.of(out, in, fwd)) ok(xfrm.deletePolicy(p.id()));
            assertThat(ns.ip("xfrm", "policy").strip()).isEmpty();
            XfrmError gone = failure(xfrm.deletePolicy(out.id()));
            assertThat(gone.kind()).isEqualTo(XfrmError.Kind.NOT_FOUND);
            assertThat(gone.message()).startsWith("DELPOLICY failed");
        }
    }

    @Test
    void allocatesSpiThenGetsAndDeletesTheLarvalSa() {
        try (TestNetns ns = TestNetns.create(); XfrmClient xfrm = ok(XfrmClient.openInNamespace(ns.file(), TIMEOUT))) {
            XfrmSaInfo larval = ok(xfrm.allocSpi(new XfrmSpiRequest(A, B, XfrmAbi.IPPROTO_ESP, XfrmMode.TUNNEL, 7, 0x1000, 0x2000)));
            assertThat(Integer.toUnsignedLong(larval.spi())).isBetween(0x1000L, 0x2000L);
            assertThat(larval.destination()).isEqualTo(B);
            assertThat(larval.source()).isEqualTo(A);
            assertThat(larval.reqid()).isEqualTo(7);
            assertThat(larval.protocol()).isEqualTo(XfrmAbi.IPPROTO_ESP);
            assertThat(ns.ip("xfrm", "state")).contains(String.format("spi 0x%08x reqid 7 mode tunnel", larval.spi()));

            XfrmSaId id = XfrmSaId.esp(A, B, larval.spi());
            XfrmSaInfo got = ok(xfrm.getSa(id));
            assertThat(got.spi()).isEqualTo(larval.spi());
            assertThat(got.mode()).isEqualTo(XfrmMode.TUNNEL);

            ok(xfrm.deleteSa(id));
            assertThat(ns.ip("xfrm", "state").strip()).isEmpty();
            assertThat(failure(xfrm.getSa(id)).kind()).isEqualTo(XfrmError.Kind.NOT_FOUND);
            assertThat(failure(xfrm.deleteSa(id)).errno()).isEqualTo(XfrmError.ESRCH);
        }
    }

    @Test
    void newSaIsInstalledOrRefusedWithATypedReason() {
        try (TestNetns ns = TestNetns.create(); XfrmClient xfrm = ok(XfrmClient.openInNamespace(ns.file(), TIMEOUT))) {
            var cbc = new XfrmAlgorithms.CipherAuth("cbc(aes)", Fixtures.key(16), "hmac(sha256)", Fixtures.key(32), 128);
            XfrmSa sa = XfrmSa.builder(A, B, 0xc0ffee01, cbc).reqid(7).replayWindow(32).build();
            XfrmResult<Void> r = xfrm.addSa(sa);
            if (r instanceof XfrmResult.Failure<Void>(XfrmError e)) {
                // this machine: CONFIG_INET_ESP is off, xfrm_init_state finds no ESP type
                assertThat(e.kind()).isEqualTo(XfrmError.Kind.NO_IPSEC_PROTOCOL);
                assertThat(e.errno()).isEqualTo(XfrmError.EPROTONOSUPPORT);
                assertThat(e.operation()).isEqualTo("NEWSA");
                assertThat(e.message()).contains("the kernel has no ESP support (CONFIG_INET_ESP)", "EPROTONOSUPPORT");
                assertThat(ns.ip("xfrm", "state").strip()).isEmpty();
            } else {
                assertThat(ns.ip("xfrm", "state")).contains("spi 0xc0ffee01", "enc cbc(aes)");
                ok(xfrm.deleteSa(XfrmSaId.esp(A, B, 0xc0ffee01)));
            }
        }
    }

    @Test
    void decodesTheAcquireForAPacketMatchingAPolicyWithoutSa() {
        try (TestNetns ns = TestNetns.create();
             XfrmClient xfrm = ok(XfrmClient.openInNamespace(ns.file(), TIMEOUT));
             XfrmEventListener events = ok(XfrmEventListener.openInNamespace(ns.file()))) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "v0");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("addr", "add", "10.1.0.1/32", "dev", "lo");
            ns.ip("route", "add", "10.2.0.0/16", "via", "192.0.2.2", "src", "10.1.0.1");
            ok(xfrm.addPolicy(XfrmPolicy.allow(XfrmFixtureTest.OUT, XfrmDirection.OUT, 1000,
                    List.of(XfrmTemplate.esp(A, B, XfrmMode.TUNNEL, 7)))));

            ns.exec("bash", "-c", "echo probe > /dev/udp/10.2.0.1/9"); // held back by the policy: no SA yet

            List<XfrmEvent> seen = new ArrayList<>();
            for (int i = 0; i < 10 && seen.stream().noneMatch(XfrmEvent.Acquire.class::isInstance); i++) {
                seen.addAll(ok(events.poll(Duration.ofSeconds(1))));
            }
            XfrmEvent.Acquire acquire = seen.stream().filter(XfrmEvent.Acquire.class::isInstance)
                    .map(XfrmEvent.Acquire.class::cast).findFirst().orElseThrow(() -> new AssertionError("no ACQUIRE: " + seen));
            assertThat(acquire.destination()).isEqualTo(B);
            assertThat(acquire.source()).isEqualTo(A);
            assertThat(acquire.protocol()).isEqualTo(XfrmAbi.IPPROTO_ESP);
            assertThat(acquire.selector().source()).isEqualTo(XfrmFixtureTest.ip("10.1.0.1"));
            assertThat(acquire.selector().destination()).isEqualTo(XfrmFixtureTest.ip("10.2.0.1"));
            assertThat(acquire.selector().sourcePrefixLength()).isEqualTo(32);
            assertThat(acquire.selector().protocol()).isEqualTo(17);
            assertThat(acquire.selector().destinationPort()).isEqualTo(9);
            assertThat(acquire.policy().direction()).isEqualTo(XfrmDirection.OUT.value());
            assertThat(acquire.policy().priority()).isEqualTo(1000);
            assertThat(acquire.policy().selector()).isEqualTo(XfrmFixtureTest.OUT);
            assertThat(events.malformedCount()).isZero();
        }
    }
}
