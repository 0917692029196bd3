package io.ike4j.daemon.cli;

import io.ike4j.api.ChildSessionCallback;
import io.ike4j.api.ChildSessionConfiguration;
import io.ike4j.api.ChildSessionParams;
import io.ike4j.api.IkeException;
import io.ike4j.api.IkeGateway;
import io.ike4j.api.IkeGatewayListener;
import io.ike4j.api.IkeGatewayParams;
import io.ike4j.api.IkeSession;
import io.ike4j.api.IkeSessionCallback;
import io.ike4j.api.IkeSessionConfiguration;
import io.ike4j.api.IkeSessionParams;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.dataplane.InstalledChildSa;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ike4j demo}: a gateway on 127.0.0.1 and a client on 127.0.0.2 (ephemeral ports, no root needed) negotiate
 * an IKE SA and a CHILD_SA with a random pre-shared key through the embeddable API, print what both agreed and
 * whether both installed the same keys (the keys themselves are never printed), then close.
 */
final class DemoCommand implements Command {
    static final String DEFAULT_PROPOSAL = "aes256gcm16-prfsha384-x25519";
    static final String DEFAULT_ESP_PROPOSAL = "aes256gcm16";
    private static final String GATEWAY_ID = "gateway.ike4j.test";
    private static final String CLIENT_ID = "client.ike4j.test";

