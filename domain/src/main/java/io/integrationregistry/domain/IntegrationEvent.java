package io.integrationregistry.domain;

import java.time.Instant;

/**
 * What happened to an integration, in the past tense. Each event names the integration and its
 * company and says when it happened; an added or edited integration is carried whole (its editable
 * fields), so that every event can be read without the ones before it.
 */
public sealed interface IntegrationEvent
        permits IntegrationEvent.IntegrationAdded,
                IntegrationEvent.IntegrationEdited,
                IntegrationEvent.IntegrationActivated,
                IntegrationEvent.IntegrationDeactivated {

    IntegrationId integrationId();

    CompanyId companyId();

    Instant occurredAt();

    record IntegrationAdded(
            IntegrationId integrationId,
            CompanyId companyId,
            Instant occurredAt,
            IntegrationName name,
            BaseApiUrl baseApiUrl,
            RequestParameters requestParameters,
            Authentication authentication,
            boolean active)
            implements IntegrationEvent {}

    record IntegrationEdited(
            IntegrationId integrationId,
            CompanyId companyId,
            Instant occurredAt,
            IntegrationName name,
            BaseApiUrl baseApiUrl,
            RequestParameters requestParameters,
            Authentication authentication)
            implements IntegrationEvent {}

    record IntegrationActivated(IntegrationId integrationId, CompanyId companyId, Instant occurredAt)
            implements IntegrationEvent {}

    record IntegrationDeactivated(IntegrationId integrationId, CompanyId companyId, Instant occurredAt)
            implements IntegrationEvent {}
}
