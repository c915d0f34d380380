package io.integrationregistry.application.connections.port.in;

import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.net.URI;

/** The OAuth 2.0 handshake by which a user connects their provider account to an integration. */
public interface ForConnectingAccounts {

    /**
     * Where to send the user's browser: the provider's authentication URL (its own query kept) with a fresh,
     * single-use state and a PKCE challenge whose verifier is kept with the state;
     * and the value the browser that starts the flow must keep (in a cookie) and bring back to the callback,
     * so that the provider account connected is the one of whoever started it.
     */
    AuthorizationStart startAuthorization(Caller caller, IntegrationId integration);

    /** A started authorization: the provider's URL, and the browser's binding value (never stored as such). */
    record AuthorizationStart(URI redirect, String browserBinding) {}

    /**
     * The provider's answer at the redirect URI. The state says which user and integration it is for; the
     * browser binding, that the browser which brought it is the one that started the flow.
     *
     * @param error the provider's {@code error} parameter, when the user declined or the provider failed
     * @param errorDescription the provider's {@code error_description} parameter, which explains the error
     * @param browserBinding the value {@link #startAuthorization} gave that browser, as it brought it back;
     *        null when it brought none
     * @throws io.integrationregistry.application.connections.AuthorizationRefused when the state is not one
     *         handed out for this integration, was used already or expired, was started in another browser,
     *         or the provider sent an error
     */
    ConnectionView completeAuthorization(
            IntegrationId integration,
            String code,
            String state,
            String error,
            String errorDescription,
            String browserBinding);

    ConnectionView connection(Caller caller, IntegrationId integration);

    void disconnect(Caller caller, IntegrationId integration);
}
