package io.ike4j.daemon;

import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EapBackend;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.daemon.config.RadiusServerConfig;
import io.ike4j.platform.radius.RadiusConfig;
import io.ike4j.platform.radius.RadiusEapBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.daemon.config.ChildConfig;
import io.ike4j.daemon.config.ConnectionConfig;
import io.ike4j.daemon.config.SecretConfig;
import io.ike4j.daemon.config.SwanctlConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the swanctl.conf model ({@code io.ike4j.daemon.config}) becomes the engine's configuration
 * ({@code io.ike4j.core.config}). Settings the engine does not serve yet are accepted by
 * the loader and reported here as warnings, never silently dropped.
 */
public final class SwanctlToEngineConfig {
    private SwanctlToEngineConfig() {}

    /** The engine configuration and what could not be carried over (one log line each). */
    public record Mapped(EngineConfig config, List<String> warnings) {
        public Mapped {
            warnings = List.copyOf(warnings);
        }
    }

    /** The UDP ports the daemon actually listens on (charon.port / charon.port_nat_t in strongSwan). */
    public record Ports(int ike, int natTraversal, Retransmission retransmit, DosThresholds dos,
                        io.ike4j.core.crypto.CryptoProviders crypto) {
        public static final Ports STANDARD = new Ports(500, 4500);

        public Ports {
            if (retransmit == null) retransmit = Retransmission.DEFAULTS;
            if (dos == null) dos = DosThresholds.DEFAULTS;
            if (crypto == null) crypto = io.ike4j.core.crypto.CryptoProviders.JDK;
        }

        /** With the JDK's crypto providers. */
        public Ports(int ike, int natTraversal, Retransmission retransmit, DosThresholds dos) {
            this(ike, natTraversal, retransmit, dos, io.ike4j.core.crypto.CryptoProviders.JDK);
        }

        public Ports(int ike, int natTraversal, Retransmission retransmit) {
            this(ike, natTraversal, retransmit, DosThresholds.DEFAULTS);
        }

        public Ports(int ike, int natTraversal) {
            this(ike, natTraversal, Retransmission.DEFAULTS);
        }
    }

    /** The daemon's engine for this configuration. */
    static EngineBinding createEngine(SwanctlConfig config, Ports ports, Optional<Path> swanctlDir, java.time.InstantSource clock,
                                      io.ike4j.daemon.log.DaemonLog log, Optional<io.ike4j.core.engine.KeyLogSink> keyLog) {
        return new CoreEngineBinding(config, ports, swanctlDir, clock, log, keyLog);
    }

    public static Mapped map(SwanctlConfig swanctl) {
        return map(swanctl, Ports.STANDARD);
    }

    public static Mapped map(SwanctlConfig swanctl, Ports ports) {
        return map(swanctl, ports, Optional.empty());
    }

