package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationType;

/** The authentication of an integration as it may be shown: the fields of its type, secrets masked. */
public record AuthenticationView(
        AuthenticationType type,
        String authenticationUrl,
        String tokenEndpointUrl,
        String clientId,
        SecretView clientSecret,
        String redirectUri,
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
                    null);
        }
        Authentication.ApiKey apiKey = (Authentication.ApiKey) authentication;
        return new AuthenticationView(
                AuthenticationType.API_KEY, null, null, null, null, null, SecretView.of(apiKey.apiKey()));
    }
}
