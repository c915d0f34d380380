package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class IntegrationNameTest {

    @Test
    void aNameIsKeptTrimmed() {
        assertThat(new IntegrationName("  Company drive \t").value()).isEqualTo("Company drive");
    }

    @Test
    void aNameOfOneCharacterIsAccepted() {
        assertThat(new IntegrationName("x").value()).isEqualTo("x");
    }

    @Test
    void aNameOfAHundredCharactersIsAccepted() {
        assertThat(new IntegrationName("n".repeat(100)).value()).hasSize(100);
    }

    @Test
    void aNameOfAHundredAndOneCharactersIsRefusedAsTooLong() {
        assertRefused("name", () -> new IntegrationName("n".repeat(101)));
    }

    @Test
    void aNameLongerThanAHundredCharactersOnlyBecauseOfSurroundingSpacesIsAccepted() {
        assertThat(new IntegrationName(" " + "n".repeat(100) + " ").value()).hasSize(100);
    }

    @Test
    void aNameIsMeasuredInCharactersNotUtf16Units() {
        String hundredEmoji = "\uD83D\uDCC1".repeat(100);

        assertThat(new IntegrationName(hundredEmoji).value()).isEqualTo(hundredEmoji);
        assertRefused("name", () -> new IntegrationName(hundredEmoji + "x"));
    }

    @Test
    void aBlankNameIsRefused() {
        assertRefused("name", () -> new IntegrationName("   "));
        assertRefused("name", () -> new IntegrationName(""));
    }

    @Test
    void aMissingNameIsRefused() {
        assertRefused("name", () -> new IntegrationName(null));
    }

    @Test
    void aNameWithAControlCharacterIsRefused() {
        assertRefused("name", () -> new IntegrationName("Company\ndrive"));
        assertRefused("name", () -> new IntegrationName("Company\u0000drive"));
    }

    @Test
    void namesAreUniqueCaseInsensitively() {
        assertThat(new IntegrationName("Acme Drive").uniquenessKey())
                .isEqualTo(new IntegrationName(" ACME drive ").uniquenessKey());
        assertThat(new IntegrationName("Acme Drive").uniquenessKey())
                .isNotEqualTo(new IntegrationName("Acme Drive 2").uniquenessKey());
    }
}
