package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hybrid post-quantum IKE SAs with strongSwan 6.1 ({@link StrongSwan61}: Debian testing in a debootstrap folder):
 * a classical group in IKE_SA_INIT plus ML-KEM in IKE_INTERMEDIATE exchanges (RFC 9242, RFC 9370), in both
 * directions, on a direct link (ike4j LEFT, strongSwan RIGHT). Each case checks that both sides agree on the SA,
 * that strongSwan selected the additional key exchanges and ran one IKE_INTERMEDIATE each, and that a ping crosses
 * the tunnel (ike4j's user-space ESP, strongSwan's kernel-libipsec).
 */
class PostQuantumInteropTest extends SharedDirectLab {

    @Override
    Path strongSwanRoot() {
        return StrongSwan61.assumeAvailable();
    }

    /** An IKE proposal, the transforms strongSwan must list as selected, the ML-KEM methods in ADDKE order. */
    static Stream<Arguments> hybrids() {
        List<Object[]> suites = List.of(
                new Object[] {"aes256gcm16-prfsha384-x25519-ke1_mlkem768", "CURVE_25519/KE1_ML_KEM_768", List.of("ML_KEM_768")},
                new Object[] {"aes256gcm16-prfsha384-ecp384-ke1_mlkem1024", "ECP_384/KE1_ML_KEM_1024", List.of("ML_KEM_1024")},
                new Object[] {"aes256gcm16-prfsha256-x25519-ke1_mlkem512-ke2_mlkem768",
                        "CURVE_25519/KE1_ML_KEM_512/KE2_ML_KEM_768", List.of("ML_KEM_512", "ML_KEM_768")});
        return Stream.of(Direction.values()).flatMap(d -> suites.stream().map(s -> Arguments.of(d, s[0], s[1], s[2])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hybrids")
    void hybridIkeSaComesUpAndCarriesTraffic(Direction d, String proposal, String selected, List<String> mlkem) {
        String ike = freshConnection();
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.reload(conf(ike, (side, c) -> c.proposals(proposal).espProposals("aes256gcm16")));

        Agreed sa = pair.establish(d, ike, CHILD);

        SaView ike4j = d == Direction.IKE4J_INITIATES ? sa.initiator() : sa.responder();
        assertThat(ike4j.encrAlg()).isEqualTo("AES_GCM_16");
        assertThat(ike4j.dhGroup()).as("the IKE_SA_INIT group").isEqualTo(selected.substring(0, selected.indexOf('/')));
        String swan = swanLog.text();
        assertThat(swan).as("strongSwan selected the hybrid proposal").contains("/" + selected);
        assertThat(count(swan, "IKE_INTERMEDIATE request \\d+ \\[ KE \\]")).as("one IKE_INTERMEDIATE per additional "
                + "key exchange (strongSwan logs each whole request once, fragmented or not)").isEqualTo(mlkem.size());
        String ours = ike4jLog.text();
        for (int i = 0; i < mlkem.size(); i++) {
            assertThat(ours).contains("additional key exchange " + (i + 1) + " of " + mlkem.size() + ": " + mlkem.get(i));
        }
        TrafficProbe.ping(lab(), 3);
        pair.terminate(d, ike);
    }

    /** {@code ke1_none} makes ML-KEM optional: a peer that does not want it declines, and no IKE_INTERMEDIATE runs. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void optionalAdditionalKeyExchangeOfferedAndDeclined(Direction d) {
        String ike = freshConnection();
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        // the initiator offers ML-KEM-768 or nothing; the responder only accepts nothing
        pair.reload(conf(ike, (side, c) -> c.proposals(pair.side(pair.initiator(d)) == side
                ? "aes256gcm16-prfsha256-x25519-ke1_mlkem768-ke1_none" : "aes256gcm16-prfsha256-x25519")
                .espProposals("aes256gcm16")));

        pair.establish(d, ike, CHILD);

        String swan = swanLog.text();
        assertThat(swan).containsPattern("selected proposal: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_256/CURVE_25519\\s*\\n")
                .doesNotContain("IKE_INTERMEDIATE request");
        TrafficProbe.ping(lab(), 3);
        pair.terminate(d, ike);
    }

    /** Which peer starts a rekey: ike4j from a short {@code rekey_time}, strongSwan with {@code swanctl --rekey}. */
    enum Rekeyer { IKE4J, STRONGSWAN }

    private static final String SHORT_REKEY = "rekey_time = 6s\nrand_time = 0s";

    /**
     * RFC 9370 2.2.4: the IKE SA of a hybrid proposal is rekeyed with CREATE_CHILD_SA (x25519) plus one
     * IKE_FOLLOWUP_KE (ML-KEM-768); both sides move to the same new SPIs and the tunnel keeps carrying traffic.
     * The rekeying side is the original responder.
     */
    @ParameterizedTest(name = "{0} rekeys")
    @EnumSource(Rekeyer.class)
    void ikeSaRekeyRunsTheAdditionalKeyExchangeInIkeFollowupKe(Rekeyer who) {
        String ike = freshConnection();
        Direction d = who == Rekeyer.IKE4J ? Direction.STRONGSWAN_INITIATES : Direction.IKE4J_INITIATES;
        pair.reload(conf(ike, (side, c) -> {
            c.proposals("aes256gcm16-prfsha256-x25519-ke1_mlkem768").espProposals("aes256gcm16");
            return who == Rekeyer.IKE4J && side == pair.ike4jSide() ? c.connectionSettings(SHORT_REKEY) : c;
        }));
        Agreed sa = pair.establish(d, ike, CHILD);
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        if (who == Rekeyer.STRONGSWAN) {
            pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--rekey", "--ike", ike).orThrow();
        }
        String oldSpi = sa.initiator().initiatorSpi();
        SaView swan = pair.strongSwan().awaitSa(v -> ike.equals(v.name()) && v.established()
                && !oldSpi.equals(v.initiatorSpi()), "rekeyed " + ike, java.time.Duration.ofSeconds(30));
        // ike4j's list-sas keeps the SPIs of the IKE SA's establishment (its daemon lists from SA events, and a
        // rekey sends none), so its log tells the new SPIs
        String spis = "rekeyed, SPIs " + Long.toHexString(Long.parseUnsignedLong(swan.initiatorSpi(), 16)) + "_i "
                + Long.toHexString(Long.parseUnsignedLong(swan.responderSpi(), 16)) + "_r";
        awaitLog(ike4jLog, spis);
        assertThat(swanLog.text()).containsPattern("(parsed|generating) IKE_FOLLOWUP_KE (request|response)");
        assertThat(ike4jLog.text()).contains("additional key exchange 1 of 1: ML_KEM_768 (IKE_FOLLOWUP_KE)");
        TrafficProbe.ping(lab(), 3);
        pair.terminate(d, ike);
    }

    static Stream<Arguments> childRekeys() {
        return Stream.of(Rekeyer.values()).flatMap(r -> Stream.of("aes256gcm16-x25519-ke1_mlkem768", "aes256gcm16")
                .map(esp -> Arguments.of(r, esp)));
    }

    /**
     * RFC 9370 2.2.4: a CHILD_SA with PFS (x25519) and an additional ML-KEM-768 key exchange is rekeyed with
     * CREATE_CHILD_SA plus IKE_FOLLOWUP_KE; the new CHILD_SA carries traffic. Also without PFS: the rekeying side is
     * the IKE SA's responder, so the CREATE_CHILD_SA initiator's keys must come first (RFC 7296 2.17).
     */
    @ParameterizedTest(name = "{0} rekeys {1}")
    @MethodSource("childRekeys")
    void childSaRekeyWithPfsAndAdditionalKeyExchange(Rekeyer who, String esp) {
        String ike = freshConnection();
        Direction d = who == Rekeyer.IKE4J ? Direction.STRONGSWAN_INITIATES : Direction.IKE4J_INITIATES;
        boolean hybrid = esp.contains("ke1_");
        pair.reload(conf(ike, (side, c) -> {
            c.proposals("aes256gcm16-prfsha256-x25519").espProposals(esp);
            return who == Rekeyer.IKE4J && side == pair.ike4jSide() ? c.childSettings(SHORT_REKEY) : c;
        }));
        Agreed sa = pair.establish(d, ike, CHILD);
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        String oldSpi = sa.initiator().installedChild(CHILD).orElseThrow().spiIn();
        String oldSpiOut = sa.initiator().installedChild(CHILD).orElseThrow().spiOut();
        if (who == Rekeyer.STRONGSWAN) {
            pair.strongSwan().swanctl(Commands.DEFAULT_TIMEOUT, "--rekey", "--child", CHILD).orThrow();
        }
        SaView swan = pair.strongSwan().awaitSa(v -> ike.equals(v.name()) && v.installedChild(CHILD)
                .filter(c -> !oldSpi.equals(c.spiIn()) && !oldSpi.equals(c.spiOut()) && !oldSpiOut.equals(c.spiIn())
                        && !oldSpiOut.equals(c.spiOut())).isPresent(), "rekeyed CHILD_SA", java.time.Duration.ofSeconds(30));
        ChildSaView sc = swan.installedChild(CHILD).orElseThrow();
        pair.ike4j().awaitSa(v -> ike.equals(v.name()) && v.children().stream().anyMatch(c -> "INSTALLED".equals(c.state())
                && sc.spiIn().equals(c.spiOut()) && sc.spiOut().equals(c.spiIn())), "the same CHILD_SA",
                java.time.Duration.ofSeconds(10));
        if (hybrid) {
            assertThat(swanLog.text()).containsPattern("selected proposal: ESP:AES_GCM_16_256/CURVE_25519/[A-Z_/]*KE1_ML_KEM_768")
                    .containsPattern("(parsed|generating) IKE_FOLLOWUP_KE (request|response)");
            assertThat(ike4jLog.text()).contains("additional key exchange 1 of 1: ML_KEM_768 (IKE_FOLLOWUP_KE)");
        }
        TrafficProbe.ping(lab(), 3);
        assertThat(swanLog.text()).as("strongSwan decrypts what ike4j sends").doesNotContain("ICV verification failed");
        pair.terminate(d, ike);
    }

    private static void awaitLog(LogSince log, String line) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!log.text().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new LabException("not logged within 10 s: " + line);
            }
            IkePeer.sleep(100);
        }
    }

    private static long count(String text, String regex) {
        return java.util.regex.Pattern.compile(regex).matcher(text).results().count();
    }
}
