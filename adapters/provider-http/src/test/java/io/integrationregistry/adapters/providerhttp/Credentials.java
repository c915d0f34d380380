package io.integrationregistry.adapters.providerhttp;

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
        void accept(FakeProvider provider) {
            provider.acceptApiKey(KEY, USER);
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
        void accept(FakeProvider provider) {
            provider.acceptBearer(TOKEN);
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

    abstract void accept(FakeProvider provider);

    abstract ProviderCredentials wrong();
}
