package io.integrationregistry.application.port.in;

import io.integrationregistry.application.documents.ConnectionView;
import io.integrationregistry.domain.IntegrationId;

import java.net.URI;

/** The OAuth 2.0 handshake by which a user connects their provider account to an integration (MISSION §5). */
public interface ForConnectingAccounts {

    /** Where to send the user's browser: the provider's authentication URL with a fresh, single-use state. */
    URI authorizationRedirect(Caller caller, IntegrationId integration);

    /**
     * The provider's answer at the redirect URI. The state says which user and integration it is for.
     *
     * @param error the provider's {@code error} parameter, when the user declined or the provider failed
     * @throws io.integrationregistry.application.documents.AuthorizationRefused when the state is not one
     *         handed out for this integration, was used already or expired, or the provider sent an error
     */
    ConnectionView completeAuthorization(IntegrationId integration, String code, String state, String error);

    ConnectionView connection(Caller caller, IntegrationId integration);

    void disconnect(Caller caller, IntegrationId integration);
}
