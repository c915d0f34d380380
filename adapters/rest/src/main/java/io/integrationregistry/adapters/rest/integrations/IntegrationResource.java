package io.integrationregistry.adapters.rest.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.IntegrationStatus;

import java.time.Instant;
import java.util.List;

/** An integration as the API shows it: no secret, only whether each is set and at most its last four. */
record IntegrationResource(
        String id,
        String name,
        String baseApiUrl,
        String requestParameters,
        IntegrationStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String lastChangedBy,
        Authentication authentication) {

    static IntegrationResource of(IntegrationView view) {
        return new IntegrationResource(
                view.id(),
                view.name(),
                view.baseApiUrl(),
                view.requestParameters(),
                view.status(),
                view.version(),
                view.createdAt(),
                view.updatedAt(),
                view.lastChangedBy(),
                Authentication.of(view.authentication()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Authentication(
            AuthenticationType type,
            String authenticationUrl,
            String tokenEndpointUrl,
            String clientId,
            Secret clientSecret,
            String redirectUri,
            List<String> scopes,
            Secret apiKey) {

        static Authentication of(AuthenticationView view) {
            return new Authentication(
                    view.type(),
                    view.authenticationUrl(),
                    view.tokenEndpointUrl(),
                    view.clientId(),
                    Secret.of(view.clientSecret()),
                    view.redirectUri(),
                    view.scopes(),
                    Secret.of(view.apiKey()));
        }
    }

    /** {@code last4} is null for secrets shorter than 16 characters, and shown as such. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Secret(boolean set, String last4) {

        static Secret of(SecretView view) {
            return view == null ? null : new Secret(view.set(), view.last4());
        }
    }
}
