package io.integrationregistry.domain;

import java.time.Instant;

/**
 * What can be asked of an integration. Every command names the integration, the company on whose
 * behalf it is given, the acting user and the time it is given; secrets arrive sealed.
 */
public sealed interface IntegrationCommand
        permits IntegrationCommand.AddIntegration,
                IntegrationCommand.EditIntegration,
                IntegrationCommand.ActivateIntegration,
                IntegrationCommand.DeactivateIntegration {

    IntegrationId integrationId();

    CompanyId companyId();

    Actor actor();

    Instant at();

    /**
     * Registers a new integration. {@code proposedRedirectUri} is the redirect URI the integration gets
     * should it use OAuth2 now or later.
     */
    record AddIntegration(
            IntegrationId integrationId,
            CompanyId companyId,
            Actor actor,
            Instant at,
            IntegrationName name,
            BaseApiUrl baseApiUrl,
            RequestParameters requestParameters,
            AuthenticationSpec<SealedSecret> authentication,
            boolean active,
            RedirectUri proposedRedirectUri)
            implements IntegrationCommand {

        public AddIntegration {
            Commands.requireCommon(integrationId, companyId, actor, at);
            Checks.present("name", name);
            Checks.present("baseApiUrl", baseApiUrl);
            requestParameters = requestParameters == null ? RequestParameters.NONE : requestParameters;
            Checks.present("authentication", authentication);
            Checks.present("proposedRedirectUri", proposedRedirectUri);
        }
    }

    /**
     * Replaces the editable fields. A secret left out keeps the stored one; {@code proposedRedirectUri}
     * is used only if OAuth2 is chosen for the first time.
     */
    record EditIntegration(
            IntegrationId integrationId,
            CompanyId companyId,
            Actor actor,
            Instant at,
            IntegrationName name,
            BaseApiUrl baseApiUrl,
            RequestParameters requestParameters,
            AuthenticationSpec<SealedSecret> authentication,
            RedirectUri proposedRedirectUri)
            implements IntegrationCommand {

        public EditIntegration {
            Commands.requireCommon(integrationId, companyId, actor, at);
            Checks.present("name", name);
            Checks.present("baseApiUrl", baseApiUrl);
            requestParameters = requestParameters == null ? RequestParameters.NONE : requestParameters;
            Checks.present("authentication", authentication);
            Checks.present("proposedRedirectUri", proposedRedirectUri);
        }
    }

    record ActivateIntegration(IntegrationId integrationId, CompanyId companyId, Actor actor, Instant at)
            implements IntegrationCommand {

        public ActivateIntegration {
            Commands.requireCommon(integrationId, companyId, actor, at);
        }
    }

    record DeactivateIntegration(IntegrationId integrationId, CompanyId companyId, Actor actor, Instant at)
            implements IntegrationCommand {

        public DeactivateIntegration {
            Commands.requireCommon(integrationId, companyId, actor, at);
        }
    }
}
