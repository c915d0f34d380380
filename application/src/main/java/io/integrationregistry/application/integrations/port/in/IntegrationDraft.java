package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;

/**
 * An integration as an administrator submits it to add or edit one: its editable fields, secrets still
 * in plain. It is what the use cases take in, and it is the one of three related types that stands
 * for the whole submission:
 * <ul>
 *   <li>the draft's {@link AuthenticationSpec} is only its authentication part, the part a command
 *       carries on once its secrets are sealed (the stored, complete form being the domain's
 *       {@code Authentication});</li>
 *   <li>a request adapter reads a draft from what it receives, together with what is no field of the
 *       integration and so none of the draft: on creation, whether the integration starts active.</li>
 * </ul>
 */
public record IntegrationDraft(
        IntegrationName name,
        BaseApiUrl baseApiUrl,
        RequestParameters requestParameters,
        AuthenticationSpec<PlainSecret> authentication) {

    public IntegrationDraft {
        if (name == null) {
            throw new InvalidValue("name", "is required");
        }
        if (baseApiUrl == null) {
            throw new InvalidValue("baseApiUrl", "is required");
        }
        if (authentication == null) {
            throw new InvalidValue("authentication", "is required");
        }
        requestParameters = requestParameters == null ? RequestParameters.NONE : requestParameters;
    }
}
