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

import java.time.Instant;
import java.util.Optional;

/** The values the decider specifications are written with. */
final class Examples {

    static final IntegrationId ID = new IntegrationId("3f2c1b7e-9a4d-4c1e-8b2a-5d6e7f8a9b0c");
    static final CompanyId COMPANY = new CompanyId("acme");
    static final CompanyId OTHER_COMPANY = new CompanyId("globex");
    static final Actor ACTOR = new Actor("alice");

    static final Instant ADDED_AT = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant EDITED_AT = Instant.parse("2025-01-02T10:00:00Z");
    static final Instant LATER = Instant.parse("2025-01-03T10:00:00Z");

    static final IntegrationName NAME = new IntegrationName("Company drive");
    static final IntegrationName OTHER_NAME = new IntegrationName("Archive");
    static final BaseApiUrl BASE = new BaseApiUrl("https://www.mycompany.com/api/v1");
    static final BaseApiUrl OTHER_BASE = new BaseApiUrl("https://dms.mycompany.com/webhooks");
    /** Another path on the origin of {@link #BASE}, its host in capitals and its default port spelt out. */
    static final BaseApiUrl BASE_ON_THE_SAME_ORIGIN = new BaseApiUrl("https://WWW.mycompany.com:443/api/v2");

    static final RequestParameters PARAMETERS = RequestParameters.of("access_type=offline");
    static final RequestParameters OTHER_PARAMETERS = RequestParameters.of("access_type=online&tenant=7");

    static final WebUrl AUTHENTICATION_URL = new WebUrl("https://auth.mycompany.com/authorize");
    static final WebUrl TOKEN_URL = new WebUrl("https://auth.mycompany.com/token");
    static final WebUrl TOKEN_URL_ON_THE_SAME_ORIGIN = new WebUrl("https://auth.mycompany.com/oauth2/v2/token");
    static final WebUrl TOKEN_URL_ON_ANOTHER_ORIGIN = new WebUrl("https://auth.mycompany.com:8443/token");
    static final ClientId CLIENT_ID = new ClientId("registry-client");
    static final ClientId OTHER_CLIENT_ID = new ClientId("registry-client-2");
    static final RedirectUri PROPOSED_REDIRECT = new RedirectUri("https://registry.example/oauth2/callback/first");
    static final RedirectUri LATER_PROPOSED_REDIRECT =
            new RedirectUri("https://registry.example/oauth2/callback/later");

    static final SealedSecret CLIENT_SECRET = new SealedSecret("k1", "c2VjcmV0LTE=", null);
    static final SealedSecret OTHER_CLIENT_SECRET = new SealedSecret("k1", "c2VjcmV0LTI=", null);
    static final SealedSecret API_KEY = new SealedSecret("k1", "a2V5LTE=", "ab12");
    static final SealedSecret OTHER_API_KEY = new SealedSecret("k1", "a2V5LTI=", "cd34");

    private Examples() {}

    // ---- authentication as asked for, and as decided

    static AuthenticationSpec<SealedSecret> apiKeySpec(SealedSecret key) {
        return new ApiKeySpec<>(Optional.of(key));
    }

    static AuthenticationSpec<SealedSecret> apiKeySpecKeepingTheKey() {
        return new ApiKeySpec<>(Optional.empty());
    }

    static AuthenticationSpec<SealedSecret> oauth2Spec(SealedSecret clientSecret) {
        return new OAuth2Spec<>(AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, Optional.of(clientSecret), Scopes.NONE);
    }

    static AuthenticationSpec<SealedSecret> oauth2SpecKeepingTheSecret() {
        return new OAuth2Spec<>(AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, Optional.empty(), Scopes.NONE);
    }

    static AuthenticationSpec<SealedSecret> oauth2SpecKeepingTheSecret(WebUrl tokenEndpointUrl) {
        return new OAuth2Spec<>(AUTHENTICATION_URL, tokenEndpointUrl, CLIENT_ID, Optional.empty(), Scopes.NONE);
    }

