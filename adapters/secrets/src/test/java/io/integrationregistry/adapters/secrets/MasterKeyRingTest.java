package io.integrationregistry.adapters.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyRingTest {

    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");
    private static final String K1 = MasterKeys.newKeysetJson();
    private static final String K2 = MasterKeys.newKeysetJson();

    @Test
    void givenOnePrimaryAmongSeveralKeys_thenItIsThePrimaryAndAllAreHeld() {
        MasterKeyRing ring = MasterKeyRing.of(List.of(key("k1", K1, false), key("k2", K2, true)));

        assertThat(ring.primaryId()).isEqualTo("k2");
        assertThat(ring.ids()).containsExactly("k1", "k2");
        assertThat(ring.toString()).doesNotContain(keyMaterialOf(K1)).doesNotContain(keyMaterialOf(K2));
    }

    @Test
    void givenNoPrimary_thenTheConfigurationIsRefused() {
        assertRefused(List.of(key("k1", K1, false), key("k2", K2, false)), "exactly one key primary", "not 0");
    }

    @Test
    void givenSeveralPrimaries_thenTheConfigurationIsRefused() {
        assertRefused(List.of(key("k1", K1, true), key("k2", K2, true)), "exactly one key primary", "not 2");
    }

    @Test
    void givenADuplicateId_thenTheConfigurationIsRefused() {
        assertRefused(List.of(key("k1", K1, true), key("k1", K2, false)), "master-keys[1].id", "unique");
    }

    @Test
    void givenAMissingOrMalformedId_thenTheConfigurationIsRefused() {
        assertRefused(List.of(key(null, K1, true)), "master-keys[0].id is required");
        assertRefused(List.of(key("k1", K1, true), key("dk1:x", K2, false)), "master-keys[1].id");
    }

    @Test
    void givenNoKeyAtAll_thenTheConfigurationIsRefused() {
        assertRefused(List.of(), MasterKeyRing.MASTER_KEYS_PROPERTY, "at least one");
    }

    @Test
    void givenAMalformedOrMissingKeyset_thenTheErrorNamesTheKeyButNoKeyMaterial() {
        String broken = K2.substring(0, K2.length() / 2);
        assertRefused(
                List.of(key("k1", K1, true), key("k2", broken, false)),
                "master-keys[1].keyset (id 'k2')",
                "not a valid Tink JSON keyset");
        assertRefused(List.of(key("k1", "", true)), "master-keys[0].keyset", "empty");
    }

    @Test
    void aConfiguredKeyShowsNoKeyMaterialWhenPrinted() {
        assertThat(key("k1", K1, true).toString())
                .doesNotContain(keyMaterialOf(K1))
                .contains("k1");
    }

    private static void assertRefused(List<MasterKeyRing.Configured> keys, String... messageParts) {
        assertThatThrownBy(() -> MasterKeyRing.of(keys))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKeyRing.MASTER_KEYS_PROPERTY)
                .hasMessageContainingAll(messageParts)
                .hasMessageNotContaining(keyMaterialOf(K1))
                .hasMessageNotContaining(keyMaterialOf(K2))
                .hasNoCause();
    }

    private static MasterKeyRing.Configured key(String id, String keyset, boolean primary) {
        return new MasterKeyRing.Configured(id, keyset, primary);
    }

    private static String keyMaterialOf(String tinkJson) {
        Matcher value = KEY_VALUE.matcher(tinkJson);
        assertThat(value.find()).isTrue();
        return value.group(1);
    }
}
