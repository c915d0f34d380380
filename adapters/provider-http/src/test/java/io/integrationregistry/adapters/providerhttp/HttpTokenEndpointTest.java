package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.adapters.providerhttp.FakeTokenEndpoint.ClientAuthentication;
import io.integrationregistry.adapters.providerhttp.FakeTokenEndpoint.Recorded;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ProviderFailure.Kind;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token endpoint client against an OAuth 2.0 token endpoint on loopback. */
class HttpTokenEndpointTest {

    private static final String CLIENT_ID = "registry client:1";
    private static final String CLIENT_SECRET = "cs_7Hq/+:&é=9Lm2";
    private static final RedirectUri REDIRECT_URI = new RedirectUri("https://registry.example/oauth2/callback/42");
    private static final String CODE = "code-Zx81Qa";
    private static final PlainSecret VERIFIER =
            PlainSecret.received("code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

    private FakeTokenEndpoint endpoint;
    private HttpTokenEndpoint tokens;
    private TokenClient client;

    @BeforeEach
    void start() throws IOException {
        endpoint = new FakeTokenEndpoint(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI.value());
        endpoint.issueCode(CODE);
        tokens = new HttpTokenEndpoint(
                new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), host ->
                        new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new ProviderHttpSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 64 * 1024, 1024));
        client = new TokenClient(
                new WebUrl(endpoint.url()), new ClientId(CLIENT_ID), PlainSecret.of("clientSecret", CLIENT_SECRET));
    }

    @AfterEach
    void stop() {
        tokens.close();
        endpoint.close();
    }

    @Test
    void a_code_is_exchanged_with_the_client_s_secret_in_the_form() {
        TokenGrant grant = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);

        assertThat(grant.accessToken().reveal()).isEqualTo("at-1-x9Y8w7");
        assertThat(grant.refreshToken()).map(PlainSecret::reveal).contains("rt-1-q1W2e3");
        assertThat(grant.expiresIn()).contains(Duration.ofHours(1));
        Recorded request = endpoint.requests().get(0);
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.authorization()).isNull();
        assertThat(request.form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        CODE,
                        "redirect_uri",
                        REDIRECT_URI.value(),
                        "code_verifier",
                        VERIFIER.reveal(),
                        "client_id",
                        CLIENT_ID,
                        "client_secret",
                        CLIENT_SECRET));
        assertThat(grant.scope()).contains("files.read files.write");
    }

    @Test
    void a_refresh_token_is_exchanged_for_new_tokens() {
        TokenGrant first = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);

        TokenGrant refreshed = tokens.refresh(client, first.refreshToken().orElseThrow());

        assertThat(refreshed.accessToken().reveal()).isEqualTo("at-2-x9Y8w7");
        assertThat(endpoint.requests().get(1).form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        "rt-1-q1W2e3",
                        "client_id",
                        CLIENT_ID,
                        "client_secret",
                        CLIENT_SECRET));
    }

    @Test
    void expires_in_may_come_as_a_string() {
        endpoint.expiresInAsString(true);

        assertThat(tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER).expiresIn())
                .contains(Duration.ofSeconds(3600));
    }

    @Test
    void a_grant_without_refresh_token_or_lifetime_is_still_a_grant() {
        endpoint.omitRefreshToken(true);
        assertThat(tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER).refreshToken())
                .isEmpty();

        endpoint.answer(200, "application/json", "{\"access_token\":\"only-this\",\"unknown\":[1]}");
        TokenGrant grant = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);
        assertThat(grant.accessToken().reveal()).isEqualTo("only-this");
        assertThat(grant.refreshToken()).isEmpty();
        assertThat(grant.expiresIn()).isEqualTo(Optional.empty());
        assertThat(grant.toString()).doesNotContain("only-this");
    }

    @Test
    void an_answer_in_form_encoding_is_read_as_well() {
        endpoint.answer(
                200,
                "application/x-www-form-urlencoded",
                "access_token=gho_abc%2B1&scope=repo&token_type=bearer&expires_in=28800");

        TokenGrant grant = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);

        assertThat(grant.accessToken().reveal()).isEqualTo("gho_abc+1");
        assertThat(grant.expiresIn()).contains(Duration.ofHours(8));
        assertThat(grant.scope()).contains("repo");
    }

    @Test
    void theGrantedScopeIsKeptAsScopeTokensOnlyAndAnAbsentOneIsNoneNamed() {
        String scope = "openid  https://api.example/files.read bell\\u0007word <b> \\\"quoted\\\" back\\\\slash "
                + VERIFIER.reveal() + " \\u202Eevil";
        endpoint.answer(200, "application/json", "{\"access_token\":\"at\",\"scope\":\"" + scope + "\"}");
        TokenGrant messy = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);
        endpoint.answer(200, "application/json", "{\"access_token\":\"at\",\"scope\":[\"a\",\"b\",7]}");
        TokenGrant listed = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);
        endpoint.answer(200, "application/json", "{\"access_token\":\"at\",\"scope\":\" \"}");
        TokenGrant blank = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);
        endpoint.answer(200, "application/json", "{\"access_token\":\"at\"}");
        TokenGrant none = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);

        assertThat(messy.scope()).contains("openid https://api.example/files.read <b>");
        assertThat(listed.scope()).contains("a b");
        assertThat(blank.scope()).isEmpty();
        assertThat(none.scope()).isEmpty();
    }

    @Test
    void theCodeVerifierEchoedByARefusingEndpointIsHidden() {
        endpoint.answer(
                400,
                "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"verifier " + VERIFIER.reveal()
                        + " does not match\"}");

        assertThatThrownBy(() -> tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(TokenRefused.class, refused -> {
                    assertThat(refused.description()).isEqualTo("verifier " + ProviderText.HIDDEN + " does not match");
                    assertThat(refused.getMessage()).doesNotContain(VERIFIER.reveal());
                });
    }

    @Test
    void a_revoked_refresh_token_means_the_grant_is_gone_and_no_secret_is_told() {
        PlainSecret revoked = PlainSecret.received("refreshToken", "rt-revoked-Jk4Lm5");

        assertThatThrownBy(() -> tokens.refresh(client, revoked))
                .isInstanceOfSatisfying(TokenRefused.class, refused -> {
                    assertThat(refused.grantIsGone()).isTrue();
                    assertThat(refused.error()).isEqualTo("invalid_grant");
                    assertThat(refused.description())
                            .isEqualTo("grant " + ProviderText.HIDDEN + " is revoked or expired");
                    assertThat(refused.getMessage())
                            .doesNotContain("rt-revoked-Jk4Lm5")
                            .doesNotContain(CLIENT_SECRET);
                });
    }

    @Test
    void an_unknown_code_means_the_grant_is_gone() {
        assertThatThrownBy(() -> tokens.exchangeCode(client, "forged", REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(
                        TokenRefused.class,
                        refused -> assertThat(refused.grantIsGone()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 400})
    void an_endpoint_that_wants_basic_authentication_gets_a_second_try_without_the_secret_in_the_form(int status) {
        endpoint.accept(ClientAuthentication.BASIC);
        endpoint.rejectClientsWith(status);

        TokenGrant grant = tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER);

        assertThat(grant.accessToken().reveal()).isEqualTo("at-1-x9Y8w7");
        assertThat(endpoint.requests()).hasSize(2);
        assertThat(endpoint.requests().get(0).form()).containsKey("client_secret");
        Recorded basic = endpoint.requests().get(1);
        assertThat(basic.form())
                .doesNotContainKeys("client_secret", "client_id")
                .containsEntry("code", CODE)
                .containsEntry("code_verifier", VERIFIER.reveal())
                .containsEntry("grant_type", "authorization_code");
        String expected = "registry+client%3A1:cs_7Hq%2F%2B%3A%26%C3%A9%3D9Lm2";
        assertThat(basic.authorization())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_client_refused_both_ways_is_an_invalid_client_that_keeps_the_grant() {
        endpoint.accept(ClientAuthentication.BASIC);
        endpoint.rejectClientsWith(400);
        TokenClient wrongSecret = new TokenClient(
                client.tokenEndpointUrl(), client.clientId(), PlainSecret.of("clientSecret", "not-the-secret"));

        assertThatThrownBy(() -> tokens.exchangeCode(wrongSecret, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(TokenRefused.class, refused -> {
                    assertThat(refused.error()).isEqualTo("invalid_client");
                    assertThat(refused.grantIsGone()).isFalse();
                });
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void a_server_error_is_a_provider_failure_without_secrets() {
        endpoint.answer(503, "application/json", "{\"error\":\"temporarily_unavailable " + CLIENT_SECRET + "\"}");

        assertThatThrownBy(() -> tokens.refresh(client, PlainSecret.received("refreshToken", "rt-live-Pq9")))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PROVIDER_ERROR);
                    assertThat(failure.providerStatus()).isEqualTo(503);
                    assertThat(failure.getMessage())
                            .doesNotContain(CLIENT_SECRET)
                            .doesNotContain("rt-live-Pq9");
                });
        assertThat(endpoint.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>Login</html>", "{\"token\":\"nope\"}", ""})
    void a_success_that_is_not_a_token_response_is_a_provider_failure(String body) {
        endpoint.answer(200, "text/html", body);

        assertThatThrownBy(() -> tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.PROVIDER_ERROR));
    }

    @Test
    void an_error_answered_with_200_is_still_a_refusal() {
        endpoint.answer(200, "application/json", "{\"error\":\"bad_verification_code\"}");

        assertThatThrownBy(() -> tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(
                        TokenRefused.class,
                        refused -> assertThat(refused.error()).isEqualTo("bad_verification_code"));
    }

    @Test
    void a_slow_endpoint_times_out() {
        endpoint.delay(Duration.ofSeconds(3));

        assertThatThrownBy(() -> tokens.exchangeCode(client, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void a_token_endpoint_inside_the_network_is_refused() {
        TokenClient metadata = new TokenClient(
                new WebUrl("http://169.254.169.254/latest/api/token"), client.clientId(), client.clientSecret());

        assertThatThrownBy(() -> tokens.exchangeCode(metadata, CODE, REDIRECT_URI, VERIFIER))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED));
    }
}