    static AuthenticationSpec<SealedSecret> oauth2SpecKeepingTheSecret(ClientId clientId) {
        return new OAuth2Spec<>(AUTHENTICATION_URL, TOKEN_URL, clientId, Optional.empty(), Scopes.NONE);
    }

    static Authentication apiKey(SealedSecret key) {
        return new ApiKey(key);
    }

    static Authentication oauth2(SealedSecret clientSecret, RedirectUri redirectUri) {
        return new OAuth2(AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, clientSecret, redirectUri, Scopes.NONE);
    }

    // ---- commands

    static AddIntegration add(AuthenticationSpec<SealedSecret> authentication, boolean active) {
        return new AddIntegration(
                ID, COMPANY, ACTOR, ADDED_AT, NAME, BASE, PARAMETERS, authentication, active, PROPOSED_REDIRECT);
    }

    static EditIntegration edit(
            IntegrationName name,
            BaseApiUrl base,
            RequestParameters parameters,
            AuthenticationSpec<SealedSecret> authentication) {
        return edit(name, base, parameters, authentication, LATER_PROPOSED_REDIRECT);
    }

    static EditIntegration edit(
            IntegrationName name,
            BaseApiUrl base,
            RequestParameters parameters,
            AuthenticationSpec<SealedSecret> authentication,
            RedirectUri proposedRedirectUri) {
        return new EditIntegration(
                ID, COMPANY, ACTOR, EDITED_AT, name, base, parameters, authentication, proposedRedirectUri);
    }

    static EditIntegration editAuthentication(AuthenticationSpec<SealedSecret> authentication) {
        return edit(NAME, BASE, PARAMETERS, authentication);
    }

    static EditIntegration editAuthentication(AuthenticationSpec<SealedSecret> authentication, Instant at) {
        return new EditIntegration(
                ID, COMPANY, ACTOR, at, NAME, BASE, PARAMETERS, authentication, LATER_PROPOSED_REDIRECT);
    }

    static ActivateIntegration activate() {
        return new ActivateIntegration(ID, COMPANY, ACTOR, LATER);
    }

    static DeactivateIntegration deactivate() {
        return new DeactivateIntegration(ID, COMPANY, ACTOR, LATER);
    }

    // ---- events

    static IntegrationAdded added(Authentication authentication, boolean active) {
        return new IntegrationAdded(ID, COMPANY, ADDED_AT, NAME, BASE, PARAMETERS, authentication, active);
    }

    static IntegrationAdded addedWithApiKey(boolean active) {
        return added(apiKey(API_KEY), active);
    }

    static IntegrationAdded addedWithOAuth2() {
        return added(oauth2(CLIENT_SECRET, PROPOSED_REDIRECT), true);
    }

    static IntegrationAdded addedByAnotherCompany() {
        return new IntegrationAdded(ID, OTHER_COMPANY, ADDED_AT, NAME, BASE, PARAMETERS, apiKey(API_KEY), true);
    }

    static IntegrationEdited edited(
            IntegrationName name, BaseApiUrl base, RequestParameters parameters, Authentication authentication) {
        return new IntegrationEdited(ID, COMPANY, EDITED_AT, name, base, parameters, authentication);
    }

    static IntegrationEdited editedAuthentication(Authentication authentication) {
        return edited(NAME, BASE, PARAMETERS, authentication);
    }

    static IntegrationEdited editedAuthentication(Authentication authentication, Instant at) {
        return new IntegrationEdited(ID, COMPANY, at, NAME, BASE, PARAMETERS, authentication);
    }

    static IntegrationActivated activated() {
        return new IntegrationActivated(ID, COMPANY, LATER);
    }

    static IntegrationDeactivated deactivated() {
        return new IntegrationDeactivated(ID, COMPANY, LATER);
    }

    static IntegrationDeactivated deactivated(Instant at) {
        return new IntegrationDeactivated(ID, COMPANY, at);
    }
}
