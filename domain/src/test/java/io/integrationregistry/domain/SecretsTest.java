package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    private static final String FIELD = "authentication.apiKey";

    @Test
    void aPlainSecretNeverPrintsItself() {
        PlainSecret secret = PlainSecret.of(FIELD, "s3cr3t-value-that-must-not-leak");

        assertThat(secret.toString()).doesNotContain("s3cr3t").doesNotContain("leak");
    }

    @Test
    void aPlainSecretRevealsItselfToTheSealingAdapter() {
        assertThat(PlainSecret.of(FIELD, "s3cr3t").reveal()).isEqualTo("s3cr3t");
    }

    @Test
    void aMaskOfAsterisksIsRefused() {
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "********"));
    }

    @Test
    void aMaskOfBulletsIsRefused() {
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "\u2022\u2022\u2022\u2022"));
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "\u25CF\u25CF\u25CF\u25CF"));
    }

    @Test
    void aSecretContainingMaskCharactersAmongOthersIsAccepted() {
        assertThat(PlainSecret.of(FIELD, "****ab12").reveal()).isEqualTo("****ab12");
    }

    @Test
    void aBlankOrMissingSecretIsRefused() {
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "   "));
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, null));
    }

    @Test
    void aSecretWithAControlCharacterIsRefused() {
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "abc\ndef"));
    }

    @Test
    void aSecretOverTheMaximumLengthIsRefused() {
        assertRefused(FIELD, () -> PlainSecret.of(FIELD, "x".repeat(PlainSecret.MAX_LENGTH + 1)));
    }

    @Test
    void aSecretShorterThanSixteenCharactersShowsNothingOfItself() {
        assertThat(PlainSecret.of(FIELD, "123456789012345").last4()).isNull();
    }

    @Test
    void aSecretOfSixteenCharactersOrMoreShowsItsLastFour() {
        assertThat(PlainSecret.of(FIELD, "1234567890123456").last4()).isEqualTo("3456");
        assertThat(PlainSecret.of(FIELD, "sk_live_0123456789abcdef").last4()).isEqualTo("cdef");
    }

    @Test
    void plainSecretsAreEqualByValue() {
        assertThat(PlainSecret.of(FIELD, "same"))
                .isEqualTo(PlainSecret.of(FIELD, "same"))
                .isNotEqualTo(PlainSecret.of(FIELD, "other"));
    }

    @Test
    void aSealedSecretNeverPrintsItsCiphertext() {
        SealedSecret sealed = new SealedSecret("key-1", "Q0lQSEVSVEVYVA==", "ab12");

        assertThat(sealed.toString()).contains("key-1").doesNotContain("Q0lQSEVSVEVYVA==");
    }

    @Test
    void aSealedSecretNeedsItsKeyIdAndCiphertext() {
        assertRefused("secret", () -> new SealedSecret(" ", "Q0lQSEVS", null));
        assertRefused("secret", () -> new SealedSecret("key-1", "", null));
        assertRefused("secret.keyId", () -> new SealedSecret(null, "Q0lQSEVS", null));
    }

    @Test
    void aSealedSecretHintIsExactlyFourCharacters() {
        assertRefused("secret.last4", () -> new SealedSecret("key-1", "Q0lQSEVS", "abc"));
    }

    @Test
    void anInvalidValueCarriesItsFieldAndRule() {
        InvalidValue invalid = new InvalidValue("baseApiUrl", "must use https");

        assertThat(invalid.field()).isEqualTo("baseApiUrl");
        assertThat(invalid.rule()).isEqualTo("must use https");
        assertThat(invalid.getMessage()).isEqualTo("baseApiUrl: must use https");
    }
}
