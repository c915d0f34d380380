package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.EndpointUrl;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.QueryParameter;
import io.integrationregistry.domain.RequestParameters;

import java.net.URI;
import java.util.List;

/**
 * Where a provider's API lives: its base URL and the request parameters every call carries, and where a
 * call made there tells what the wire showed.
 */
public record ProviderEndpoint(BaseApiUrl baseApiUrl, RequestParameters requestParameters, ForReportingTheWire wire) {

    public ProviderEndpoint {
        wire = wire == null ? ForReportingTheWire.NONE : wire;
    }

    public ProviderEndpoint(BaseApiUrl baseApiUrl, RequestParameters requestParameters) {
        this(baseApiUrl, requestParameters, ForReportingTheWire.NONE);
    }

    /** Where the integration's provider lives. */
    public static ProviderEndpoint of(Integration integration) {
        return new ProviderEndpoint(integration.baseApiUrl(), integration.requestParameters());
    }

    /** The same endpoint, its calls telling {@code report} what the wire showed. */
    public ProviderEndpoint reportingTo(ForReportingTheWire report) {
        return new ProviderEndpoint(baseApiUrl, requestParameters, report);
    }

    public URI url(String endpoint, List<QueryParameter> callParameters) {
        return EndpointUrl.compose(baseApiUrl, requestParameters, endpoint, callParameters);
    }
}
