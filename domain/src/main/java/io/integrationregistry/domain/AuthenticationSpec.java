package io.integrationregistry.domain;

import java.util.Optional;
import java.util.function.Function;

/**
 * The authentication an administrator asks for, with each secret either given (of type {@code S}:
 * typed in plain on its way in, sealed once it reaches a command) or left out to keep the stored one.
 * The redirect URI is not part of it: the service generates that. It is the authentication part of what
 * is submitted for an integration, and of the commands that add or edit one; once decided, it becomes the
 * integration's {@link Authentication}, complete with its sealed secrets.
 */
public sealed interface AuthenticationSpec<S> permits AuthenticationSpec.OAuth2Spec, AuthenticationSpec.ApiKeySpec {

    AuthenticationType type();

    /** The same spec with each given secret transformed, e.g. sealed. */
    <T> AuthenticationSpec<T> mapSecrets(Function<? super S, Optional<T>> transform);

    record OAuth2Spec<S>(
            WebUrl authenticationUrl,
            WebUrl tokenEndpointUrl,
            ClientId clientId,
            Optional<S> clientSecret,
            Scopes scopes)
            implements AuthenticationSpec<S> {

        public OAuth2Spec {
            Checks.present("authentication.authenticationUrl", authenticationUrl);
            Checks.present("authentication.tokenEndpointUrl", tokenEndpointUrl);
            Checks.present("authentication.clientId", clientId);
            Checks.optional("authentication.clientSecret", clientSecret);
            Checks.present(Scopes.FIELD, scopes);
        }

        @Override
        public AuthenticationType type() {
            return AuthenticationType.OAUTH2;
        }

        @Override
        public <T> OAuth2Spec<T> mapSecrets(Function<? super S, Optional<T>> transform) {
            return new OAuth2Spec<>(
                    authenticationUrl, tokenEndpointUrl, clientId, clientSecret.flatMap(transform), scopes);
        }
    }

    record ApiKeySpec<S>(Optional<S> apiKey) implements AuthenticationSpec<S> {

        public ApiKeySpec {
            Checks.optional("authentication.apiKey", apiKey);
        }

        @Override
        public AuthenticationType type() {
            return AuthenticationType.API_KEY;
        }

        @Override
        public <T> ApiKeySpec<T> mapSecrets(Function<? super S, Optional<T>> transform) {
            return new ApiKeySpec<>(apiKey.flatMap(transform));
        }
    }
}
