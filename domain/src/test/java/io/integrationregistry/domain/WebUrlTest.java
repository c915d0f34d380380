package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebUrlTest {

    private static final String FIELD = "authentication.authenticationUrl";

    @Test
    void aUrlWithAQueryIsAccepted() {
        WebUrl url = WebUrl.of(FIELD, "https://auth.mycompany.com/authorize?prompt=consent", PlainHttp.REFUSED);

        assertThat(url.value()).isEqualTo("https://auth.mycompany.com/authorize?prompt=consent");
    }

    @Test
    void aUrlWithAFragmentIsRefusedUnderTheFieldItWasMeantFor() {
        assertRefused(FIELD, () -> WebUrl.of(FIELD, "https://auth.mycompany.com/authorize#x", PlainHttp.REFUSED));
    }

    @Test
    void aUrlWithAFragmentIsRefusedByTheCanonicalConstructorToo() {
        assertRefused("url", () -> new WebUrl("https://auth.mycompany.com/authorize#x"));
    }

    @Test
    void plainHttpIsRefusedUnlessThePolicyAllowsIt() {
        assertRefused(FIELD, () -> WebUrl.of(FIELD, "http://auth.mycompany.com/authorize", PlainHttp.REFUSED));
        assertThat(WebUrl.of(FIELD, "http://auth.mycompany.com/authorize", PlainHttp.ALLOWED)
                        .usesPlainHttp())
                .isTrue();
    }

    @Test
    void aRelativeUrlIsRefused() {
        assertRefused(FIELD, () -> WebUrl.of(FIELD, "/authorize", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithUserInfoIsRefused() {
        assertRefused(FIELD, () -> WebUrl.of(FIELD, "https://a:b@auth.mycompany.com/authorize", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithASpaceIsRefusedInWordsRatherThanWithTheParsersReason() {
        assertThatThrownBy(() -> WebUrl.of(FIELD, "https://auth.my company.com/authorize", PlainHttp.REFUSED))
                .isInstanceOfSatisfying(
                        InvalidValue.class,
                        invalid -> assertThat(invalid.rule())
                                .isEqualTo(
                                        "must be a well-formed URL: it contains a character that is not allowed in a URL,"
                                                + " such as a space")
                                .doesNotContain("Illegal")
                                .doesNotContain("index"));
        assertThatThrownBy(() -> WebUrl.of(FIELD, "https://auth.mycompany.com/a b", PlainHttp.REFUSED))
                .isInstanceOfSatisfying(
                        InvalidValue.class,
                        invalid -> assertThat(invalid.rule()).doesNotContain("Illegal character in path"));
        assertThatThrownBy(() -> WebUrl.of(FIELD, "https://auth.mycompany.com/a%zz", PlainHttp.REFUSED))
                .isInstanceOfSatisfying(
                        InvalidValue.class,
                        invalid -> assertThat(invalid.rule())
                                .isEqualTo(
                                        "must be a well-formed URL: a % must be followed by two hexadecimal digits"));
    }
}
