package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;

/** The editable fields of an integration as an administrator submits them, secrets still in plain. */
public record IntegrationDraft(IntegrationName name, BaseApiUrl baseApiUrl, RequestParameters requestParameters,
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
