package io.integrationregistry.adapters.rest.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.integrationregistry.application.documents.port.in.Health;
import io.integrationregistry.application.documents.port.in.ProviderCallHealth;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.IntegrationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * An integration as the API shows it: no secret, only whether each is set and at most its last four. Reading
 * the current integration (one or the list) adds its provider calls at a glance, {@code lastCall} and
 * {@code health}; the answers to commands and to reads of a past state leave both out.
 */
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
        Authentication authentication,
        @JsonUnwrapped ProviderCalls providerCalls) {

    static IntegrationResource of(IntegrationView view) {
        return of(view, null);
    }

    /** With its last provider call and health, as a read of the current integration shows it. */
    static IntegrationResource of(IntegrationView view, ProviderCallHealth health) {
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
                Authentication.of(view.authentication()),
                health == null ? null : ProviderCalls.of(health));
    }

    /**
     * @param lastCall the last provider call to end, null when none was logged
     * @param health   judged from the calls of the last 15 minutes
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProviderCalls(
            @Schema(
                    nullable = true,
                    description = "The last provider call to end; null when none is logged. Only in "
                            + "reads of the current integration (one or the list).")
            LastCall lastCall,

            @Schema(
                    description = "UNKNOWN: no call in the last 15 minutes; FAILING: the last 5 calls of "
                            + "those failed, or at least half of 10 or more; DEGRADED: the last call failed "
                            + "or at least 20 % did; HEALTHY otherwise. A call failed when the provider "
                            + "failed to serve it (an error, no answer, refused credentials, too many "
                            + "calls), not when it said no to that request. Only in reads of the current "
                            + "integration (one or the list).")
            Health health) {

        static ProviderCalls of(ProviderCallHealth health) {
            return new ProviderCalls(health.lastCall().map(LastCall::of).orElse(null), health.health());
        }
    }

    /**
     * @param at      when the call started
     * @param outcome such as {@code success}, {@code provider-error} or {@code timeout}
     * @param status  the provider's HTTP status, null when it gave none
     */
    record LastCall(Instant at, String outcome, Integer status) {

        static LastCall of(ProviderCallSummary.LastCall call) {
            return new LastCall(call.at(), call.outcome().label(), call.status() == 0 ? null : call.status());
        }
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
