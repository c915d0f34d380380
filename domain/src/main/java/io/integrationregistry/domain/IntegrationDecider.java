package io.integrationregistry.domain;

import io.integrationregistry.domain.Authentication.ApiKey;
import io.integrationregistry.domain.Authentication.OAuth2;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.IntegrationCommand.ActivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.AddIntegration;
import io.integrationregistry.domain.IntegrationCommand.DeactivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.EditIntegration;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;

import java.util.List;
import java.util.Objects;

/**
 * The Integration aggregate as a decider: {@link #decide} turns a command and the current state into
 * the events it causes (none when it changes nothing), {@link #evolve} folds one event into the state,
 * and {@link #initialState} is where every integration starts.
 */
public final class IntegrationDecider {

    private IntegrationDecider() {}

    public static IntegrationState initialState() {
        return IntegrationState.UNREGISTERED;
    }

    public static List<IntegrationEvent> decide(IntegrationCommand command, IntegrationState state) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        if (command instanceof AddIntegration add) {
            return add(add, state);
        }
        Integration integration = existingOfCompany(command, state);
        if (command instanceof EditIntegration edit) {
            return edit(edit, integration);
        }
        if (command instanceof ActivateIntegration) {
            return integration.active()
                    ? List.of()
                    : List.of(new IntegrationActivated(command.integrationId(), command.companyId(), command.at()));
        }
        if (command instanceof DeactivateIntegration) {
            return integration.active()
                    ? List.of(new IntegrationDeactivated(command.integrationId(), command.companyId(), command.at()))
                    : List.of();
        }
        throw new IllegalStateException("unknown command " + command.getClass().getName());
    }

    public static IntegrationState evolve(IntegrationState state, IntegrationEvent event) {
        if (event instanceof IntegrationAdded added) {
            return new Integration(
                    added.integrationId(),
                    added.companyId(),
                    added.name(),
                    added.baseApiUrl(),
                    added.requestParameters(),
                    added.authentication(),
                    added.active(),
                    redirectUriOf(added.authentication(), null),
                    added.occurredAt(),
                    added.occurredAt());
        }
        Integration current = (Integration) state;
        if (event instanceof IntegrationEdited edited) {
            return new Integration(
                    current.id(),
                    current.companyId(),
                    edited.name(),
                    edited.baseApiUrl(),
                    edited.requestParameters(),
                    edited.authentication(),
                    current.active(),
                    redirectUriOf(edited.authentication(), current.issuedRedirectUri()),
                    current.createdAt(),
                    edited.occurredAt());
        }
        if (event instanceof IntegrationActivated activated) {
            return withActive(current, true, activated);
        }
        if (event instanceof IntegrationDeactivated deactivated) {
            return withActive(current, false, deactivated);
        }
        throw new IllegalStateException("unknown event " + event.getClass().getName());
    }

    /** Folds a whole history from the initial state. */
    public static IntegrationState replay(List<? extends IntegrationEvent> events) {
        IntegrationState state = initialState();
        for (IntegrationEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static List<IntegrationEvent> add(AddIntegration add, IntegrationState state) {
        if (state instanceof Integration) {
            throw new IntegrationRuleViolation(
                    Rule.INTEGRATION_ID_MUST_BE_NEW, add.integrationId().value());
        }
        Authentication authentication =
                authenticationFor(add.authentication(), null, add.baseApiUrl(), add.proposedRedirectUri());
        return List.of(new IntegrationAdded(
                add.integrationId(),
                add.companyId(),
                add.at(),
                add.name(),
                add.baseApiUrl(),
                add.requestParameters(),
                authentication,
                add.active()));
    }

    private static List<IntegrationEvent> edit(EditIntegration edit, Integration current) {
        Authentication authentication =
                authenticationFor(edit.authentication(), current, edit.baseApiUrl(), edit.proposedRedirectUri());
        boolean unchanged = current.name().equals(edit.name())
                && current.baseApiUrl().equals(edit.baseApiUrl())
                && current.requestParameters().equals(edit.requestParameters())
                && current.authentication().equals(authentication);
        return unchanged
                ? List.of()
                : List.of(new IntegrationEdited(
                        edit.integrationId(),
                        edit.companyId(),
                        edit.at(),
                        edit.name(),
                        edit.baseApiUrl(),
                        edit.requestParameters(),
                        authentication));
    }

    private static Integration existingOfCompany(IntegrationCommand command, IntegrationState state) {
        if (!(state instanceof Integration integration)) {
            throw new IntegrationRuleViolation(
                    Rule.INTEGRATION_MUST_EXIST, command.integrationId().value());
        }
        if (!integration.companyId().equals(command.companyId())) {
            throw new IntegrationRuleViolation(
                    Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY,
                    command.integrationId().value());
        }
        return integration;
    }

    /**
     * The authentication a spec asks for: a secret left out is the stored one of the same type, as long
     * as it would still be sent to the origin it was saved for (the API key to the base URL's, the
     * client secret to the token endpoint's); to send it elsewhere it must be given again. The redirect
     * URI is the one issued before, or the proposed one the first time OAuth2 is chosen.
     */
    private static Authentication authenticationFor(
            AuthenticationSpec<SealedSecret> spec,
            Integration current,
            BaseApiUrl baseApiUrl,
            RedirectUri proposedRedirectUri) {
        Authentication stored = current == null ? null : current.authentication();
        if (spec instanceof OAuth2Spec<SealedSecret> oauth2) {
            SealedSecret secret = oauth2.clientSecret()
                    .orElseGet(() -> stored instanceof OAuth2 storedOAuth2
                            ? storedSecret(
                                    storedOAuth2.clientSecret(),
                                    storedOAuth2.tokenEndpointUrl().origin(),
                                    oauth2.tokenEndpointUrl().origin(),
                                    "authentication.clientSecret")
                            : missingSecret("authentication.clientSecret"));
            RedirectUri redirectUri = current != null && current.issuedRedirectUri() != null
                    ? current.issuedRedirectUri()
                    : proposedRedirectUri;
            return new OAuth2(
                    oauth2.authenticationUrl(),
                    oauth2.tokenEndpointUrl(),
                    oauth2.clientId(),
                    secret,
                    redirectUri,
                    oauth2.scopes());
        }
        ApiKeySpec<SealedSecret> apiKey = (ApiKeySpec<SealedSecret>) spec;
        return new ApiKey(apiKey.apiKey()
                .orElseGet(() -> stored instanceof ApiKey storedApiKey
                        ? storedSecret(
                                storedApiKey.apiKey(),
                                current.baseApiUrl().origin(),
                                baseApiUrl.origin(),
                                "authentication.apiKey")
                        : missingSecret("authentication.apiKey")));
    }

    private static SealedSecret storedSecret(SealedSecret stored, String savedFor, String sentTo, String field) {
        if (!savedFor.equals(sentTo)) {
            throw new IntegrationRuleViolation(Rule.SECRET_BOUND_TO_ORIGIN, field);
        }
        return stored;
    }

    private static SealedSecret missingSecret(String field) {
        throw new IntegrationRuleViolation(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET, field);
    }

    private static RedirectUri redirectUriOf(Authentication authentication, RedirectUri issuedBefore) {
        return authentication instanceof OAuth2 oauth2 ? oauth2.redirectUri() : issuedBefore;
    }

    private static Integration withActive(Integration current, boolean active, IntegrationEvent event) {
        return new Integration(
                current.id(),
                current.companyId(),
                current.name(),
                current.baseApiUrl(),
                current.requestParameters(),
                current.authentication(),
                active,
                current.issuedRedirectUri(),
                current.createdAt(),
                event.occurredAt());
    }
}
