package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

import java.util.Optional;

/** The secrets a draft carries, sealed for the integration before any command holds them. */
final class DraftSecrets {

    private final ForSealingSecrets secrets;

    DraftSecrets(ForSealingSecrets secrets) {
        this.secrets = secrets;
    }

    /** A new integration's: every secret given is sealed. */
    AuthenticationSpec<SealedSecret> sealed(IntegrationId id, IntegrationDraft draft) {
        return draft.authentication().mapSecrets(secret -> Optional.of(secrets.seal(id, secret)));
    }

    /** An edit's: a secret typed again unchanged is given as the stored one (see below). */
    AuthenticationSpec<SealedSecret> sealedFor(IntegrationId id, Authentication stored, IntegrationDraft draft) {
        return draft.authentication().mapSecrets(secret -> sealUnlessAlreadyStored(id, stored, draft, secret));
    }

    /**
     * A secret typed again unchanged is given as the stored one, so that it does not count as an edit,
     * and still counts as given where a secret must be given again (to send it to another origin).
     */
    private Optional<SealedSecret> sealUnlessAlreadyStored(
            IntegrationId id, Authentication stored, IntegrationDraft draft, PlainSecret typed) {
        Optional<SealedSecret> storedOfSameType =
                stored.type() == draft.authentication().type() ? Optional.of(secretOf(stored)) : Optional.empty();
        if (storedOfSameType.isPresent() && secrets.holdsSameSecret(id, storedOfSameType.get(), typed)) {
            return storedOfSameType;
        }
        return Optional.of(secrets.seal(id, typed));
    }

    private static SealedSecret secretOf(Authentication authentication) {
        return authentication instanceof Authentication.OAuth2 oauth2
                ? oauth2.clientSecret()
                : ((Authentication.ApiKey) authentication).apiKey();
    }
}
