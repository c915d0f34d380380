package io.integrationregistry.application.documents.port.out;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret echoed in any disguise that keeps its letters and digits in order is hidden. */
class SecretMaskTest {

    private static final String KEY = "sk-Live-7f3a9c21";
    private static final String HIDDEN = SecretMask.HIDDEN;

    @Test
    void redaction_catches_more_than_the_exact_key() {
        assertThat(SecretMask.mask("key sk-Live-7f3a9c21 refused", List.of(KEY)))
                .isEqualTo("key " + HIDDEN + " refused");
        assertThat(SecretMask.mask("KEY SK-LIVE-7F3A9C21 REFUSED", List.of(KEY)))
                .isEqualTo("KEY " + HIDDEN + " REFUSED");
        assertThat(SecretMask.mask("key s-k-l-i-v-e-7-f-3-a-9-c-2-1 refused", List.of(KEY)))
                .isEqualTo("key " + HIDDEN + " refused");
        assertThat(SecretMask.mask("key s k l i v e 7 f 3 a 9 c 2 1 refused", List.of(KEY)))
                .isEqualTo("key " + HIDDEN + " refused");
        assertThat(SecretMask.mask("key 12c9a3f7-evil-ks refused", List.of(KEY)))
                .isEqualTo("key " + HIDDEN + " refused");
        assertThat(SecretMask.mask("invalid:sklive7f3a9c21xyz", List.of(KEY))).isEqualTo("invalid:" + HIDDEN + "xyz");
    }

    @Test
    void the_short_a_b_c_d_spacing_and_several_secrets_at_once() {
        assertThat(SecretMask.mask("got a-b-c-d and D.C.B.A and tok3n", List.of("abcd", "TOK3N")))
                .isEqualTo("got " + HIDDEN + " and " + HIDDEN + " and " + HIDDEN);
    }

    @Test
    void text_without_the_secret_is_left_as_it_was() {
        assertThat(SecretMask.mask("key sk-Live-7f3a9c2 refused", List.of(KEY)))
                .isEqualTo("key sk-Live-7f3a9c2 refused");
        assertThat(SecretMask.mask("anything", List.of())).isEqualTo("anything");
        assertThat(SecretMask.mask("anything", List.of("--"))).isEqualTo("anything");
        assertThat(SecretMask.mask(null, List.of(KEY))).isNull();
    }
}
