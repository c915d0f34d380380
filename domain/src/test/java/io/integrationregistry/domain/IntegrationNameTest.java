package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Name spoofing: characters that turn the reading direction make a name show as another one. */
    @ParameterizedTest
    @ValueSource(
            ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C})
    void nameSpoofingWithBidirectionalCharactersIsRefused(int character) {
        String spoofed = "Invoices " + Character.toString(character) + "fdp.exe";

        InvalidValue refusal = assertRefused("name", () -> IntegrationName.of(spoofed));

        assertThat(refusal.rule()).contains("reading direction");
    }

    @Test
    void aNameInARightToLeftScriptIsAccepted() {
        assertThat(IntegrationName.of("\u05DE\u05E1\u05DE\u05DB\u05D9\u05DD 2").value())
                .isEqualTo("\u05DE\u05E1\u05DE\u05DB\u05D9\u05DD 2");
    }

    @Test
    void aStoredNameWithABidirectionalCharacterStillLoads() {
        assertThat(new IntegrationName("Invoices \u202Efdp.exe").value()).isEqualTo("Invoices \u202Efdp.exe");
    }

    @Test
    void namesAreUniqueCaseInsensitively() {
        assertThat(new IntegrationName("Acme Drive").uniquenessKey())
                .isEqualTo(new IntegrationName(" ACME drive ").uniquenessKey());
        assertThat(new IntegrationName("Acme Drive").uniquenessKey())
                .isNotEqualTo(new IntegrationName("Acme Drive 2").uniquenessKey());
    }

    @Test
    void nameUniquenessIsOnlyToLowerCaseRoot() {
        assertThat(key("Caf\u00e9")).as("composed and decomposed").isEqualTo(key("Cafe\u0301"));
        assertThat(key("STRASSE")).isEqualTo(key("stra\u00dfe")).isEqualTo("strasse");
        assertThat(key("\uff21cme")).as("full-width").isEqualTo(key("acme")).isEqualTo("acme");
        assertThat(key("\u039f\u0394\u039f\u03a3")).as("final sigma").isEqualTo(key("\u03bf\u03b4\u03bf\u03c3"));
        assertThat(key("Acme\u3000"))
                .as("a full-width space folds to a space, then trimmed")
                .isEqualTo("acme");
        assertThat(key("Caf\u00e9")).isNotEqualTo(key("Cafe"));
    }

    @Test
    void aKeyIsStableWhenFoldedAgain() {
        for (String name : new String[] {"Caf\u00e9", "stra\u00dfe", "\uff21cme", "\u0130stanbul", "\ufb01le"}) {
            assertThat(IntegrationName.keyOf(key(name))).as(name).isEqualTo(key(name));
            assertThat(IntegrationName.keyOf(name.toLowerCase(java.util.Locale.ROOT)))
                    .as("from the former key of " + name)
                    .isEqualTo(key(name));
        }
    }

    private static String key(String name) {
        return new IntegrationName(name).uniquenessKey();
    }
}
