package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.IntegrationStatus;

import java.time.Instant;

/** One integration as the list read model holds it: no secret, only whether each is set. */
public record IntegrationView(
        String id,
        String companyId,
        String name,
        String baseApiUrl,
        String requestParameters,
        IntegrationStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String lastChangedBy,
        AuthenticationView authentication) {}
