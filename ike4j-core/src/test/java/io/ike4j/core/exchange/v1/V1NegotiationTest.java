package io.ike4j.core.exchange.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.codec.v1.V1Group;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.codec.v1.V1IdType;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.sa.v1.Phase1Suite;
import io.ike4j.core.sa.v1.Phase2Suite;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phase 1/2 proposal mapping and selection, client IDs as selectors. */
class V1NegotiationTest {

    private static List<Phase1Suite> suites(String proposals) {
        return Phase1Proposals.configured(ConnectionConfig.builder("c").version(1).ikeProposals(proposals).build(),
                V1AuthMethod.PRE_SHARED_KEY);
    }

    @Test
    void defaultProposalsHaveNo3desAndNoWeakGroups() {
        List<Phase1Suite> d = suites("default");
        assertThat(d).isNotEmpty().hasSizeLessThanOrEqualTo(255);
        assertThat(d).extracting(Phase1Suite::encryption).containsOnly(V1EncryptionAlgorithm.AES_CBC);
        assertThat(d).extracting(Phase1Suite::group).doesNotContain(V1Group.MODP_1024, V1Group.MODP_1536)
                .contains(V1Group.MODP_2048, V1Group.ECP_256, V1Group.ECP_384, V1Group.ECP_521, V1Group.MODP_3072, V1Group.MODP_4096);
        assertThat(d).extracting(Phase1Suite::hash).contains(V1HashAlgorithm.SHA1, V1HashAlgorithm.SHA2_256,
                V1HashAlgorithm.SHA2_384, V1HashAlgorithm.SHA2_512);
        assertThat(d).extracting(Phase1Suite::keyBits).contains(128, 192, 256);
    }

    @Test
    void legacyAlgorithmsOnlyWhenExplicitlyConfigured() {
        assertThat(suites("3des-sha1-modp1024")).singleElement().satisfies(s -> {
            assertThat(s.encryption()).isEqualTo(V1EncryptionAlgorithm.TRIPLE_DES_CBC);
            assertThat(s.group()).isEqualTo(V1Group.MODP_1024);
        });
        assertThat(suites("aes128-sha256-modp1536")).singleElement().extracting(Phase1Suite::group).isEqualTo(V1Group.MODP_1536);
        assertThat(suites("aes128gcm16-prfsha256-ecp256")).as("AEAD has no IKEv1 form").isEmpty();
    }

    @Test
    void responderPicksItsFirstSuiteTheInitiatorOfferedAndEchoesTheTransform() {
        V1Payload.Sa offer = Phase1Proposals.offer(suites("aes128-sha1-modp2048,aes256-sha256-ecp256"), 28800);
        var choice = Phase1Proposals.select(suites("aes256-sha256-ecp256,aes128-sha1-modp2048"), offer).orElseThrow();
        assertThat(choice.suite().encryption()).isEqualTo(V1EncryptionAlgorithm.AES_CBC);
        assertThat(choice.suite().keyBits()).isEqualTo(256);
        assertThat(choice.suite().group()).isEqualTo(V1Group.ECP_256);
        assertThat(choice.lifetimeSeconds()).isEqualTo(28800);
        assertThat(choice.answer().proposals().getFirst().transforms()).singleElement()
                .isEqualTo(offer.proposals().getFirst().transforms().get(1));
        assertThat(Phase1Proposals.accept(suites("aes128-sha1-modp2048,aes256-sha256-ecp256"), choice.answer())).isPresent();
        assertThat(Phase1Proposals.accept(suites("aes128-sha1-modp2048"), choice.answer())).isEmpty();
        assertThat(Phase1Proposals.select(suites("aes192-sha512-ecp521"), offer)).isEmpty();
    }

    @Test
    void espSuitesWithPfsAndUdpEncapsulatedModes() {
        ChildConfig c = ChildConfig.builder("n").espProposals("aes256gcm16-ecp384", "aes128-sha256-sha1-modp1536").build();
        List<List<Phase2Suite>> ours = Phase2Proposals.configured(c);
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0)).singleElement().extracting(Phase2Suite::pfsGroup).isEqualTo(KeyExchangeMethod.ECP_384);
        assertThat(ours.get(1)).hasSize(2).allMatch(s -> s.pfsGroup() == KeyExchangeMethod.MODP_1536);
        V1Payload.Sa offer = Phase2Proposals.offer(ours, 0x11223344, false, true, new V1Lifetimes.Life(3600, 0));
        var chosen = Phase2Proposals.select(List.of(ours.get(1)), offer, 0x55667788).orElseThrow();
        assertThat(chosen.peerSpi()).isEqualTo(0x11223344);
        assertThat(chosen.udpEncapsulated()).isTrue();
        assertThat(chosen.transport()).isFalse();
        assertThat(chosen.lifetimeSeconds()).isEqualTo(3600);
        assertThat(chosen.answer().spi().bytes()).containsExactly(0x55, 0x66, 0x77, (byte) 0x88);
        assertThat(Phase2Proposals.accept(ours, V1Payload.Sa.ipsec(List.of(chosen.answer())))).isPresent();
    }

    @Test
    void clientIdsRoundTripAsSelectors() throws Exception {
        for (String ts : List.of("10.1.0.0/16", "10.1.2.3", "10.0.0.5-10.0.0.9", "2001:db8::/64", "10.1.0.0/16[tcp/443]")) {
            TrafficSelectorSubstructure s = V1Selectors.fromConfig(List.of(ts), InetAddress.getByName("192.0.2.1")).getFirst();
            V1Payload.Identification id = V1Ids.selector(s);
            assertThat(V1Ids.selector(id)).as(ts).contains(s);
        }
        TrafficSelectorSubstructure subnet = V1Selectors.fromConfig(List.of("10.1.0.0/16"), InetAddress.getByName("192.0.2.1")).getFirst();
        assertThat(V1Ids.selector(subnet).idType()).isEqualTo(V1IdType.IPV4_ADDR_SUBNET.value());
        assertThat(V1Ids.selector(new V1Payload.Identification(V1IdType.FQDN.value(), 0, 0,
                io.ike4j.core.codec.v1.Octets.of(new byte[] {'x'})))).isEmpty();
        assertThat(V1Ids.selector(new V1Payload.Identification(V1IdType.IPV4_ADDR_SUBNET.value(), 0, 0,
                io.ike4j.core.codec.v1.Octets.of(new byte[5])))).isEmpty();
    }
}
