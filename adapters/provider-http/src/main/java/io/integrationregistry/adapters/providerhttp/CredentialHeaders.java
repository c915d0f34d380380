package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.List;

/** The headers that carry an integration's credentials, and the secrets among them. */
final class CredentialHeaders {

    static final String API_KEY = "apiKey";
    static final String USERNAME = "username";

    private CredentialHeaders() {}

    static List<Header> of(ProviderCredentials credentials) {
        if (credentials instanceof ProviderCredentials.ApiKey apiKey) {
            String key = apiKey.apiKey().reveal();
            if (apiKey.username() == null) {
                return List.of(new BasicHeader(API_KEY, key));
            }
            return List.of(new BasicHeader(API_KEY, key), new BasicHeader(USERNAME, singleLine(apiKey.username())));
        }
        if (credentials instanceof ProviderCredentials.Bearer bearer) {
            return List.of(new BasicHeader(
                    HttpHeaders.AUTHORIZATION, "Bearer " + bearer.accessToken().reveal()));
        }
        return List.of();
    }

    /** What must never come back to a human from this call, even when the provider echoes it. */
    static List<String> secrets(ProviderCredentials credentials) {
        if (credentials instanceof ProviderCredentials.ApiKey apiKey) {
            return List.of(apiKey.apiKey().reveal());
        }
        if (credentials instanceof ProviderCredentials.Bearer bearer) {
            return List.of(bearer.accessToken().reveal());
        }
        return List.of();
    }

    private static String singleLine(String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the username must not contain control characters");
        }
        return value;
    }
}
