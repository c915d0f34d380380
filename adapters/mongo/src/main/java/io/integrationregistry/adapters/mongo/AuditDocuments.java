package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.FieldChange;
import io.integrationregistry.domain.IntegrationStatus;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The stored shapes of audit entries and of the subjects they are compared with. */
final class AuditDocuments {

    static final String ID = "_id";
    static final String INTEGRATION_ID = "integrationId";
    static final String COMPANY = "company";
    static final String TYPE = "type";
    static final String ACTOR = "actor";
    static final String AT = "at";
    static final String VERSION = "version";
    static final String REQUEST_ID = "requestId";
    static final String SOURCE = "source";

    private AuditDocuments() {}

    static Document entry(AuditEntry entry) {
        List<Document> changes = new ArrayList<>();
        for (FieldChange change : entry.changes()) {
            Document shown = new Document("field", change.field());
            if (change.secret()) {
                shown.append("changed", true);
            } else {
                shown.append("before", change.before()).append("after", change.after());
            }
            changes.add(shown);
        }
        Document document = new Document(ID, entry.eventId())
                .append(INTEGRATION_ID, entry.integrationId())
                .append("integrationName", entry.integrationName())
                .append(COMPANY, entry.company())
                .append(TYPE, entry.type().name())
                .append(ACTOR, entry.actor())
                .append(AT, Date.from(entry.at()))
                .append(REQUEST_ID, entry.requestId())
                .append(SOURCE, entry.source())
                .append(VERSION, entry.version())
                .append("changes", changes);
        if (entry.test() != null) {
            document.append(
                    "test",
                    new Document("origins", entry.test().origins())
                            .append("outcome", entry.test().outcome())
                            .append("summary", entry.test().summary()));
        }
        return document;
    }

    static AuditEntry entry(Document stored) {
        List<FieldChange> changes = new ArrayList<>();
        for (Document change : stored.getList("changes", Document.class, List.of())) {
            changes.add(
                    change.getBoolean("changed", false)
                            ? FieldChange.secretChanged(change.getString("field"))
                            : FieldChange.of(
                                    change.getString("field"), change.getString("before"), change.getString("after")));
        }
        return new AuditEntry(
                stored.getString(ID),
                stored.getString(INTEGRATION_ID),
                stored.getString("integrationName"),
                stored.getString(COMPANY),
                AuditEntryType.valueOf(stored.getString(TYPE)),
                stored.getString(ACTOR),
                stored.getDate(AT).toInstant(),
                stored.getString(REQUEST_ID),
                stored.getString(SOURCE),
                ((Number) stored.get(VERSION)).longValue(),
                changes,
                test(stored.get("test", Document.class)));
    }

    private static AuditEntry.TestedConnection test(Document stored) {
        return stored == null
                ? null
                : new AuditEntry.TestedConnection(
                        stored.getList("origins", String.class, List.of()),
                        stored.getString("outcome"),
                        stored.getString("summary"));
    }

    static Document subject(AuditSubject subject, long version) {
        return new Document(VERSION, version)
                .append("name", subject.name())
                .append("baseApiUrl", subject.baseApiUrl())
                .append("requestParameters", subject.requestParameters())
                .append("status", subject.status().name())
                .append("authenticationType", subject.authenticationType())
                .append("authenticationUrl", subject.authenticationUrl())
                .append("tokenEndpointUrl", subject.tokenEndpointUrl())
                .append("clientId", subject.clientId())
                .append("redirectUri", subject.redirectUri())
                .append("scopes", subject.scopes())
                .append("clientSecretSeal", subject.clientSecretSeal())
                .append("apiKeySeal", subject.apiKeySeal());
    }

    static AuditSubject subject(Document stored) {
        return new AuditSubject(
                stored.getString("name"),
                stored.getString("baseApiUrl"),
                stored.getString("requestParameters"),
                IntegrationStatus.valueOf(stored.getString("status")),
                stored.getString("authenticationType"),
                stored.getString("authenticationUrl"),
                stored.getString("tokenEndpointUrl"),
                stored.getString("clientId"),
                stored.getString("redirectUri"),
                stored.getString("scopes"),
                stored.getString("clientSecretSeal"),
                stored.getString("apiKeySeal"));
    }
}
