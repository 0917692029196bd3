package io.ike4j.platform.radius;

import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.config.EapBackend;
import io.ike4j.core.crypto.RandomSource;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The engine's {@link EapBackend} for {@code auth = eap-radius}: one {@link RadiusEapProxy} per EAP conversation over
 * a shared {@link RadiusClient}, whose socket is opened on first use. The proxy blocks on the network; the runtime
 * runs each engine input on its own virtual thread, so only the SA being authenticated waits.
 */
public final class RadiusEapBackend implements EapBackend, AutoCloseable {
    private final RadiusConfig config;
    private final RandomSource random;
    private RadiusClient client;
    private IOException openFailure;

    public RadiusEapBackend(RadiusConfig config, RandomSource random) {
        this.config = config;
        this.random = random;
    }

    private synchronized Optional<RadiusClient> client() {
        if (client == null) {
            try {
                client = new RadiusClient(config, random);
            } catch (IOException e) {
                openFailure = e;
                return Optional.empty();
            }
        }
        return Optional.of(client);
    }

    @Override
    public EapServerMethod open(String connection, InetAddress local, InetAddress remote) {
        Optional<RadiusClient> c = client();
        if (c.isEmpty()) return new Unavailable("RADIUS client socket: " + openFailure.getMessage());
        // RFC 3580 3.20/3.21 style station ids: our address (NAS side) and the peer's
        return new RadiusEapProxy(c.get(), Optional.of(local.getHostAddress()), Optional.of(remote.getHostAddress()));
    }

    @Override
    public synchronized void close() {
        if (client != null) client.close();
        client = null;
    }

    @Override
    public String toString() {
        return "RadiusEapBackend[" + config + "]";
    }

    /** Fails every conversation when the client cannot be opened. */
    private record Unavailable(String reason) implements EapServerMethod {
        @Override
        public int type() {
            return PASS_THROUGH;
        }

        @Override
        public EapStep start(EapStart start) {
            return new EapStep.Failure(reason);
        }

        @Override
        public EapStep process(EapMessage response) {
            return new EapStep.Failure(reason);
        }
    }
}
