package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationType;
import org.bson.Document;

import java.util.List;

/**
 * The stored shape of an integration's authentication. It is built from the masked view, never from
 * the sealed secrets themselves, so that no ciphertext or key id can reach the read model.
 */
final class AuthenticationDocument {

    private AuthenticationDocument() {}

    static Document of(Authentication authentication) {
        AuthenticationView view = AuthenticationView.of(authentication);
        Document stored = new Document("type", view.type().name());
        putPresent(stored, "authenticationUrl", view.authenticationUrl());
        putPresent(stored, "tokenEndpointUrl", view.tokenEndpointUrl());
        putPresent(stored, "clientId", view.clientId());
        putPresent(stored, "redirectUri", view.redirectUri());
        putPresent(stored, "scopes", view.scopes());
        putPresent(stored, "clientSecret", secret(view.clientSecret()));
        putPresent(stored, "apiKey", secret(view.apiKey()));
        return stored;
    }

    static AuthenticationView view(Document stored) {
        AuthenticationType type = AuthenticationType.valueOf(stored.getString("type"));
        return new AuthenticationView(
                type,
                stored.getString("authenticationUrl"),
                stored.getString("tokenEndpointUrl"),
                stored.getString("clientId"),
                secretView(stored.get("clientSecret", Document.class)),
                stored.getString("redirectUri"),
                // an OAuth2 entry written before scopes existed asks for none
                type == AuthenticationType.OAUTH2 ? stored.getList("scopes", String.class, List.of()) : null,
                secretView(stored.get("apiKey", Document.class)));
    }

    private static Document secret(SecretView secret) {
        if (secret == null) {
            return null;
        }
        Document stored = new Document("set", secret.set());
        putPresent(stored, "last4", secret.last4());
        return stored;
    }

    private static SecretView secretView(Document stored) {
        return stored == null ? null : new SecretView(stored.getBoolean("set", false), stored.getString("last4"));
    }

    private static void putPresent(Document document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
