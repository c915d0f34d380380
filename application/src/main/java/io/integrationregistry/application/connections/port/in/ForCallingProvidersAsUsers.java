package io.integrationregistry.application.connections.port.in;

import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;

/**
 * An integration's provider, called on behalf of a user with that user's credentials: the API key with
 * the user's login, or the user's OAuth 2.0 access token, refreshed when it is due or refused. What the
 * document calls ask of the connections.
 */
public interface ForCallingProvidersAsUsers {

    /**
     * The company's integration, if it is active.
     *
     * @throws io.integrationregistry.application.connections.IntegrationNotActive when it is not active
     */
    Integration activeIntegrationOf(CompanyId company, IntegrationId id);

    /** Calls the caller's company's active integration with the caller's credentials. */
    <T> T call(Caller caller, IntegrationId id, ProviderCall<T> call);

    /**
     * Calls with the caller's credentials for this integration.
     *
     * @param retryWithFreshToken whether a refused OAuth 2.0 token is refreshed and the call retried;
     *                            false for a call whose body cannot be sent twice
     */
    <T> T call(Caller caller, Integration integration, ProviderCall<T> call, boolean retryWithFreshToken);

    /** One provider call, given where and with what credentials. */
    @FunctionalInterface
    interface ProviderCall<T> {
        T with(ProviderEndpoint endpoint, ProviderCredentials credentials);
    }
}
