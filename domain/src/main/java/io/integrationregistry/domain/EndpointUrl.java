package io.integrationregistry.domain;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** The rule by which a provider endpoint's URL is made from an integration's fields. */
public final class EndpointUrl {

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private EndpointUrl() {}

    public static URI compose(
            BaseApiUrl base,
            RequestParameters requestParameters,
            String endpoint,
            List<QueryParameter> callParameters) {
        if (endpoint == null || !ENDPOINT_NAME.matcher(endpoint).matches()) {
            throw new InvalidValue("endpoint", "must be an endpoint name such as metadata or uploadInit");
        }
        StringBuilder url = new StringBuilder(base.value()).append('/').append(endpoint);
        StringBuilder query = new StringBuilder(requestParameters.value());
        for (QueryParameter parameter : callParameters) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(parameter.encoded());
        }
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }
}
