package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {

    private static List<String> tokens(int count) {
        return IntStream.range(0, count).mapToObj(i -> "scope" + i).toList();
    }

    @Test
    void scopesAreKeptInTheirOrderAndSentSpaceSeparated() {
        Scopes scopes = Scopes.of("openid", "files.read", "https://api.example/auth/drive");

        assertThat(scopes.values()).containsExactly("openid", "files.read", "https://api.example/auth/drive");
        assertThat(scopes.asParameter()).isEqualTo("openid files.read https://api.example/auth/drive");
    }

    @Test
    void noScopesIsEmptyAndItsParameterValueEmpty() {
        assertThat(Scopes.NONE.isEmpty()).isTrue();
        assertThat(Scopes.NONE.asParameter()).isEmpty();
        assertThat(new Scopes(List.of())).isEqualTo(Scopes.NONE);
    }

    @Test
    void fiftyScopesAreAcceptedAndFiftyOneRefusedUnderTheList() {
        assertThat(new Scopes(tokens(50)).values()).hasSize(50);

        assertRefused("authentication.scopes", () -> new Scopes(tokens(51)));
    }

    @Test
    void everyPrintableAsciiCharacterButTheQuoteAndTheBackslashMakesAToken() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            if (c != '"' && c != '\\') {
                all.append(c);
            }
        }

        assertThat(Scopes.of(all.toString()).values()).containsExactly(all.toString());
    }

    @Test
    void aTokenWithASpaceAQuoteABackslashAControlOrANonAsciiCharacterIsRefusedUnderItsIndex() {
        for (String bad :
                List.of("files read", "files\"read", "files\\read", "files\tread", "fichiers.lu\u00e9", "x\u007f")) {
            InvalidValue refusal = assertRefused("authentication.scopes[1]", () -> Scopes.of("openid", bad));
            assertThat(refusal.rule()).contains("scope token");
        }
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertRefused("authentication.scopes[0]", () -> Scopes.of(""));
    }

    @Test
    void aTokenLongerThanTwoHundredCharactersIsRefused() {
        assertThat(Scopes.of("a".repeat(200)).values()).hasSize(1);
        assertRefused("authentication.scopes[0]", () -> Scopes.of("a".repeat(201)));
    }

    @Test
    void aRepeatedTokenIsRefusedNamingTheFirstButTokensDifferingInCaseAreTwo() {
        InvalidValue refusal = assertRefused("authentication.scopes[2]", () -> Scopes.of("read", "write", "read"));
        assertThat(refusal.rule()).isEqualTo("must not repeat authentication.scopes[0]");

        assertThat(Scopes.of("read", "READ").values()).containsExactly("read", "READ");
    }

    @Test
    void everyBrokenRuleIsListedAtOnce() {
        List<String> values = new ArrayList<>(tokens(10));
        values.set(3, "bad token");
        values.set(7, "");
        values.add("scope0");
        values.add(null);

        assertThat(Scopes.violations(values))
                .extracting(InvalidValue::field)
                .containsExactly(
                        "authentication.scopes[3]",
                        "authentication.scopes[7]",
                        "authentication.scopes[10]",
                        "authentication.scopes[11]");
    }

    @Test
    void aListTooLongIsRefusedWithoutATokenByTokenAccountOfWhatLiesBeyondTheLimit() {
        List<String> values = new ArrayList<>(tokens(50));
        values.set(2, "bad token");
        for (int i = 0; i < 1_000; i++) {
            values.add("");
        }

        assertThat(Scopes.violations(values))
                .extracting(InvalidValue::field)
                .containsExactly("authentication.scopes", "authentication.scopes[2]");
    }

    @Test
    void theListCannotBeChangedAfterwards() {
        List<String> given = new ArrayList<>(Arrays.asList("openid", "email"));
        Scopes scopes = new Scopes(given);
        given.add("profile");

        assertThat(scopes.values()).containsExactly("openid", "email");
    }
}
