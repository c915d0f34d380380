package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationType;

import java.util.List;

/**
 * The authentication of an integration as it may be shown: the fields of its type, secrets masked.
 * The scopes of an OAuth2 integration are a list, empty when it asks for none.
 */
public record AuthenticationView(
        AuthenticationType type,
        String authenticationUrl,
        String tokenEndpointUrl,
        String clientId,
        SecretView clientSecret,
        String redirectUri,
        List<String> scopes,
        SecretView apiKey) {

    public static AuthenticationView of(Authentication authentication) {
        if (authentication instanceof Authentication.OAuth2 oauth2) {
            return new AuthenticationView(
                    AuthenticationType.OAUTH2,
                    oauth2.authenticationUrl().value(),
                    oauth2.tokenEndpointUrl().value(),
                    oauth2.clientId().value(),
                    SecretView.of(oauth2.clientSecret()),
                    oauth2.redirectUri().value(),
                    oauth2.scopes().values(),
                    null);
        }
        Authentication.ApiKey apiKey = (Authentication.ApiKey) authentication;
        return new AuthenticationView(
                AuthenticationType.API_KEY, null, null, null, null, null, null, SecretView.of(apiKey.apiKey()));
    }
}