    @Override
    public String summary() {
        return "demo [--proposal P] [--esp-proposal P] [--transport] [--timeout S]   IKE+CHILD SA between a gateway and a client on loopback";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        CliArgs o;
        int timeout;
        try {
            o = CliArgs.parse(args, Set.of("proposal", "esp-proposal", "timeout"), Set.of("transport"));
            timeout = seconds(o.value("timeout").orElse("20"));
        } catch (CliArgs.UsageException e) {
            err.println("ike4j demo: " + e.getMessage());
            err.println("usage: ike4j " + summary());
            return USAGE;
        }
        try {
            return demo(o.value("proposal").orElse(DEFAULT_PROPOSAL), o.value("esp-proposal").orElse(DEFAULT_ESP_PROPOSAL),
                    o.flag("transport"), timeout, out);
        } catch (IkeException e) {
            err.println("ike4j demo: failed: " + describe(e));
            return FAILED;
        } catch (TimeoutException e) {
            err.println("ike4j demo: failed: no result within " + timeout + " s (" + e.getMessage() + ")");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ike4j demo: interrupted");
            return FAILED;
        } catch (java.io.IOException e) {
            err.println("ike4j demo: failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static int seconds(String text) throws CliArgs.UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 3600) throw new CliArgs.UsageException("--timeout must be 1..3600 seconds");
            return n;
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("--timeout must be a number of seconds: " + text);
        }
    }

    private static String describe(IkeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Completes with the session's outcome: its configuration, or the exception it closed with. */
    private static final class Outcome<T> {
        final CompletableFuture<T> opened = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        void open(T value) {
            opened.complete(value);
        }

        void fail(IkeException e) {
            opened.completeExceptionally(e);
            closed.completeExceptionally(e);
        }

        void close() {
            opened.completeExceptionally(new io.ike4j.api.IkeInternalException("closed before it opened"));
            closed.complete(null);
        }

        T awaitOpened(int seconds, String what) throws IkeException, InterruptedException, TimeoutException {
            try {
                return opened.get(seconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IkeException ike) throw ike;
                throw new io.ike4j.api.IkeInternalException(what + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new TimeoutException("waiting for " + what);
            }
        }
    }

    private int demo(String proposal, String espProposal, boolean transport, int timeout, PrintStream out)
            throws IkeException, InterruptedException, TimeoutException, java.io.IOException {
        InetAddress gatewayAddress = InetAddress.getByName("127.0.0.1");
        InetAddress clientAddress = InetAddress.getByName("127.0.0.2");
        byte[] psk = new byte[32];
        new SecureRandom().nextBytes(psk);

        Outcome<ChildSessionConfiguration> gatewayChild = new Outcome<>();
        CompletableFuture<Void> gatewayClosed = new CompletableFuture<>();
        InMemoryDataPlane gatewayPlane = new InMemoryDataPlane();
        InMemoryDataPlane clientPlane = new InMemoryDataPlane();
        IkeGatewayParams gp = IkeGatewayParams.builder()
                .localAddress(gatewayAddress).localPort(0).localNatTraversalPort(0)
                .localIdentity(GATEWAY_ID).addPeer(CLIENT_ID, psk).addIkeProposal(proposal)
                .child(childParams(espProposal, transport, true)).build();
        try (IkeGateway gateway = IkeGateway.start(gp, null, new IkeGatewayListener() {
            @Override
            public void onChildSessionOpened(ChildSessionConfiguration c) { gatewayChild.open(c); }

            @Override
            public void onChildSessionFailed(long ikeSaId, IkeException e) { gatewayChild.fail(e); }

            @Override
            public void onIkeSessionFailed(long ikeSaId, IkeException e) { gatewayChild.fail(e); }

            @Override
            public void onIkeSessionClosed(long ikeSaId, String reason) { gatewayClosed.complete(null); }
        }, gatewayPlane)) {
            out.println("gateway  listening on " + gateway.ikeEndpoint() + " as " + GATEWAY_ID);
            Outcome<IkeSessionConfiguration> ike = new Outcome<>();
            Outcome<ChildSessionConfiguration> child = new Outcome<>();
            IkeSessionParams sp = IkeSessionParams.builder()
                    .serverAddress(gatewayAddress).serverPort(gateway.ikeEndpoint().port())
                    .localAddress(clientAddress).localPort(0).localNatTraversalPort(0)
                    .localIdentity(CLIENT_ID).remoteIdentity(GATEWAY_ID).psk(psk).addIkeProposal(proposal).build();
            Arrays.fill(psk, (byte) 0);
            try (IkeSession session = IkeSession.open(sp, childParams(espProposal, transport, false), null,
                    callback(ike), childCallback(child), clientPlane)) {
                out.println("client   " + session.localEndpoint() + " as " + CLIENT_ID + " initiating");
                IkeSessionConfiguration clientIke = ike.awaitOpened(timeout, "the client's IKE SA");
                ChildSessionConfiguration clientChild = child.awaitOpened(timeout, "the client's CHILD_SA");
                ChildSessionConfiguration gwChild = gatewayChild.awaitOpened(timeout, "the gateway's CHILD_SA");
                Optional<IkeSessionConfiguration> gwIke = gateway.sessions().stream()
                        .filter(s -> s.ikeSaId() == gwChild.ikeSaId()).findFirst();
                out.println();
                DemoReport.printIke(out, "client", clientIke);
                gwIke.ifPresent(g -> DemoReport.printIke(out, "gateway", g));
                DemoReport.printChild(out, "client", clientChild);
                DemoReport.printChild(out, "gateway", gwChild);
                boolean match = keysMatch(clientPlane, clientChild, gatewayPlane, gwChild);
                out.println();
                out.println("installed CHILD_SA keys match on both sides: " + (match ? "yes" : "NO"));
                if (!match) return FAILED;
                session.close();
                ike.closed.get(timeout, TimeUnit.SECONDS);
                gatewayClosed.get(timeout, TimeUnit.SECONDS);
                out.println("closed: the client deleted the IKE SA, the gateway confirmed");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IkeException x) throw x;
                throw new io.ike4j.api.IkeInternalException("closing: " + e.getCause(), e.getCause());
            }
        }
        return OK;
    }

    private static boolean keysMatch(InMemoryDataPlane clientPlane, ChildSessionConfiguration client,
                                     InMemoryDataPlane gatewayPlane, ChildSessionConfiguration gateway) {
        Optional<InstalledChildSa> c = clientPlane.find(client.ikeSaId(), client.childSaId());
        Optional<InstalledChildSa> g = gatewayPlane.find(gateway.ikeSaId(), gateway.childSaId());
        return c.isPresent() && g.isPresent() && c.get().mirrors(g.get());
    }

    static ChildSessionParams childParams(String esp, boolean transport, boolean gateway) {
        ChildSessionParams.Builder b = ChildSessionParams.builder().name("demo").addEspProposal(esp);
        if (transport) return b.mode(ChildSessionParams.Mode.TRANSPORT).build(); // dynamic: the outer addresses
        String gwNet = "10.1.0.0/16";
        String clientNet = "10.2.0.0/16";
        return b.addLocalTrafficSelector(gateway ? gwNet : clientNet)
                .addRemoteTrafficSelector(gateway ? clientNet : gwNet).build();
    }

    private static IkeSessionCallback callback(Outcome<IkeSessionConfiguration> o) {
        return new IkeSessionCallback() {
            @Override
            public void onOpened(IkeSessionConfiguration c) { o.open(c); }

            @Override
            public void onClosed() { o.close(); }

            @Override
            public void onClosedExceptionally(IkeException e) { o.fail(e); }
        };
    }

    private static ChildSessionCallback childCallback(Outcome<ChildSessionConfiguration> o) {
        return new ChildSessionCallback() {
            @Override
            public void onOpened(ChildSessionConfiguration c) { o.open(c); }

            @Override
            public void onClosed() { o.close(); }

            @Override
            public void onClosedExceptionally(IkeException e) { o.fail(e); }
        };
    }

}
