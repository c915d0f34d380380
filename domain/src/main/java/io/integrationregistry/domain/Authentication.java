package io.integrationregistry.domain;

/** How the service authenticates to the provider: one of the two types, with only that type's fields. */
public sealed interface Authentication permits Authentication.OAuth2, Authentication.ApiKey {

    AuthenticationType type();

    record OAuth2(
            WebUrl authenticationUrl,
            WebUrl tokenEndpointUrl,
            ClientId clientId,
            SealedSecret clientSecret,
            RedirectUri redirectUri,
            Scopes scopes)
            implements Authentication {

        public OAuth2 {
            Checks.present("authentication.authenticationUrl", authenticationUrl);
            Checks.present("authentication.tokenEndpointUrl", tokenEndpointUrl);
            Checks.present("authentication.clientId", clientId);
            Checks.present("authentication.clientSecret", clientSecret);
            Checks.present("authentication.redirectUri", redirectUri);
            Checks.present(Scopes.FIELD, scopes);
        }

        @Override
        public AuthenticationType type() {
            return AuthenticationType.OAUTH2;
        }
    }

    record ApiKey(SealedSecret apiKey) implements Authentication {

        public ApiKey {
            Checks.present("authentication.apiKey", apiKey);
        }

        @Override
        public AuthenticationType type() {
            return AuthenticationType.API_KEY;
        }
    }
}
