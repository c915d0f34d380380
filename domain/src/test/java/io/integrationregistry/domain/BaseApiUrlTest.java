package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class BaseApiUrlTest {

    private static final String FIELD = "baseApiUrl";

    @Test
    void anHttpsUrlIsAccepted() {
        BaseApiUrl url = BaseApiUrl.of("https://www.mycompany.com/api/v1", PlainHttp.REFUSED);

        assertThat(url.value()).isEqualTo("https://www.mycompany.com/api/v1");
        assertThat(url.usesPlainHttp()).isFalse();
    }

    @Test
    void plainHttpIsRefusedWhenThePolicyRefusesIt() {
        assertRefused(FIELD, () -> BaseApiUrl.of("http://www.mycompany.com/api", PlainHttp.REFUSED));
        assertRefused(FIELD, () -> BaseApiUrl.of("HTTP://www.mycompany.com/api", PlainHttp.REFUSED));
    }

    @Test
    void plainHttpIsAcceptedWhenThePolicyAllowsIt() {
        BaseApiUrl url = BaseApiUrl.of("http://localhost:8080/api", PlainHttp.ALLOWED);

        assertThat(url.value()).isEqualTo("http://localhost:8080/api");
        assertThat(url.usesPlainHttp()).isTrue();
    }

    @Test
    void aRelativeUrlIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("/api/v1", PlainHttp.ALLOWED));
        assertRefused(FIELD, () -> BaseApiUrl.of("www.mycompany.com/api", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("https:///api/v1", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithUserInfoIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("https://user:password@www.mycompany.com/api", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithAFragmentIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("https://www.mycompany.com/api#top", PlainHttp.ALLOWED));
    }

    @Test
    void aUrlWithAQueryIsRefusedBecauseItBelongsInTheRequestParameters() {
        InvalidValue refusal = assertRefused(
                FIELD, () -> BaseApiUrl.of("https://www.mycompany.com/api?access_type=offline", PlainHttp.ALLOWED));

        assertThat(refusal.rule()).contains("requestParameters");
    }

    @Test
    void trailingSlashesAreRemoved() {
        assertThat(BaseApiUrl.of("https://www.mycompany.com/api/v1//", PlainHttp.REFUSED)
                        .value())
                .isEqualTo("https://www.mycompany.com/api/v1");
        assertThat(BaseApiUrl.of("https://www.mycompany.com/", PlainHttp.REFUSED)
                        .value())
                .isEqualTo("https://www.mycompany.com");
    }

    @Test
    void anFtpUrlIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("ftp://files.mycompany.com/api", PlainHttp.ALLOWED));
    }

    @Test
    void aBlankOrMissingUrlIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("  ", PlainHttp.ALLOWED));
        assertRefused(FIELD, () -> BaseApiUrl.of(null, PlainHttp.ALLOWED));
    }

    @Test
    void aMalformedUrlIsRefused() {
        assertRefused(FIELD, () -> BaseApiUrl.of("https://www.my company.com/api", PlainHttp.ALLOWED));
    }

    @Test
    void storedHistoryWithPlainHttpStillLoadsThroughTheCanonicalConstructor() {
        assertThat(new BaseApiUrl("http://legacy.mycompany.com/api").usesPlainHttp())
                .isTrue();
    }

    @Test
    void theOriginIsSchemeHostAndPortWithoutPathOrDefaultPort() {
        assertThat(new BaseApiUrl("https://WWW.MyCompany.com:443/api/v1").origin())
                .isEqualTo("https://www.mycompany.com");
        assertThat(new BaseApiUrl("http://localhost:8080/api").origin()).isEqualTo("http://localhost:8080");
        assertThat(new BaseApiUrl("http://localhost:80").origin()).isEqualTo("http://localhost");
        assertThat(new BaseApiUrl("https://[::1]:8443/x").origin()).isEqualTo("https://[::1]:8443");
        assertThat(new WebUrl("https://auth.example/token?audience=x").origin()).isEqualTo("https://auth.example");
    }
}