    /**
     * @param swanctlDir the directory of swanctl.conf, holding x509/, x509ca/, x509crl/, private/, rsa/, ecdsa/ and
     *                   pubkey/ (relative credential names resolve there, as with strongSwan)
     */
    public static Mapped map(SwanctlConfig swanctl, Ports ports, Optional<Path> swanctlDir) {
        List<String> warnings = new ArrayList<>();
        CredentialFiles files = CredentialFiles.load(swanctlDir, swanctl, warnings);
        // RFC 7296 2.23: the engine floats from the port we listen on to our NAT-T port
        EngineSettings.Builder settings = EngineSettings.builder()
                .ikePort(ports.ike()).natTraversalPort(ports.natTraversal())
                .retransmitTimeout(ports.retransmit().timeout()).retransmitBase(ports.retransmit().base())
                .retransmitTries(ports.retransmit().tries())
                .cookieThreshold(ports.dos().cookieThreshold()).cookieThresholdIp(ports.dos().cookieThresholdIp())
                .blockThreshold(ports.dos().blockThreshold()).halfOpenLimit(ports.dos().halfOpenLimit())
                .halfOpenTimeout(ports.dos().halfOpenTimeout()).crypto(ports.crypto());
        EngineConfig.Builder b = EngineConfig.builder();
        for (ConnectionConfig c : swanctl.connections()) {
            connection(c, ports, files, warnings).ifPresent(b::connection);
            redirects(c, warnings).forEach(settings::redirect);
            for (String pool : c.pools()) {
                if (swanctl.pool(pool).isEmpty()) {
                    warnings.add("connections." + c.name() + ".pools: no pool '" + pool + "' is defined in 'pools'");
                }
            }
        }
        b.settings(settings.build());
        pools(swanctl, warnings).forEach(b::pool);
        Credentials.Builder cred = Credentials.builder().signer(files.signer().withProviders(ports.crypto()), files.keyRefs());
        files.caCerts.forEach(cred::caCert);
        files.crls.forEach(cred::crl);
        for (SecretConfig s : swanctl.secrets()) {
            if (s.kind() != SecretConfig.Kind.IKE && s.kind() != SecretConfig.Kind.EAP && s.kind() != SecretConfig.Kind.PPK
                    && s.kind() != SecretConfig.Kind.XAUTH) {
                continue; // ntlm: later
            }
            if (s.secret().isEmpty()) {
                warnings.add("secrets." + s.name() + ": no secret given, ignored");
                continue;
            }
            if (s.kind() == SecretConfig.Kind.PPK) { // RFC 8784: the ids are PPK_IDs, encoded as ppk_id is
                if (s.ids().isEmpty()) warnings.add("secrets." + s.name() + ": a PPK without id is never used");
                cred.ppk(new SharedSecret(s.secret().get().bytes(), s.ids().stream().map(Identity::of).toList()));
                continue;
            }
            List<Identity> ids = s.ids().stream().map(id -> AuthIdentities.parse(id).orElseGet(() -> Identity.of(id))).toList();
            SharedSecret secret = new SharedSecret(s.secret().get().bytes(), ids);
            if (s.kind() == SecretConfig.Kind.IKE) b.secret(secret);
            else cred.eapSecret(secret); // eap and xauth: one kind of secret, as in strongSwan (SHARED_EAP)
        }
        EapTlsContexts.build(swanctl, files, warnings).ifPresent(cred::eapTls);
        radius(swanctl, warnings).ifPresent(cred::eapBackend);
        // as strongSwan with its curl plugin: CRLs from the HTTP distribution points of peer certificates
        cred.crlFetcher(io.ike4j.platform.crl.HttpCrlFetcher.withTimeout(ports.dos().crlTimeout(), java.time.InstantSource.system()));
        b.credentials(cred.build());
        return new Mapped(b.build(), warnings);
    }

    /**
     * ike4j extensions {@code redirect_init} / {@code redirect_auth} (RFC 5685): initiators from the connection's
     * remote_addrs are sent to the gateway during IKE_SA_INIT; peers authenticated for this connection, in IKE_AUTH.
     */
    static List<io.ike4j.core.config.RedirectRule> redirects(ConnectionConfig c, List<String> warnings) {
        List<io.ike4j.core.config.RedirectRule> out = new ArrayList<>();
        c.redirectInit().ifPresent(gw -> out.add(new io.ike4j.core.config.RedirectRule(
                io.ike4j.core.config.RedirectRule.Stage.INIT, c.remoteAddrs(), Optional.empty(), gw.strip(), Optional.empty())));
        c.redirectAuth().ifPresent(gw -> out.add(new io.ike4j.core.config.RedirectRule(
                io.ike4j.core.config.RedirectRule.Stage.AUTH, c.remoteAddrs(), Optional.empty(), gw.strip(), Optional.of(c.name()))));
        return out;
    }

