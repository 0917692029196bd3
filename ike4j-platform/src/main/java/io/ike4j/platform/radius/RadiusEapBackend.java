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
public final class RadiusEapBackend implements EapBackend, io.ike4j.core.config.PasswordBackend, AutoCloseable {
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

    /** XAuth with {@code auth = xauth-radius}: an Access-Request with User-Name and User-Password (PAP, RFC 2865 5.2). */
    @Override
    public Optional<String> check(String connection, InetAddress local, InetAddress remote, String user, byte[] password) {
        Optional<RadiusClient> c = client();
        if (c.isEmpty()) return Optional.of("RADIUS client socket: " + openFailure.getMessage());
        java.util.List<RadiusAttribute> attrs = new java.util.ArrayList<>();
        byte[] name = user.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        attrs.add(new RadiusAttribute(RadiusAttributeType.USER_NAME, java.util.Arrays.copyOf(name, Math.min(name.length, 253))));
        config.nasIpAddress().ifPresent(ip -> {
            if (ip.getAddress().length == 4) attrs.add(new RadiusAttribute(RadiusAttributeType.NAS_IP_ADDRESS, ip.getAddress()));
        });
        if (!config.nasIdentifier().isEmpty()) attrs.add(RadiusAttribute.text(RadiusAttributeType.NAS_IDENTIFIER, config.nasIdentifier()));
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.NAS_PORT_TYPE, 5)); // Virtual (RFC 2865 5.41)
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.SERVICE_TYPE, 2)); // Framed-User
        attrs.add(RadiusAttribute.text(RadiusAttributeType.CALLED_STATION_ID, local.getHostAddress()));
        attrs.add(RadiusAttribute.text(RadiusAttributeType.CALLING_STATION_ID, remote.getHostAddress()));
        return switch (c.get().send(attrs, Optional.of(password))) {
            case RadiusOutcome.TimedOut t -> Optional.of("RADIUS server did not answer after " + t.attempts() + " attempts");
            case RadiusOutcome.Failed f -> Optional.of("RADIUS: " + f.reason());
            case RadiusOutcome.Reply r -> r.packet().code() == RadiusCode.ACCESS_ACCEPT ? Optional.empty()
                    : Optional.of("RADIUS " + r.packet().code());
        };
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
