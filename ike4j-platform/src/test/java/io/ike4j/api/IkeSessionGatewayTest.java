package io.ike4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.dataplane.InstalledChildSa;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An IkeSession against an IkeGateway over loopback UDP (127.0.0.2 -> 127.0.0.1, ephemeral ports). */
class IkeSessionGatewayTest {
    private static final String PROPOSAL = "aes256gcm16-prfsha384-x25519";
    private static final Retransmission FAST = new Retransmission(Duration.ofMillis(500), 1.5, 3);

    private final InMemoryDataPlane gatewayPlane = new InMemoryDataPlane();
    private final InMemoryDataPlane clientPlane = new InMemoryDataPlane();
    private final List<String> gatewayEvents = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ChildSessionConfiguration> gatewayChild = new CompletableFuture<>();
    private final CompletableFuture<IkeException> gatewayFailure = new CompletableFuture<>();
    private final CompletableFuture<String> gatewayClosed = new CompletableFuture<>();
    private IkeGateway gateway;
    private InetAddress gatewayAddress;
    private InetAddress clientAddress;

    @BeforeEach
    void startGateway() throws Exception {
        gatewayAddress = InetAddress.getByName("127.0.0.1");
        clientAddress = InetAddress.getByName("127.0.0.2");
        IkeGatewayParams params = IkeGatewayParams.builder().localAddress(gatewayAddress).localPort(0).localNatTraversalPort(0)
                .localIdentity("gw.ike4j.test").addPeer("carol@ike4j.test", "correct horse battery staple")
                .addIkeProposal(PROPOSAL).retransmission(FAST)
                .child(ChildSessionParams.builder().name("net").addLocalTrafficSelector("10.1.0.0/16")
                        .addRemoteTrafficSelector("10.2.0.0/16").addEspProposal("aes256gcm16").build())
                .build();
        gateway = IkeGateway.start(params, null, new IkeGatewayListener() {
            @Override
            public void onIkeSessionOpened(IkeSessionConfiguration c) { gatewayEvents.add("ike opened"); }

            @Override
            public void onChildSessionOpened(ChildSessionConfiguration c) {
                gatewayEvents.add("child opened");
                gatewayChild.complete(c);
            }

            @Override
            public void onIkeSessionClosed(long ikeSaId, String reason) {
                gatewayEvents.add("ike closed");
                gatewayClosed.complete(reason);
            }

            @Override
            public void onIkeSessionFailed(long ikeSaId, IkeException e) { gatewayFailure.complete(e); }
        }, gatewayPlane);
    }

    @AfterEach
    void stopGateway() {
        gateway.close(Duration.ofSeconds(2));
    }

    private IkeSessionParams.Builder client(String psk) {
        return IkeSessionParams.builder().serverAddress(gatewayAddress).serverPort(gateway.ikeEndpoint().port())
                .localAddress(clientAddress).localPort(0).localNatTraversalPort(0)
                .localIdentity("carol@ike4j.test").remoteIdentity("gw.ike4j.test").psk(psk)
                .addIkeProposal(PROPOSAL).retransmission(FAST);
    }

    private static ChildSessionParams clientChild() {
        return ChildSessionParams.builder().name("net").addLocalTrafficSelector("10.2.0.0/16")
                .addRemoteTrafficSelector("10.1.0.0/16").addEspProposal("aes256gcm16").build();
    }

