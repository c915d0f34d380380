package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.EndpointUrl;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.QueryParameter;
import io.integrationregistry.domain.RequestParameters;

import java.net.URI;
import java.util.List;

/** Where a provider's API lives: its base URL and the request parameters every call carries. */
public record ProviderEndpoint(BaseApiUrl baseApiUrl, RequestParameters requestParameters) {

    /** Where the integration's provider lives. */
    public static ProviderEndpoint of(Integration integration) {
        return new ProviderEndpoint(integration.baseApiUrl(), integration.requestParameters());
    }

    public URI url(String endpoint, List<QueryParameter> callParameters) {
        return EndpointUrl.compose(baseApiUrl, requestParameters, endpoint, callParameters);
    }
}
