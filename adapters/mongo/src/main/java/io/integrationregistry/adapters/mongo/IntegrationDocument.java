package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.view.AuthenticationView;
import io.integrationregistry.application.view.IntegrationView;
import io.integrationregistry.domain.IntegrationStatus;
import org.springframework.data.annotation.Id;

import java.time.Instant;

/** The stored shape of one list entry. */
record IntegrationDocument(@Id String id, String companyId, String name, String nameKey, String baseApiUrl,
                           String requestParameters, IntegrationStatus status, long version, Instant createdAt,
                           Instant updatedAt, String lastChangedBy, AuthenticationView authentication) {

    IntegrationView view() {
        return new IntegrationView(id, companyId, name, baseApiUrl, requestParameters, status, version, createdAt,
                updatedAt, lastChangedBy, authentication);
    }
}
