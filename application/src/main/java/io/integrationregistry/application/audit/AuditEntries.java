package io.integrationregistry.application.audit;

import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.FieldChange;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rule that turns an event, and the integration as it was before it, into an audit entry. */
public final class AuditEntries {

    /** The entry for one event, and the subject as the event leaves it (to compare the next event with). */
    public record Step(AuditEntry entry, AuditSubject after) {}

    private AuditEntries() {}

    /** @param before the subject as the previous event left it; null before the first event */
    public static Step next(AuditSubject before, RecordedEvent recorded) {
        IntegrationEvent event = recorded.event();
        AuditSubject after;
        AuditEntryType type;
        if (event instanceof IntegrationAdded added) {
            type = AuditEntryType.ADDED;
            after = AuditSubject.of(
                    added.name().value(),
                    added.baseApiUrl().value(),
                    added.requestParameters().value(),
                    added.active() ? IntegrationStatus.ACTIVE : IntegrationStatus.INACTIVE,
                    added.authentication());
        } else if (event instanceof IntegrationEdited edited) {
            type = AuditEntryType.EDITED;
            after = AuditSubject.of(
                    edited.name().value(),
                    edited.baseApiUrl().value(),
                    edited.requestParameters().value(),
                    statusOf(before),
                    edited.authentication());
        } else if (event instanceof IntegrationActivated) {
            type = AuditEntryType.ACTIVATED;
            after = Objects.requireNonNull(before, "an activation follows an addition")
                    .withStatus(IntegrationStatus.ACTIVE);
        } else if (event instanceof IntegrationDeactivated) {
            type = AuditEntryType.DEACTIVATED;
            after = Objects.requireNonNull(before, "a deactivation follows an addition")
                    .withStatus(IntegrationStatus.INACTIVE);
        } else {
            throw new IllegalStateException("unknown event " + event.getClass().getName());
        }
        AuditEntry entry = new AuditEntry(
                recorded.eventId(),
                event.integrationId().value(),
                after.name(),
                event.companyId().value(),
                type,
                recorded.actor(),
                event.occurredAt(),
                recorded.requestId(),
                recorded.source(),
                recorded.sequence(),
                changes(before, after));
        return new Step(entry, after);
    }

    static List<FieldChange> changes(AuditSubject before, AuditSubject after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "name", before == null ? null : before.name(), after.name());
        compare(changes, "baseApiUrl", before == null ? null : before.baseApiUrl(), after.baseApiUrl());
        compare(
                changes,
                "requestParameters",
                before == null ? null : before.requestParameters(),
                after.requestParameters());
        compare(
                changes,
                "status",
                before == null ? null : String.valueOf(before.status()),
                String.valueOf(after.status()));
        compare(
                changes,
                "authentication.type",
                before == null ? null : before.authenticationType(),
                after.authenticationType());
        compare(
                changes,
                "authentication.authenticationUrl",
                before == null ? null : before.authenticationUrl(),
                after.authenticationUrl());
        compare(
                changes,
                "authentication.tokenEndpointUrl",
                before == null ? null : before.tokenEndpointUrl(),
                after.tokenEndpointUrl());
        compare(changes, "authentication.clientId", before == null ? null : before.clientId(), after.clientId());
        compare(
                changes,
                "authentication.redirectUri",
                before == null ? null : before.redirectUri(),
                after.redirectUri());
        compare(changes, "authentication.scopes", before == null ? null : before.scopes(), after.scopes());
        secret(
                changes,
                "authentication.clientSecret",
                before == null ? null : before.clientSecretSeal(),
                after.clientSecretSeal());
        secret(changes, "authentication.apiKey", before == null ? null : before.apiKeySeal(), after.apiKeySeal());
        return changes;
    }

    private static IntegrationStatus statusOf(AuditSubject before) {
        return before == null ? IntegrationStatus.ACTIVE : before.status();
    }

    private static void compare(List<FieldChange> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(FieldChange.of(field, before, after));
        }
    }

    private static void secret(List<FieldChange> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(FieldChange.secretChanged(field));
        }
    }
}