    /** {@code pools}: addresses and attributes (RFC 7296 3.15); entries that do not parse are reported. */
    private static List<io.ike4j.core.pool.PoolDefinition> pools(SwanctlConfig swanctl, List<String> warnings) {
        List<io.ike4j.core.pool.PoolDefinition> out = new ArrayList<>();
        for (io.ike4j.daemon.config.PoolConfig p : swanctl.pools()) {
            String where = "pools." + p.name();
            Optional<io.ike4j.core.pool.PoolRange> range = p.addrs().flatMap(io.ike4j.core.pool.PoolRange::parse);
            if (p.addrs().isPresent() && range.isEmpty()) {
                warnings.add(where + ".addrs: '" + p.addrs().get() + "' is not a prefix or range (dhcp/radius pools: not yet)");
            }
            if (!p.server().isEmpty() || !p.splitInclude().isEmpty() || !p.splitExclude().isEmpty()) {
                warnings.add(where + ": server/split_include/split_exclude are IKEv1 Unity attributes, not sent in IKEv2");
            }
            out.add(new io.ike4j.core.pool.PoolDefinition(p.name(), range, io.ike4j.core.pool.PoolAttributes.build(
                    p.dns(), p.nbns(), p.dhcp(), p.netmask(), p.subnet(), p.custom())));
        }
        return out;
    }

    /** {@code vips}: addresses to request; {@code 0.0.0.0} and {@code ::} ask for any of the family. */
    private static List<InetAddress> vips(String where, ConnectionConfig c, List<String> warnings) {
        List<InetAddress> out = new ArrayList<>();
        for (String v : c.vips()) {
            Optional<InetAddress> a = io.ike4j.core.config.IpLiterals.parse(v.strip());
            if (a.isPresent()) out.add(a.get());
            else warnings.add(where + ".vips: '" + v + "' is not an IP address, ignored");
        }
        return out;
    }

