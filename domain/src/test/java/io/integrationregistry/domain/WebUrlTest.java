package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

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
}
