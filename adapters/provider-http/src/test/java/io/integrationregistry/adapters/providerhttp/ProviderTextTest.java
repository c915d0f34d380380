package io.integrationregistry.adapters.providerhttp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider text made fit for a human. */
class ProviderTextTest {

    @Test
    void control_and_invisible_characters_go_and_white_space_collapses() {
        assertThat(ProviderText.clean("  line one\r\n\tline\u0000two\u200B\u202E  ", List.of()))
                .isEqualTo("line one line two");
    }

    @Test
    void a_long_text_is_cut_without_splitting_a_character() {
        String cleaned = ProviderText.clean("\uD83D\uDE00".repeat(300), List.of());

        assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(ProviderText.MAX_LENGTH);
        assertThat(cleaned).isEqualTo("\uD83D\uDE00".repeat(ProviderText.MAX_LENGTH - 1) + "\u2026");
    }

    @Test
    void a_secret_is_hidden_even_when_split_by_invisible_characters() {
        assertThat(ProviderText.clean("key s3\u200Bcr3t-k3y refused", List.of("s3cr3t-k3y")))
                .isEqualTo("key " + ProviderText.HIDDEN + " refused");
    }

    @Test
    void nothing_readable_is_null() {
        assertThat(ProviderText.clean("\u0000\r\n ", List.of())).isNull();
        assertThat(ProviderText.clean(null, List.of())).isNull();
    }
}
