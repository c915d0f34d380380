package io.integrationregistry.adapters.rest.audit;

import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One event of an integration's history, as stored; its secrets shown only as {@code {"set": true}}. */
record HistoryEventResource(
        String eventId,
        long version,
        AuditEntryType type,
        Instant at,
        String actor,
        String requestId,
        String source,
        Map<String, Object> payload) {

    static HistoryEventResource of(RecordedEvent historic) {
        IntegrationEvent event = historic.event();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("integrationId", event.integrationId().value());
        payload.put("companyId", event.companyId().value());
        payload.put("occurredAt", event.occurredAt());
        AuditEntryType type;
        if (event instanceof IntegrationEvent.IntegrationAdded added) {
            type = AuditEntryType.ADDED;
            payload.put("name", added.name().value());
            payload.put("baseApiUrl", added.baseApiUrl().value());
            payload.put("requestParameters", added.requestParameters().value());
            payload.put("active", added.active());
            payload.put("authentication", authentication(AuthenticationView.of(added.authentication())));
        } else if (event instanceof IntegrationEvent.IntegrationEdited edited) {
            type = AuditEntryType.EDITED;
            payload.put("name", edited.name().value());
            payload.put("baseApiUrl", edited.baseApiUrl().value());
            payload.put("requestParameters", edited.requestParameters().value());
            payload.put("authentication", authentication(AuthenticationView.of(edited.authentication())));
        } else if (event instanceof IntegrationEvent.IntegrationActivated) {
            type = AuditEntryType.ACTIVATED;
        } else {
            type = AuditEntryType.DEACTIVATED;
        }
        return new HistoryEventResource(
                historic.eventId(),
                historic.sequence(),
                type,
                historic.recordedAt(),
                historic.actor(),
                historic.requestId(),
                historic.source(),
                payload);
    }

    private static Map<String, Object> authentication(AuthenticationView view) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("type", view.type());
        if (view.clientSecret() != null) {
            shown.put("authenticationUrl", view.authenticationUrl());
            shown.put("tokenEndpointUrl", view.tokenEndpointUrl());
            shown.put("clientId", view.clientId());
            shown.put("clientSecret", Map.of("set", true));
            shown.put("redirectUri", view.redirectUri());
            shown.put("scopes", view.scopes());
        }
        if (view.apiKey() != null) {
            shown.put("apiKey", Map.of("set", true));
        }
        return shown;
    }
}
