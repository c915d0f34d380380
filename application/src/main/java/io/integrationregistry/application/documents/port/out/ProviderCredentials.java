package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.domain.PlainSecret;

/** What authorizes a call to a provider, sent in headers. */
public sealed interface ProviderCredentials {

    /** No credentials at all: for a test that has none to send. */
    record None() implements ProviderCredentials {}

    /** Headers {@code apiKey} and {@code username}: the key, and the login of the user who calls. */
    record ApiKey(PlainSecret apiKey, String username) implements ProviderCredentials {}

    /** Header {@code Authorization: Bearer <token>}. */
    record Bearer(PlainSecret accessToken) implements ProviderCredentials {}

    None NONE = new None();
}
