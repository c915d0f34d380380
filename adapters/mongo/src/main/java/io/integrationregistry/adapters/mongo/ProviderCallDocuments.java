package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The provider-call log's documents. An entry holds what the call record holds and nothing more: the
 * endpoint's name, never a URL, a query, a header, a credential or a document's content or title.
 * A summary, keyed by the integration's id, holds its last call and its last calls' start and failure.
 */
final class ProviderCallDocuments {

    static final String ID = "_id";
    static final String INTEGRATION = "integration";
    static final String COMPANY = "company";
    static final String AT = "at";
    static final String USER = "user";
    static final String ENDPOINT = "endpoint";
    static final String PROVIDER_STATUS = "providerStatus";
    static final String OUTCOME = "outcome";
    static final String DURATION = "durationMillis";
    static final String BYTES = "bytes";
    static final String REQUEST_ID = "requestId";
    static final String PROVIDER_MESSAGE = "providerMessage";

    static final String COUNT = "count";
    static final String LAST_CALL = "lastCall";
    static final String STATUS = "status";
    static final String RECENT = "recent";
    static final String FAILED = "failed";

    private ProviderCallDocuments() {}

    static Document entry(ProviderCallRecord call) {
        Document entry = new Document(ID, new ObjectId())
                .append(INTEGRATION, call.integration().value())
                .append(COMPANY, call.company().value())
                .append(AT, Date.from(call.at()))
                .append(USER, call.user())
                .append(ENDPOINT, call.endpoint())
                .append(PROVIDER_STATUS, call.providerStatus())
                .append(OUTCOME, call.outcome().label())
                .append(DURATION, call.durationMillis())
                .append(BYTES, call.bytes())
                .append(REQUEST_ID, call.requestId());
        if (call.providerMessage() != null) {
            entry.append(PROVIDER_MESSAGE, call.providerMessage());
        }
        return entry;
    }

    static ProviderCallRecord record(Document entry) {
        ProviderCallOutcome outcome = ProviderCallOutcome.ofLabel(entry.getString(OUTCOME));
        return new ProviderCallRecord(
                new IntegrationId(entry.getString(INTEGRATION)),
                new CompanyId(entry.getString(COMPANY)),
                entry.getDate(AT).toInstant(),
                entry.getString(USER),
                entry.getString(ENDPOINT),
                number(entry, PROVIDER_STATUS, 0).intValue(),
                outcome == null ? ProviderCallOutcome.ABORTED : outcome,
                number(entry, DURATION, 0).longValue(),
                number(entry, BYTES, -1).longValue(),
                entry.getString(REQUEST_ID),
                entry.getString(PROVIDER_MESSAGE));
    }

    static Document lastCall(ProviderCallRecord call) {
        return new Document(AT, Date.from(call.at()))
                .append(OUTCOME, call.outcome().label())
                .append(STATUS, call.providerStatus());
    }

    static Document recent(ProviderCallRecord call) {
        return new Document(AT, Date.from(call.at()))
                .append(FAILED, call.outcome().failed());
    }

    static ProviderCallSummary summary(Document stored) {
        Document last = stored.get(LAST_CALL, Document.class);
        ProviderCallOutcome outcome = ProviderCallOutcome.ofLabel(last.getString(OUTCOME));
        List<ProviderCallSummary.RecentCall> recent = new ArrayList<>();
        for (Object item : stored.getList(RECENT, Object.class, List.of())) {
            if (item instanceof Document call && call.getDate(AT) != null) {
                recent.add(new ProviderCallSummary.RecentCall(
                        call.getDate(AT).toInstant(), Boolean.TRUE.equals(call.getBoolean(FAILED))));
            }
        }
        return new ProviderCallSummary(
                new CompanyId(stored.getString(COMPANY)),
                new ProviderCallSummary.LastCall(
                        last.getDate(AT).toInstant(),
                        outcome == null ? ProviderCallOutcome.ABORTED : outcome,
                        number(last, STATUS, 0).intValue()),
                recent);
    }

    private static Number number(Document document, String field, long absent) {
        return document.get(field) instanceof Number number ? number : absent;
    }
}