    @Test
    void establishesIkeAndChildSaWithMatchingKeysAndClosesCleanly() throws Exception {
        SessionRecorder r = new SessionRecorder();
        IkeSession session = IkeSession.open(client("correct horse battery staple").build(), clientChild(), null, r, r.child,
                clientPlane);
        IkeSessionConfiguration ike = r.ikeOpened.get(10, TimeUnit.SECONDS);
        ChildSessionConfiguration child = r.childOpened.get(10, TimeUnit.SECONDS);
        ChildSessionConfiguration gwChild = gatewayChild.get(10, TimeUnit.SECONDS);

        assertThat(ike.initiator()).isTrue();
        assertThat(ike.localId()).isEqualTo("carol@ike4j.test");
        assertThat(ike.remoteId()).isEqualTo("gw.ike4j.test");
        assertThat(ike.local()).isEqualTo(session.localEndpoint());
        assertThat(ike.remote()).isEqualTo(gateway.ikeEndpoint());
        assertThat(ike.encryption()).isEqualTo("AES_GCM_16");
        assertThat(ike.encryptionKeyBits()).isEqualTo(256);
        assertThat(ike.initiatorSpi()).isNotZero();
        assertThat(ike.responderSpi()).isNotZero();
        assertThat(child.inboundSpi()).isEqualTo(gwChild.outboundSpi());
        assertThat(child.outboundSpi()).isEqualTo(gwChild.inboundSpi());
        assertThat(child.localTrafficSelectors()).isEqualTo(gwChild.remoteTrafficSelectors());
        assertThat(child.remoteTrafficSelectors()).isEqualTo(gwChild.localTrafficSelectors());
        assertThat(gateway.sessions()).extracting(IkeSessionConfiguration::initiatorSpi).containsExactly(ike.initiatorSpi());

        InstalledChildSa mine = clientPlane.find(child.ikeSaId(), child.childSaId()).orElseThrow();
        InstalledChildSa theirs = gatewayPlane.find(gwChild.ikeSaId(), gwChild.childSaId()).orElseThrow();
        assertThat(mine.mirrors(theirs)).as("both peers installed the same keys").isTrue();
        assertThat(mine.inboundSpi()).isEqualTo(child.inboundSpi());

        session.close();
        assertThat(r.ikeClosed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(r.childClosed.get(10, TimeUnit.SECONDS)).isNull();
        gatewayClosed.get(10, TimeUnit.SECONDS);
        assertThat(r.calls).containsExactly("ike opened", "child opened", "child closed", "ike closed");
        assertThat(gatewayEvents).startsWith("ike opened", "child opened").endsWith("ike closed");
        assertThat(mine.wiped()).isTrue();
        assertThat(clientPlane.installed()).isEmpty();
        waitFor(() -> gatewayPlane.installed().isEmpty());
        assertThat(theirs.wiped()).isTrue();
    }

    @Test
    void aWrongPskSurfacesAsAuthenticationFailed() throws Exception {
        SessionRecorder r = new SessionRecorder();
        try (IkeSession session = IkeSession.open(client("wrong").build(), clientChild(), null, r, r.child, clientPlane)) {
            IkeException failure = r.ikeClosed.get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(AuthenticationFailedException.class);
            assertThat(((IkeProtocolException) failure).notifyType()).isEqualTo(IkeProtocolException.AUTHENTICATION_FAILED);
            assertThat(r.childClosed.get(10, TimeUnit.SECONDS)).isInstanceOf(AuthenticationFailedException.class);
            assertThat(r.calls).containsExactly("child failed AuthenticationFailedException",
                    "ike failed AuthenticationFailedException");
            assertThat(session.configuration()).isEmpty();
        }
        assertThat(gatewayFailure.get(10, TimeUnit.SECONDS)).as("the gateway saw the bad AUTH too")
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(clientPlane.installed()).isEmpty();
        assertThat(gatewayPlane.installed()).isEmpty();
    }

    @Test
    void noCommonProposalSurfacesAsNoProposalChosen() throws Exception {
        SessionRecorder r = new SessionRecorder();
        IkeSessionParams p = IkeSessionParams.builder().serverAddress(gatewayAddress).serverPort(gateway.ikeEndpoint().port())
                .localAddress(clientAddress).localPort(0).localNatTraversalPort(0).localIdentity("carol@ike4j.test")
                .psk("correct horse battery staple").addIkeProposal("aes128-sha256-modp2048").retransmission(FAST).build();
        try (IkeSession session = IkeSession.open(p, clientChild(), null, r, r.child, clientPlane)) {
            assertThat(r.ikeClosed.get(10, TimeUnit.SECONDS)).isInstanceOf(NoProposalChosenException.class);
            assertThat(session.configuration()).isEmpty();
        }
    }

    @Test
    void unacceptableSelectorsFailOnlyTheChild() throws Exception {
        SessionRecorder r = new SessionRecorder();
        ChildSessionParams elsewhere = ChildSessionParams.builder().name("net").addLocalTrafficSelector("192.168.7.0/24")
                .addRemoteTrafficSelector("172.16.0.0/12").addEspProposal("aes256gcm16").build();
        try (IkeSession session = IkeSession.open(client("correct horse battery staple").build(), elsewhere, null, r,
                r.child, clientPlane)) {
            assertThat(r.ikeOpened.get(10, TimeUnit.SECONDS).initiator()).isTrue();
            assertThat(r.childClosed.get(10, TimeUnit.SECONDS)).isInstanceOf(TsUnacceptableException.class);
            assertThat(r.ikeClosed).as("RFC 7296 1.2: the IKE SA survives a failed first CHILD_SA").isNotDone();
            assertThat(clientPlane.installed()).isEmpty();
            session.close();
            assertThat(r.ikeClosed.get(10, TimeUnit.SECONDS)).isNull();
        }
        assertThat(r.calls).containsExactly("ike opened", "child failed TsUnacceptableException", "ike closed");
    }

    @Test
    void aSilentServerSurfacesAsTimeout() throws Exception {
        SessionRecorder r = new SessionRecorder();
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new java.net.InetSocketAddress(gatewayAddress, 0))) {
            int port = ((java.net.InetSocketAddress) silent.getLocalAddress()).getPort();
            IkeSessionParams p = client("correct horse battery staple").serverPort(port)
                    .retransmission(new Retransmission(Duration.ofMillis(50), 1.0, 2)).build();
            try (IkeSession session = IkeSession.open(p, clientChild(), null, r, r.child, clientPlane)) {
                assertThat(r.ikeClosed.get(10, TimeUnit.SECONDS)).isInstanceOf(IkeTimeoutException.class);
                assertThat(r.calls).containsExactly("child failed IkeTimeoutException", "ike failed IkeTimeoutException");
            }
        }
    }

    @Test
    void closingBeforeTheAnswerIsACleanClose() throws Exception {
        SessionRecorder r = new SessionRecorder();
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new java.net.InetSocketAddress(gatewayAddress, 0))) {
            int port = ((java.net.InetSocketAddress) silent.getLocalAddress()).getPort();
            IkeSession session = IkeSession.open(client("x").serverPort(port).build(), clientChild(), null, r, r.child,
                    clientPlane);
            session.close(Duration.ofSeconds(5));
            assertThat(r.ikeClosed.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(r.calls).containsExactly("child closed", "ike closed");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) Thread.sleep(10);
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
