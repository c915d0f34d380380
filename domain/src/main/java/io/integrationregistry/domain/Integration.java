package io.integrationregistry.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered integration, as its events made it. {@code issuedRedirectUri} is the redirect URI the
 * integration was given when it first chose OAuth2; it outlives a switch to ApiKey, so that choosing
 * OAuth2 again gives the same one.
 */
public record Integration(
        IntegrationId id,
        CompanyId companyId,
        IntegrationName name,
        BaseApiUrl baseApiUrl,
        RequestParameters requestParameters,
        Authentication authentication,
        boolean active,
        RedirectUri issuedRedirectUri,
        Instant createdAt,
        Instant updatedAt)
        implements IntegrationState {

    /**
     * Every field but {@code issuedRedirectUri} is required: a state read back with one missing (a snapshot
     * of an older shape, say) refuses to exist rather than decide on a gap.
     */
    public Integration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseApiUrl, "baseApiUrl");
        Objects.requireNonNull(requestParameters, "requestParameters");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public IntegrationStatus status() {
        return active ? IntegrationStatus.ACTIVE : IntegrationStatus.INACTIVE;
    }

    public Optional<RedirectUri> redirectUri() {
        return Optional.ofNullable(issuedRedirectUri);
    }

    /**
     * The URL of one provider endpoint: the base URL, {@code /}, the endpoint name, then the
     * integration's request parameters as stored and the call's own parameters, percent-encoded.
     */
    public URI endpointUrl(String endpoint, List<QueryParameter> callParameters) {
        return EndpointUrl.compose(baseApiUrl, requestParameters, endpoint, callParameters);
    }
}
