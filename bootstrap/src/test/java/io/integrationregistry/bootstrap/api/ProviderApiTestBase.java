package io.integrationregistry.bootstrap.api;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with real providers on loopback: plain http and 127.0.0.1 are allowed for them, as an
 * operator allows an on-premise provider; every other private address stays refused.
 */
@TestPropertySource(
        properties = {
            "registry.outbound.allow-plain-http=true",
            "registry.outbound.allowed-private-hosts=127.0.0.1",
            "registry.outbound.read-timeout=PT2S",
            // The provider-call log is written in the background: often here, so that tests wait little for it.
            "registry.provider-calls.flush-interval=PT0.05S"
        })
public abstract class ProviderApiTestBase extends ApiTestBase {

    /** Adds an integration as alice and answers its id. */
    protected String add(String body) {
        HttpApi.Answer added = alice().post("/api/integrations", body);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().path("id").asText();
    }

    protected static String apiKeyProvider(String name, String baseApiUrl, String requestParameters, String apiKey) {
        return """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "%s",
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, baseApiUrl, requestParameters, apiKey);
    }

    protected static String oauth2Provider(
            String name,
            String baseApiUrl,
            String authorizationEndpoint,
            String tokenEndpoint,
            String clientId,
            String clientSecret) {
        return """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "scope=documents",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "%s", "tokenEndpointUrl": "%s",
                   "clientId": "%s", "clientSecret": "%s"}}""".formatted(name, baseApiUrl, authorizationEndpoint, tokenEndpoint, clientId, clientSecret);
    }
}
