package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.crypto.CryptoPrimitive;
import io.ike4j.core.crypto.CryptoProviders;
import io.ike4j.daemon.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --crypto-provider SPEC}: the defaults, overrides in order, {@code all}, aliases and refusals. */
class CryptoProviderOptionTest {

    private static String providerOf(CryptoProviders p, CryptoPrimitive c) {
        return p.provider(c).map(java.security.Provider::getName).orElse("jdk");
    }

    @Test
    void theDefaultsUseBouncyCastleForX25519EcdsaAndEddsaAndTheJdkForTheRest() throws Exception {
        CryptoProviders d = CryptoProviderOption.parse("default");
        assertThat(d.choices()).containsOnlyKeys(CryptoPrimitive.X25519, CryptoPrimitive.ECDSA, CryptoPrimitive.EDDSA);
        assertThat(providerOf(d, CryptoPrimitive.X25519)).isEqualTo("BC");
        assertThat(providerOf(d, CryptoPrimitive.AEAD)).isEqualTo("jdk");
        assertThat(CryptoProviderOption.defaults()).isEqualTo(d);
        assertThat(new DaemonOptions(Path.of("x.conf"), Path.of("x.sock"), 0, 0, Optional.empty()).crypto()).isEqualTo(d);
    }

    @Test
    void itemsApplyInOrderOverTheDefaults() throws Exception {
        assertThat(CryptoProviderOption.parse("jdk")).isEqualTo(CryptoProviders.JDK);
        CryptoProviders p = CryptoProviderOption.parse("x25519=jdk, Ed25519=jdk,aead=bc");
        assertThat(p.choices()).containsOnlyKeys(CryptoPrimitive.ECDSA, CryptoPrimitive.AEAD);
        assertThat(CryptoProviderOption.parse("all=bc").choices()).hasSize(CryptoPrimitive.values().length);
        assertThat(CryptoProviderOption.parse("all=jdk,mlkem=bc").choices()).containsOnlyKeys(CryptoPrimitive.ML_KEM);
        assertThat(CryptoProviderOption.parse("all=jdk")).isEqualTo(CryptoProviders.JDK);
    }

    @Test
    void refusesUnknownPrimitivesProvidersAndMalformedItems() {
        assertThatThrownBy(() -> CryptoProviderOption.parse("sha3=bc")).isInstanceOf(CryptoProviderOption.SpecException.class)
                .hasMessageContaining("unknown primitive 'sha3'");
        assertThatThrownBy(() -> CryptoProviderOption.parse("x25519=openssl")).isInstanceOf(CryptoProviderOption.SpecException.class)
                .hasMessageContaining("unknown provider 'openssl'");
        assertThatThrownBy(() -> CryptoProviderOption.parse("x25519")).isInstanceOf(CryptoProviderOption.SpecException.class);
    }

    @Test
    void theDaemonCommandRejectsABadSpecAsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"daemon", "--conf", "/nonexistent.conf", "--crypto-provider", "x25519=nope"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--crypto-provider: unknown provider 'nope'");
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void theMappedEngineCarriesTheChoiceToItsSettings() throws Exception {
        CryptoProviders chosen = CryptoProviderOption.parse("aead=bc");
        java.nio.file.Files.writeString(dir.resolve("swanctl.conf"), """
                connections {
                  a {
                    remote_addrs = 192.0.2.1
                    local { auth = psk
                      id = a.example }
                    remote { auth = psk
                      id = b.example }
                  }
                }
                """);
        var config = io.ike4j.daemon.config.SwanctlConfigLoader.load(dir.resolve("swanctl.conf")).config();
        var mapped = SwanctlToEngineConfig.map(config, new SwanctlToEngineConfig.Ports(500, 4500, null, null, chosen));
        assertThat(mapped.config().settings().crypto()).isEqualTo(chosen);
    }
}
