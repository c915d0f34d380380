package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;

/**
 * A provider's OAuth 2.0 token endpoint. An OAuth 2.0 error answer is thrown as
 * {@link io.integrationregistry.application.connections.port.out.TokenRefused}; no answer at all (timeout,
 * unreachable, 5xx, an answer that is not a token response) as a
 * {@link io.integrationregistry.application.documents.port.out.ProviderFailure}.
 */
public interface ForObtainingTokens {

    /**
     * {@code grant_type=authorization_code} with the code the provider handed to the redirect URI, and the
     * PKCE {@code code_verifier} (RFC 7636 §4.5) whose challenge went with the authorization request.
     */
    TokenGrant exchangeCode(TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier);

    /** {@code grant_type=refresh_token}. */
    TokenGrant refresh(TokenClient client, PlainSecret refreshToken);
}