    /** The first {@code radius.servers} entry as the eap-radius backend (an ike4j extension of swanctl.conf). */
    private static Optional<EapBackend> radius(SwanctlConfig swanctl, List<String> warnings) {
        boolean used = swanctl.connections().stream().flatMap(c -> c.remote().stream())
                .anyMatch(a -> a.auth().equals("eap-radius") || a.auth().equals("xauth-radius") || a.auth().equals("xauth-eap"));
        if (swanctl.radiusServers().isEmpty()) {
            if (used) warnings.add("auth = eap-radius/xauth-radius/xauth-eap used but no radius.servers section configured");
            return Optional.empty();
        }
        RadiusServerConfig r = swanctl.radiusServers().getFirst();
        if (swanctl.radiusServers().size() > 1) warnings.add("radius.servers: only " + r.name() + " is used (no failover yet)");
        if (r.address().isEmpty() || r.secret().isEmpty()) return Optional.empty();
        try {
            InetAddress addr = InetAddress.getByName(r.address().get());
            RadiusConfig cfg = new RadiusConfig(new InetSocketAddress(addr, r.authPort()), r.secret().get().bytes(), r.timeout(),
                    r.retries(), r.nasIdentifier(), Optional.empty(), 64);
            return Optional.of(new RadiusEapBackend(cfg, RandomSource.secure()));
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            warnings.add("radius.servers." + r.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<io.ike4j.core.config.ConnectionConfig> connection(ConnectionConfig c, Ports ports, CredentialFiles files,
                                                                               List<String> warnings) {
        String where = "connections." + c.name();
        if (c.aggressive()) {
            if (c.version() == 1) {
                warnings.add(where + ": aggressive = yes: Aggressive Mode with a pre-shared key exposes a hash of the key"
                        + " to offline dictionary attacks (as initiator and as responder)");
            } else {
                warnings.add(where + ": aggressive = yes applies to IKEv1 only (version = 1), ignored");
            }
        }
        var b = io.ike4j.core.config.ConnectionConfig.builder(c.name())
                .version(c.version()) // 0 any (initiates IKEv2, responds to both), 1 IKEv1, 2 IKEv2
                .aggressive(c.version() == 1 && c.aggressive())
                .localAddrs(c.localAddrs().toArray(String[]::new))
                .remoteAddrs(c.remoteAddrs().toArray(String[]::new))
                // swanctl.conf's local_port defaults to charon.port: here the port the daemon listens on
                .localPort(c.localPort() == Ports.STANDARD.ike() ? ports.ike() : c.localPort())
                .remotePort(c.remotePort())
                .ikeProposals(c.proposals().toArray(String[]::new))
                .rekeyTime(c.rekeyTime())
                .reauthTime(c.reauthTime())
                .overTime(c.overTime())
                .randTime(c.randTime())
                .dpdDelay(c.dpdDelay())
                .dpdTimeout(c.dpdTimeout())
                .keyingTries(clampToInt(c.keyingtries()))
                .unique(io.ike4j.core.config.ConnectionConfig.Unique.valueOf(c.unique().name()))
                .encap(c.encap())
                .childless(io.ike4j.core.config.ConnectionConfig.Childless.valueOf(c.childless().name()))
                .mobike(c.mobike())
                .fragmentation(io.ike4j.core.config.ConnectionConfig.Fragmentation.valueOf(c.fragmentation().name()))
                .ppk(c.ppkId().orElse(null), c.ppkRequired()); // RFC 8784
        if (c.ppkRequired() && c.ppkId().isEmpty()) {
            warnings.add(where + ": ppk_required without ppk_id: we cannot initiate, and accept only peers using a PPK");
        }
        var local = AuthMapping.mapRounds(where + ".local", c, c.local(), true, files, warnings);
        var remote = AuthMapping.mapRounds(where + ".remote", c, c.remote(), false, files, warnings);
        if (local.isEmpty() || remote.isEmpty()) {
            warnings.add(where + ": connection skipped (authentication not supported yet)");
            return Optional.empty();
        }
        b.local(local.get().getFirst()).remote(remote.get().getFirst()); // RFC 4739: further rounds follow
        local.get().stream().skip(1).forEach(b::addLocalRound);
        remote.get().stream().skip(1).forEach(b::addRemoteRound);
        b.modeConfigPush(!c.pull()); // IKEv1 Mode Config: pull (default) or push
        vips(where, c, warnings).forEach(v -> b.vips(List.of(v)));
        b.pools(c.pools().toArray(String[]::new));
        for (ChildConfig child : c.children()) {
            child(where + ".children." + child.name(), child, warnings).ifPresent(b::child);
        }
        return Optional.of(b.build());
    }

    private static Optional<io.ike4j.core.config.ChildConfig> child(String where, ChildConfig c, List<String> warnings) {
        io.ike4j.core.config.ChildConfig.Mode mode;
        switch (c.mode()) {
            case TUNNEL -> mode = io.ike4j.core.config.ChildConfig.Mode.TUNNEL;
            case TRANSPORT -> mode = io.ike4j.core.config.ChildConfig.Mode.TRANSPORT;
            default -> {
                warnings.add(where + ": mode = " + c.mode().name().toLowerCase() + " is not supported, child skipped");
                return Optional.empty();
            }
        }
        var b = io.ike4j.core.config.ChildConfig.builder(c.name())
                .localTs(c.localTs().toArray(String[]::new))
                .remoteTs(c.remoteTs().toArray(String[]::new))
                .espProposals(c.espProposals().toArray(String[]::new))
                .mode(mode)
                .startAction(action(c.startAction().name()))
                .closeAction(action(c.closeAction().name()))
                .dpdAction(switch (c.dpdAction()) {
                    case CLEAR -> io.ike4j.core.config.ChildConfig.Action.NONE;
                    case TRAP -> io.ike4j.core.config.ChildConfig.Action.TRAP;
                    case RESTART -> io.ike4j.core.config.ChildConfig.Action.START;
                })
                .rekeyTime(c.rekeyTime())
                .lifeTime(c.lifeTime())
                .randTime(c.randTime())
                .rekeyBytes(c.rekeyBytes())
                .lifeBytes(c.lifeBytes())
                .rekeyPackets(c.rekeyPackets())
                .lifePackets(c.lifePackets())
                .replayWindow(clampToInt(c.replayWindow()))
                .reqid(clampToInt(c.reqid()));
        if (!c.ahProposals().isEmpty()) warnings.add(where + ": AH is not supported, ah_proposals ignored");
        return Optional.of(b.build());
    }

    private static io.ike4j.core.config.ChildConfig.Action action(String name) {
        return switch (name) {
            case "TRAP" -> io.ike4j.core.config.ChildConfig.Action.TRAP;
            case "START", "TRAP_AND_START" -> io.ike4j.core.config.ChildConfig.Action.START;
            default -> io.ike4j.core.config.ChildConfig.Action.NONE;
        };
    }

    private static int clampToInt(long v) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, v));
    }
}
