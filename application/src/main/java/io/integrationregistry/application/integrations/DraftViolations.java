package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.WebUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every rule of the use cases a draft, complete or not, breaks, judged on the fields it gives, in the
 * order of the fields: the name's reading direction, the transport policy for its URLs, and the secret
 * of its authentication. They are the rules {@code add} and {@code edit} apply one by one; judged here
 * together, they are named at once.
 */
final class DraftViolations {

    static final String SECRET_REQUIRED = "is required when this authentication type is first chosen";
    static final String SECRET_BOUND_TO_ORIGIN = "must be given again to send it to another origin";

    private DraftViolations() {}

    /** Whether judging the draft's secret needs the stored integration: only when it is left out. */
    static boolean needsStored(PartialDraft draft) {
        return draft.authenticationType().isPresent() && draft.secretLeftOut();
    }

    /**
     * @param stored      the edited integration as stored; empty for a new one
     * @param judgeSecret false when the stored integration is not the version the edit was made on
     */
    static List<InvalidValue> of(
            PartialDraft draft, Optional<Integration> stored, boolean judgeSecret, TransportPolicy transport) {
        List<InvalidValue> found = new ArrayList<>();
        draft.name().ifPresent(name -> {
            try {
                IntegrationName.of(name.value());
            } catch (InvalidValue invalid) {
                found.add(invalid);
            }
        });
        found.addAll(transport.violations(draft));
        if (judgeSecret) {
            secret(draft, stored).ifPresent(found::add);
        }
        return found;
    }

    /**
     * A secret left out keeps the stored one of the same type: there is none on creation nor when the
     * type changes, so it is required then; and a stored secret goes only to the origin it was saved for
     * (the API key to the base URL's, the client secret to the token endpoint's).
     */
    private static Optional<InvalidValue> secret(PartialDraft draft, Optional<Integration> stored) {
        if (!needsStored(draft)) {
            return Optional.empty();
        }
        AuthenticationType type = draft.authenticationType().orElseThrow();
        String field = type == AuthenticationType.OAUTH2 ? "authentication.clientSecret" : "authentication.apiKey";
        Optional<Authentication> storedOfSameType =
                stored.map(Integration::authentication).filter(kept -> kept.type() == type);
        if (storedOfSameType.isEmpty()) {
            return Optional.of(new InvalidValue(field, SECRET_REQUIRED));
        }
        String savedFor;
        Optional<String> sentTo;
        if (storedOfSameType.get() instanceof Authentication.OAuth2 oauth2) {
            savedFor = oauth2.tokenEndpointUrl().origin();
            sentTo = draft.tokenEndpointUrl().map(WebUrl::origin);
        } else {
            savedFor = stored.get().baseApiUrl().origin();
            sentTo = draft.baseApiUrl().map(BaseApiUrl::origin);
        }
        return sentTo.filter(origin -> !origin.equals(savedFor)).isPresent()
                ? Optional.of(new InvalidValue(field, SECRET_BOUND_TO_ORIGIN))
                : Optional.empty();
    }
}
