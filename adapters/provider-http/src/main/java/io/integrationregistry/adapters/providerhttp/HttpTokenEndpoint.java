package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's OAuth 2.0 token endpoint (RFC 6749 §4.1.3 and §6), called through the
 * {@link GuardedHttpClient}. The client authenticates with its secret in the form body first
 * ({@code client_secret_post}, as the Document Webhooks API describes); a provider that insists on HTTP Basic
 * ({@code client_secret_basic}) says so with 401 or {@code invalid_client}, and gets one more try that
 * way. Tokens become {@link PlainSecret}s at once; no token, code or client secret ever reaches an
 * exception message, and nothing here is logged.
 */
public final class HttpTokenEndpoint implements ForObtainingTokens, AutoCloseable {

    private static final String CALL = "token";
    private static final String INVALID_CLIENT = "invalid_client";
    /** Stands for an error code that had nothing readable left once cleaned. */
    private static final String UNREADABLE_ERROR = "unreadable_error";

    private final GuardedHttpClient client;
    private final boolean ownsClient;

    /** A token endpoint client with its own connection pool, closed by {@link #close()}. */
    public HttpTokenEndpoint(OutboundGuard guard, ProviderHttpSettings settings) {
        this(new GuardedHttpClient(guard, settings), true);
    }

    /** A token endpoint client on a shared pool, which whoever created it closes. */
    public HttpTokenEndpoint(GuardedHttpClient client) {
        this(client, false);
    }

    private HttpTokenEndpoint(GuardedHttpClient client, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
    }

    @Override
    public TokenGrant exchangeCode(
            TokenClient tokenClient, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
        String verifier = codeVerifier.reveal();
        List<NameValuePair> grant = List.of(
                new BasicNameValuePair("grant_type", "authorization_code"),
                new BasicNameValuePair("code", code),
                new BasicNameValuePair("redirect_uri", redirectUri.value()),
                new BasicNameValuePair("code_verifier", verifier));
        return obtain(tokenClient, grant, code, verifier);
    }

    @Override
    public TokenGrant refresh(TokenClient tokenClient, PlainSecret refreshToken) {
        String token = refreshToken.reveal();
        List<NameValuePair> grant = List.of(
                new BasicNameValuePair("grant_type", "refresh_token"), new BasicNameValuePair("refresh_token", token));
        return obtain(tokenClient, grant, token);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private TokenGrant obtain(TokenClient tokenClient, List<NameValuePair> grant, String... grantSecrets) {
        List<String> secrets = new ArrayList<>(List.of(grantSecrets));
        secrets.add(tokenClient.clientSecret().reveal());
        TokenAnswer answer = post(tokenClient, grant, false);
        if (answer.rejectsClient()) {
            answer = post(tokenClient, grant, true);
        }
        return answer.grant(secrets);
    }

    private TokenAnswer post(TokenClient tokenClient, List<NameValuePair> grant, boolean basic) {
        URI url = URI.create(tokenClient.tokenEndpointUrl().value());
        List<NameValuePair> form = new ArrayList<>(grant);
        HttpPost post = new HttpPost(url);
        post.addHeader(HttpHeaders.ACCEPT, "application/json");
        if (basic) {
            post.addHeader(HttpHeaders.AUTHORIZATION, basic(tokenClient));
        } else {
            form.add(new BasicNameValuePair("client_id", tokenClient.clientId().value()));
            form.add(new BasicNameValuePair(
                    "client_secret", tokenClient.clientSecret().reveal()));
        }
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        Answer answer = client.send(post, CALL);
        try (answer) {
            byte[] body = answer.readAtMost(client.settings().maxAnswerBytes());
            return new TokenAnswer(answer.status(), url.getHost(), TokenAnswerBody.read(body, answer.contentType()));
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    /** RFC 6749 §2.3.1: id and secret each form-encoded, then joined by a colon and Base64-encoded. */
    private static String basic(TokenClient tokenClient) {
        String pair = URLEncoder.encode(tokenClient.clientId().value(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(tokenClient.clientSecret().reveal(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** One answer of the token endpoint, read; {@code body} is null when it was not readable. */
    private record TokenAnswer(int status, String host, JsonNode body) {

        boolean rejectsClient() {
            return status == 401 || (status == 400 && INVALID_CLIENT.equals(error()));
        }

        TokenGrant grant(List<String> secrets) {
            boolean success = status >= 200 && status < 300;
            if (success && body != null && ProviderJson.text(body.get("access_token")) != null) {
                return tokens(secrets);
            }
            // Some endpoints answer an error with 200; RFC 6749 §5.2 says 400 or 401.
            if (error() != null && (success || status == 400 || status == 401)) {
                String error = ProviderText.clean(error(), secrets);
                throw new TokenRefused(
                        error == null ? UNREADABLE_ERROR : error,
                        ProviderText.clean(ProviderJson.text(body.get("error_description")), secrets));
            }
            if (success) {
                throw Failures.unreadable(status, CALL, host, "is not a token response");
            }
            throw Failures.status(status, null, CALL, host);
        }

        @Override
        public String toString() {
            return "TokenAnswer[status=" + status + ", host=" + host + ", (body hidden)]";
        }

        private String error() {
            return body == null ? null : ProviderJson.text(body.get("error"));
        }

        private TokenGrant tokens(List<String> secrets) {
            try {
                PlainSecret access = PlainSecret.received("access_token", ProviderJson.text(body.get("access_token")));
                String refresh = ProviderJson.text(body.get("refresh_token"));
                Optional<PlainSecret> refreshToken = refresh == null || refresh.isEmpty()
                        ? Optional.empty()
                        : Optional.of(PlainSecret.received("refresh_token", refresh));
                Long seconds = ProviderJson.wholeNumber(body.get("expires_in"));
                return new TokenGrant(
                        access,
                        refreshToken,
                        Optional.ofNullable(seconds).map(Duration::ofSeconds),
                        Optional.ofNullable(TokenAnswerBody.scope(body.get("scope"), secrets)));
            } catch (InvalidValue unusable) {
                // The rule names the field, never the value.
                throw new ProviderFailure(
                        ProviderFailure.Kind.PROVIDER_ERROR,
                        status,
                        null,
                        "the token endpoint at " + host + " sent a token that cannot be used: " + unusable.field());
            }
        }
    }
}
