package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IKEv1 (RFC 2409) between ike4j and strongSwan 5.9.8, {@code version = 1} on both sides, in both directions: Main
 * Mode with a pre-shared key and Quick Mode without PFS and with MODP and ECP PFS; Aggressive Mode; a wrong PSK and
 * no common proposal failing on both sides with no SA left. strongSwan's kernel-libipsec forces UDP encapsulation
 * (it fakes its NAT-D hashes), so every case also exercises RFC 3947 NAT-T: the float to port 4500 and the
 * UDP-encapsulated tunnel mode in Quick Mode.
 */
class Ikev1InteropTest extends SharedDirectLab {

    static java.util.stream.Stream<Arguments> suites() {
        java.util.List<Arguments> out = new java.util.ArrayList<>();
        String[][] suites = {
            {"aes128-sha256-modp2048", "aes128-sha256"},             // no PFS
            {"aes256-sha384-ecp384", "aes256-sha256-modp3072"},      // PFS MODP
            {"aes192-sha1-modp2048", "aes128gcm16-ecp256"},          // PFS ECP, AES-GCM ESP
        };
        for (Direction d : Direction.values()) for (String[] s : suites) out.add(Arguments.of(d, s[0], s[1]));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} IKE {1} ESP {2}")
    @MethodSource("suites")
    void mainModeAndQuickModeWithPsk(Direction d, String ike, String esp) {
        String conn = freshConnection();
        pair.reload(conf(conn, (side, c) -> c.version(1).proposals(ike).espProposals(esp)));
        Agreed sa = pair.establish(d, conn, CHILD);
        for (SaView v : new SaView[] {sa.initiator(), sa.responder()}) {
            ChildSaView c = v.installedChild(CHILD).orElseThrow();
            assertThat(c.encap()).as(v + ": ESP in UDP (RFC 3947)").isTrue();
            assertThat(v.localPort()).as("floated to 4500").isEqualTo(4500);
        }
        pair.terminate(d, conn);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void aggressiveModeWithPsk(Direction d) {
        String conn = freshConnection();
        load(conf(conn, (side, c) -> c.version(1).proposals("aes256-sha256-modp2048").espProposals("aes256-sha256")),
                "aggressive = yes", true);
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        Agreed sa = pair.establish(d, conn, CHILD);
        assertThat(sa.initiator().installedChild(CHILD)).isPresent();
        assertThat(pair.strongSwan().log()).contains("AGGRESSIVE");
        if (d == Direction.STRONGSWAN_INITIATES) assertThat(ike4jLog.text()).contains("offline dictionary");
        pair.terminate(d, conn);
    }

    /** RFC 3706: both sides send R-U-THERE every 2 s and answer the other's; the SA stays up. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void deadPeerDetectionBothWays(Direction d) {
        String conn = freshConnection();
        load(conf(conn, (side, c) -> c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256")),
                "dpd_delay = 2s", false);
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        pair.establish(d, conn, CHILD);
        IkePeer.sleep(7000);
        assertThat(swanLog.text()).contains("N(DPD)").contains("N(DPD_ACK)");
        assertThat(pair.ike4j().ikeSa(conn)).hasValueSatisfying(sa -> assertThat(sa.established()).isTrue());
        assertThat(pair.strongSwan().ikeSa(conn)).hasValueSatisfying(sa -> assertThat(sa.established()).isTrue());
        pair.terminate(d, conn);
    }

    /**
     * The initiator's IPsec SA has rekey_time 4s (life_time 12s, rand_time 1s): it runs a new Quick Mode; both sides
     * agree on the new pair, and the old pair goes (ike4j deletes it right after rekeying, strongSwan lets it expire).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void quickModeRekeyReplacesTheIpsecSa(Direction d) {
        String conn = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(conn, (side, c) -> c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256")));
        Agreed first = pair.establish(d, conn, CHILD);
        String oldSpi = first.initiator().installedChild(CHILD).orElseThrow().spiIn();
        Side swan = pair.side(pair.strongSwan()), ike4j = pair.side(pair.ike4j());
        try {
            // only the initiator's child gets the short lifetime; reload keeps the established SAs
            java.util.function.Function<Side, String> text = side -> {
                String t = conf(conn, (x, c) -> c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256"))
                        .apply(side).render();
                return side == initiator ? t.replaceFirst("mode = tunnel\n", "mode = tunnel\n        rekey_time = 4s\n        life_time = 12s\n        rand_time = 1s\n") : t;
            };
            Path swanConf = lab().dir("strongswan-" + swan.name().toLowerCase(Locale.ROOT)).resolve("swanctl-rekey.conf");
            Files.writeString(swanConf, text.apply(swan));
            pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--file", swanConf.toString()).orThrow();
            Files.writeString(lab().dir("ike4j-" + ike4j.name().toLowerCase(Locale.ROOT)).resolve("swanctl.conf"), text.apply(ike4j));
            pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the loaded config applies to new SAs: set the SA up again under it, then wait past its lifetime
        pair.terminate(d, conn);
        Agreed fresh = pair.establish(d, conn, CHILD);
        String spi = fresh.initiator().installedChild(CHILD).orElseThrow().spiIn();
        java.util.function.Predicate<ChildSaView> rekeyed = c -> "INSTALLED".equals(c.state()) && !c.spiIn().equals(spi)
                && !c.spiOut().equals(spi);
        SaView i = pair.initiator(d).awaitSa(sa -> conn.equals(sa.name()) && sa.established()
                && sa.children().stream().anyMatch(rekeyed), "a rekeyed IPsec SA", java.time.Duration.ofSeconds(20));
        ChildSaView ic = i.children().stream().filter(rekeyed).findFirst().orElseThrow();
        SaView r = pair.responder(d).awaitSa(sa -> conn.equals(sa.name()) && sa.children().stream()
                .anyMatch(c -> c.spiOut().equals(ic.spiIn()) && c.spiIn().equals(ic.spiOut()) && "INSTALLED".equals(c.state())),
                "the same rekeyed IPsec SA", java.time.Duration.ofSeconds(10));
        ChildSaView rc = r.children().stream().filter(c -> c.spiOut().equals(ic.spiIn())).findFirst().orElseThrow();
        assertThat(rc.encrAlg()).isEqualTo(ic.encrAlg());
        assertThat(rc.integAlg()).isEqualTo(ic.integAlg());
        // the replaced pair is gone on both sides (ike4j deletes it after rekeying, strongSwan at its lifetime)
        for (IkePeer p : new IkePeer[] {pair.initiator(d), pair.responder(d)}) {
            p.awaitSa(sa -> conn.equals(sa.name()) && sa.children().stream().noneMatch(c -> c.spiIn().equals(spi) || c.spiOut().equals(spi)),
                    "the old IPsec SA deleted", java.time.Duration.ofSeconds(20));
        }
        pair.terminate(d, conn);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void wrongPskFailsOnBothSides(Direction d) {
        String conn = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(conn, (side, c) -> {
            SwanctlConf v1 = c.version(1).proposals("aes128-sha256-modp2048").espProposals("aes128-sha256");
            return side == initiator ? v1 : v1.psk("not-the-initiators-psk");
        }));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.initiator(d).awaitNoSas(java.time.Duration.ofSeconds(40));
        pair.responder(d).awaitNoSas(java.time.Duration.ofSeconds(40));
        assertThat(ike4jLog.text()).containsPattern("AUTHENTICATION_FAILED|INVALID_HASH_INFORMATION|pre-shared key mismatch");
        if (d == Direction.IKE4J_INITIATES) {
            // strongSwan as responder cannot verify message 5 and tells us (protected with its own keys)
            assertThat(swanLog.text()).containsPattern("(?i)AUTH_FAILED|AUTHENTICATION_FAILED|INVALID_HASH|hash.*(invalid|mismatch)|decryption failed|parsing failed");
        } else {
            // strongSwan ignores unprotected Informationals (ours: we cannot know its keys) and gives up after its
            // retransmissions, as it does against a strongSwan responder, whose notify it cannot decrypt either
            assertThat(swanLog.text()).contains("N(AUTH_FAILED)").contains("establishing IKE_SA failed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void noCommonProposalFailsWithNoProposalChosen(Direction d) {
        String conn = freshConnection();
        Side initiator = pair.side(pair.initiator(d));
        pair.reload(conf(conn, (side, c) -> c.version(1).espProposals("aes128-sha256")
                .proposals(side == initiator ? "aes128-sha256-modp2048" : "aes256-sha512-ecp521")));
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.initiator(d).tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        pair.initiator(d).awaitNoSas(PeerPair.SETTLE);
        pair.responder(d).awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("NO_PROPOSAL_CHOSEN");
        assertThat(swanLog.text()).containsPattern("NO_PROPOSAL_CHOSEN|no proposal found|proposals unacceptable");
    }

    /**
     * Loads {@code conf} with one more connection setting ({@code extra}) that {@link SwanctlConf} does not render
     * (aggressive, dpd_delay), into both daemons with their tools. Aggressive Mode also needs, for strongSwan as
     * responder, {@code i_dont_care_about_security_and_use_aggressive_mode_psk} (STRONGSWAN.md).
     */
    private void load(java.util.function.Function<Side, SwanctlConf> conf, String extra, boolean aggressivePsk) {
        Side swan = pair.side(pair.strongSwan()), ike4j = pair.side(pair.ike4j());
        Path swanDir = lab().dir("strongswan-" + swan.name().toLowerCase(Locale.ROOT));
        Path ike4jDir = lab().dir("ike4j-" + ike4j.name().toLowerCase(Locale.ROOT));
        try {
            Path settings = swanDir.resolve("strongswan.conf");
            String s = Files.readString(settings);
            if (aggressivePsk && !s.contains("aggressive_mode_psk")) {
                Files.writeString(settings, s.replaceFirst("charon-systemd \\{",
                        "charon-systemd {\n  i_dont_care_about_security_and_use_aggressive_mode_psk = yes"));
                pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--reload-settings").orThrow();
            }
            Path swanConf = swanDir.resolve("swanctl-aggressive.conf");
            Files.writeString(swanConf, withSetting(conf.apply(swan).render(), extra));
            pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--load-all", "--clear", "--file", swanConf.toString()).orThrow();
            Files.writeString(ike4jDir.resolve("swanctl.conf"), withSetting(conf.apply(ike4j).render(), extra));
            pair.ike4j().cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withSetting(String rendered, String setting) {
        return rendered.replaceFirst("version = 1\n", "version = 1\n    " + setting + "\n");
    }
}
