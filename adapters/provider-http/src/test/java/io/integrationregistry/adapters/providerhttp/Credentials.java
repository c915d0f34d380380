package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.domain.PlainSecret;

/** The two ways of authenticating to a provider, set up on both sides of a test. */
enum Credentials {
    API_KEY {
        @Override
        ProviderCredentials credentials() {
            return new ProviderCredentials.ApiKey(PlainSecret.of("apiKey", KEY), USER);
        }

        @Override
        DocumentProviderStub provider() {
            return OfferTree.planted(DocumentProviderStub.withApiKey(KEY, USER));
        }

        @Override
        String refusal() {
            return "invalid API key";
        }

        @Override
        ProviderCredentials wrong() {
            return new ProviderCredentials.ApiKey(PlainSecret.of("apiKey", "wrong-" + KEY), USER);
        }
    },
    BEARER {
        @Override
        ProviderCredentials credentials() {
            return new ProviderCredentials.Bearer(PlainSecret.received("accessToken", TOKEN));
        }

        @Override
        DocumentProviderStub provider() {
            return OfferTree.planted(DocumentProviderStub.withBearerToken(TOKEN));
        }

        @Override
        String refusal() {
            return "the token is not active";
        }

        @Override
        ProviderCredentials wrong() {
            return new ProviderCredentials.Bearer(PlainSecret.received("accessToken", "expired-" + TOKEN));
        }
    };

    static final String KEY = "ak_live_5f9c2e71d0b84a3f";
    static final String USER = "alice@acme.example";
    static final String TOKEN = "at_8d7c6b5a4f3e2d1c0b9a";

    abstract ProviderCredentials credentials();

    /** A provider holding the {@link OfferTree} that takes these credentials. */
    abstract DocumentProviderStub provider();

    /** The provider's reason for refusing wrong credentials of this kind. */
    abstract String refusal();

    abstract ProviderCredentials wrong();
}
