package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.WebUrl;

import java.util.Objects;
import java.util.Optional;

/**
 * What could be read of a submitted integration, field by field, even when other fields of it are broken:
 * each value is there only when it was given and valid. It lets the rules the use cases apply be judged
 * together with what is wrong in the request itself, so that every broken field is named at once.
 *
 * @param secretLeftOut whether the secret of the chosen authentication type was left out (given but
 *     broken counts as given: what is wrong with it is the request's own problem)
 */
public record PartialDraft(
        Optional<IntegrationName> name,
        Optional<BaseApiUrl> baseApiUrl,
        Optional<AuthenticationType> authenticationType,
        Optional<WebUrl> authenticationUrl,
        Optional<WebUrl> tokenEndpointUrl,
        boolean secretLeftOut) {

    public PartialDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseApiUrl, "baseApiUrl");
        Objects.requireNonNull(authenticationType, "authenticationType");
        Objects.requireNonNull(authenticationUrl, "authenticationUrl");
        Objects.requireNonNull(tokenEndpointUrl, "tokenEndpointUrl");
    }

    /** A complete draft, every field of it read. */
    public static PartialDraft of(IntegrationDraft draft) {
        AuthenticationSpec<?> authentication = draft.authentication();
        if (authentication instanceof AuthenticationSpec.OAuth2Spec<?> oauth2) {
            return new PartialDraft(
                    Optional.of(draft.name()),
                    Optional.of(draft.baseApiUrl()),
                    Optional.of(authentication.type()),
                    Optional.of(oauth2.authenticationUrl()),
                    Optional.of(oauth2.tokenEndpointUrl()),
                    oauth2.clientSecret().isEmpty());
        }
        return new PartialDraft(
                Optional.of(draft.name()),
                Optional.of(draft.baseApiUrl()),
                Optional.of(authentication.type()),
                Optional.empty(),
                Optional.empty(),
                ((AuthenticationSpec.ApiKeySpec<?>) authentication).apiKey().isEmpty());
    }
}
