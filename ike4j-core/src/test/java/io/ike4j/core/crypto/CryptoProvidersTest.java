package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.security.Provider;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-primitive provider choice routes engines to the chosen provider, and the results interoperate. */
class CryptoProvidersTest {
    private static final Provider SUN_EC = Security.getProvider("SunEC");
    private static final Provider SUN_JCE = Security.getProvider("SunJCE");
    private final RandomSource random = RandomSource.secure();

    @Test
    void theJdkChoiceHasNoExplicitProviderAndIsTheEngineSettingsDefault() {
        assertThat(CryptoProviders.JDK.choices()).isEmpty();
        assertThat(CryptoProviders.JDK.describe()).isEqualTo("jdk");
        assertThat(EngineSettings.DEFAULTS.crypto()).isEqualTo(CryptoProviders.JDK);
        assertThat(CryptoProviders.JDK.engines(CryptoPrimitive.X25519)).isSameAs(CryptoProvider.jca());
        assertThat(EngineSettings.builder().crypto(CryptoProviders.JDK.with(CryptoPrimitive.MAC, SUN_JCE)).build()
                .crypto().provider(CryptoPrimitive.MAC)).contains(SUN_JCE);
    }

    @Test
    void isImmutableAndNamesOnlyProviders() {
        Map<CryptoPrimitive, Provider> m = new HashMap<>(Map.of(CryptoPrimitive.X25519, SUN_EC));
        CryptoProviders p = new CryptoProviders(m);
        m.put(CryptoPrimitive.AEAD, SUN_JCE);
        assertThat(p.choices()).containsOnlyKeys(CryptoPrimitive.X25519);
        assertThatThrownBy(() -> p.choices().put(CryptoPrimitive.MAC, SUN_JCE)).isInstanceOf(UnsupportedOperationException.class);
        CryptoProviders q = p.with(CryptoPrimitive.AEAD, SUN_JCE);
        assertThat(p.provider(CryptoPrimitive.AEAD)).isEmpty();
        assertThat(q.describe()).isEqualTo("x25519=SunEC,aead=SunJCE");
    }

    @Test
    void keyExchangeMethodsMapToTheirGroupPrimitive() {
        assertThat(CryptoPrimitive.of(KeyExchangeMethod.CURVE25519)).contains(CryptoPrimitive.X25519);
        assertThat(CryptoPrimitive.of(KeyExchangeMethod.ECP_384)).contains(CryptoPrimitive.ECDH);
        assertThat(CryptoPrimitive.of(KeyExchangeMethod.MODP_2048)).contains(CryptoPrimitive.MODP);
        assertThat(CryptoPrimitive.of(KeyExchangeMethod.ML_KEM_768)).contains(CryptoPrimitive.ML_KEM);
        assertThat(CryptoPrimitive.of(KeyExchangeMethod.GOST3410_2012_256)).isEmpty();
        assertThat(CryptoPrimitive.parse("Ed25519")).contains(CryptoPrimitive.EDDSA);
        assertThat(CryptoPrimitive.parse("ecp")).contains(CryptoPrimitive.ECDH);
        assertThat(CryptoPrimitive.parse("sha3")).isEmpty();
    }

    @Test
    void anExplicitlyChosenProviderAgreesWithTheDefaultLookup() throws Exception {
        CryptoProviders chosen = CryptoProviders.JDK.with(CryptoPrimitive.X25519, SUN_EC).with(CryptoPrimitive.ECDH, SUN_EC);
        assertThat(chosen.keyExchange(KeyExchangeMethod.CURVE25519).toString()).contains("SunEC");
        assertThat(chosen.keyExchange(KeyExchangeMethod.MODP_2048)).isSameAs(CryptoProvider.jca());
        for (KeyExchangeMethod m : new KeyExchangeMethod[] {KeyExchangeMethod.CURVE25519, KeyExchangeMethod.ECP_256}) {
            KeyExchange i = KeyExchanges.initiate(m, random, chosen.keyExchange(m));
            KeyExchangeResponse r = KeyExchanges.respond(m, i.publicValue(), random);
            assertThat(i.sharedSecret(r.publicValue())).isEqualTo(r.sharedSecret());
        }
    }

    @Test
    void skProtectionsUseTheAeadAndMacChoices() {
        CryptoProviders chosen = CryptoProviders.JDK.with(CryptoPrimitive.AEAD, SUN_JCE).with(CryptoPrimitive.CBC, SUN_JCE)
                .with(CryptoPrimitive.MAC, SUN_JCE);
        byte[] header = new byte[32];
        byte[] plain = random.bytes(100);
        byte[] gcmKey = random.bytes(KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_GCM_16, 128));
        EncryptedPayloadProtection a = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 128, null, gcmKey.clone(),
                null, random, chosen);
        EncryptedPayloadProtection b = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 128, null, gcmKey.clone(),
                null, random);
        byte[] sealed = a.seal(header, plain);
        assertThat(b.open(Bytes.concat(header, sealed), header.length, sealed.length)).hasValue(plain);

        byte[] cbcKey = random.bytes(16);
        byte[] macKey = random.bytes(32);
        EncryptedPayloadProtection c = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA2_256_128, cbcKey.clone(), macKey.clone(), random, chosen);
        EncryptedPayloadProtection d = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA2_256_128, cbcKey.clone(), macKey.clone(), random);
        byte[] sealedCbc = c.seal(header, plain);
        assertThat(d.open(Bytes.concat(header, sealedCbc), header.length, sealedCbc.length)).hasValue(plain);
        assertThatThrownBy(() -> SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA2_256_128, new byte[5], macKey, random, chosen)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Prf.of(PrfAlgorithm.HMAC_SHA2_256, chosen.mac()).compute(macKey, plain))
                .isEqualTo(Prf.of(PrfAlgorithm.HMAC_SHA2_256).compute(macKey, plain));
    }
}
