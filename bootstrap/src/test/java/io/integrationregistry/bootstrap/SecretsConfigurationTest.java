package io.integrationregistry.bootstrap;

import fixtures.keys.TestKeys;
import io.integrationregistry.adapters.secrets.MasterKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which master keys the service starts with, and which configurations it refuses. */
class SecretsConfigurationTest {

    private static final String K1 = TestKeys.keysetJson();
    private static final String K2 = TestKeys.keysetJson();

    @TempDir
    Path data;

    @Test
    void givenMasterKeys_thenTheMarkedOneIsPrimary() {
        MasterKeyRing ring = ring(
                new RegistryProperties.Secrets(
                        null,
                        List.of(
                                new RegistryProperties.MasterKey("k1", K1, false),
                                new RegistryProperties.MasterKey("k2", K2, true)),
                        10),
                false);

        assertThat(ring.primaryId()).isEqualTo("k2");
        assertThat(ring.ids()).containsExactly("k1", "k2");
    }

    @Test
    void givenTheSingleKeyset_thenItIsThePrimaryMasterKeyNamedDefault() {
        MasterKeyRing ring = ring(new RegistryProperties.Secrets(K1, null, 10), false);

        assertThat(ring.primaryId()).isEqualTo(MasterKeyRing.DEFAULT_ID);
        assertThat(ring.ids()).containsExactly(MasterKeyRing.DEFAULT_ID);
    }

    @Test
    void givenNothingOnTheEmbeddedDefault_thenTheGeneratedKeysetIsThePrimaryMasterKeyNamedDefault() {
        MasterKeyRing ring = ring(new RegistryProperties.Secrets(null, null, 10), true);

        assertThat(ring.primaryId()).isEqualTo(MasterKeyRing.DEFAULT_ID);
        assertThat(data.resolve("secrets-keyset.json")).exists();
    }

    @Test
    void givenNothingWithAnExternalMongo_thenStartingIsRefusedNamingBothProperties() {
        assertThatThrownBy(() -> ring(new RegistryProperties.Secrets(null, null, 10), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registry.secrets.master-keys")
                .hasMessageContaining("registry.secrets.keyset");
    }

    @Test
    void givenBothForms_thenStartingIsRefused() {
        assertThatThrownBy(() -> ring(
                        new RegistryProperties.Secrets(
                                K1, List.of(new RegistryProperties.MasterKey("k2", K2, true)), 10),
                        false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both registry.secrets.keyset and registry.secrets.master-keys")
                .hasMessageNotContaining(K1)
                .hasMessageNotContaining(K2);
    }

    @Test
    void givenARepeatedIdOrNoPrimary_thenStartingIsRefused() {
        assertThatThrownBy(() -> ring(
                        new RegistryProperties.Secrets(
                                null,
                                List.of(
                                        new RegistryProperties.MasterKey("k1", K1, true),
                                        new RegistryProperties.MasterKey("k1", K2, false)),
                                10),
                        false))
                .hasMessageContaining("registry.secrets.master-keys[1].id 'k1' is used by another master key");
        assertThatThrownBy(() -> ring(
                        new RegistryProperties.Secrets(
                                null, List.of(new RegistryProperties.MasterKey("k1", K1, false)), 10),
                        false))
                .hasMessageContaining("exactly one key primary");
    }

    private MasterKeyRing ring(RegistryProperties.Secrets secrets, boolean embeddedDefault) {
        return SecretsConfiguration.masterKeyRing(
                secrets, embeddedDefault, new RegistryProperties.EmbeddedMongo(data, 0));
    }
}
