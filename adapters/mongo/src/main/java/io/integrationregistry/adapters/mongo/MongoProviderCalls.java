package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.application.documents.port.out.ForQueryingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.AT;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.COMPANY;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.COUNT;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.ID;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.INTEGRATION;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.LAST_CALL;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.OUTCOME;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.RECENT;

/**
 * The provider-call log in MongoDB: the entries in {@code provider_calls}, newest first per integration
 * through the index {@code {integration: 1, at: -1, _id: -1}}, and one summary per integration in
 * {@code provider_call_summaries}. Entries expire after the retention by a TTL index on {@code at}; as a
 * server may not honour TTL (the embedded one does not), reads also leave older entries out and
 * {@link #deleteExpired()} removes them. Each integration keeps at most its maximum of entries: once its
 * summary counted a tenth more, the oldest beyond the maximum are deleted in one go.
 */
public class MongoProviderCalls implements ForQueryingProviderCalls {

    static final String ENTRIES = "provider_calls";
    static final String SUMMARIES = "provider_call_summaries";
    static final String TTL_INDEX = "at_ttl";
    /** The last calls a summary keeps. */
    static final int RECENT_CALLS = 20;

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending(AT), Sorts.descending(ID));

    private final MongoTemplate mongo;
    private final ProviderCallLogSettings settings;
    private final Clock clock;

    public MongoProviderCalls(MongoTemplate mongo, ProviderCallLogSettings settings, Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
    }

    public void ensureIndexes() {
        MongoCollection<Document> entries = entries();
        entries.createIndex(
                Indexes.compoundIndex(Indexes.ascending(INTEGRATION), Indexes.descending(AT), Indexes.descending(ID)),
                new IndexOptions().name("integration_newest"));
        long expireAfter = settings.retention().toSeconds();
        Document existing = null;
        for (Document index : entries.listIndexes()) {
            if (TTL_INDEX.equals(index.getString("name"))) {
                existing = index;
            }
        }
        if (existing != null
                && existing.get("expireAfterSeconds") instanceof Number stored
                && stored.longValue() == expireAfter) {
            return;
        }
        if (existing != null) {
            // Another retention than the index's: change it in place where the server can, else build it anew.
            try {
                mongo.getDb()
                        .runCommand(new Document("collMod", ENTRIES)
                                .append(
                                        "index",
                                        new Document("name", TTL_INDEX).append("expireAfterSeconds", expireAfter)));
                return;
            } catch (MongoCommandException unsupported) {
                entries.dropIndex(TTL_INDEX);
            }
        }
        entries.createIndex(
                Indexes.ascending(AT), new IndexOptions().name(TTL_INDEX).expireAfter(expireAfter, TimeUnit.SECONDS));
    }

    /** Stores the calls, in the order they ended, and updates their integrations' summaries: two bulk writes. */
    void write(List<ProviderCallRecord> calls) {
        entries().insertMany(calls.stream().map(ProviderCallDocuments::entry).toList());
        Map<String, List<ProviderCallRecord>> byIntegration = new LinkedHashMap<>();
        for (ProviderCallRecord call : calls) {
            byIntegration
                    .computeIfAbsent(call.integration().value(), id -> new ArrayList<>())
                    .add(call);
        }
        List<WriteModel<Document>> updates = new ArrayList<>();
        byIntegration.forEach((integration, ended) -> {
            ProviderCallRecord last = ended.get(ended.size() - 1);
            List<Document> recent = ended.stream()
                    .skip(Math.max(0, ended.size() - RECENT_CALLS))
                    .map(ProviderCallDocuments::recent)
                    .toList();
            updates.add(new UpdateOneModel<>(
                    Filters.eq(ID, integration),
                    new Document(
                                    "$set",
                                    new Document(COMPANY, last.company().value())
                                            .append(LAST_CALL, ProviderCallDocuments.lastCall(last)))
                            .append(
                                    "$push",
                                    new Document(RECENT, new Document("$each", recent).append("$slice", -RECENT_CALLS)))
                            .append("$inc", new Document(COUNT, (long) ended.size())),
                    new UpdateOptions().upsert(true)));
        });
        summaries().bulkWrite(updates);
    }

    /**
     * Trims those of the integrations whose summary counts more entries than the maximum and its slack:
     * one read of their summaries, then per integration one read of the oldest entry to keep and one delete.
     */
    void trim(Collection<String> integrations) {
        if (integrations.isEmpty()) {
            return;
        }
        int max = settings.maxPerIntegration();
        for (Document summary : summaries()
                .find(Filters.and(Filters.in(ID, integrations), Filters.gt(COUNT, (long) max + settings.trimSlack())))
                .projection(new Document(ID, 1))) {
            String integration = summary.getString(ID);
            Document oldestKept = entries()
                    .find(Filters.eq(INTEGRATION, integration))
                    .sort(NEWEST_FIRST)
                    .skip(max - 1)
                    .limit(1)
                    .projection(new Document(AT, 1))
                    .first();
            long left;
            if (oldestKept != null) {
                entries()
                        .deleteMany(Filters.and(
                                Filters.eq(INTEGRATION, integration),
                                ProviderCallCursor.after(oldestKept).before()));
                left = max;
            } else {
                // Fewer than the maximum are left (others expired): count them, so that trimming waits again.
                left = entries().countDocuments(Filters.eq(INTEGRATION, integration));
            }
            summaries().updateOne(Filters.eq(ID, integration), new Document("$set", new Document(COUNT, left)));
        }
    }

    /** Deletes every entry older than the retention, in one delete; answers how many. */
    long deleteExpired() {
        return entries().deleteMany(Filters.lt(AT, oldestKept())).getDeletedCount();
    }

    @Override
    public ProviderCallPage page(
            IntegrationId integration, Optional<ProviderCallOutcome> outcome, Optional<String> cursor, int size) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(INTEGRATION, integration.value()));
        filters.add(Filters.gte(AT, oldestKept()));
        outcome.ifPresent(wanted -> filters.add(Filters.eq(OUTCOME, wanted.label())));
        cursor.map(ProviderCallCursor::decode).ifPresent(after -> filters.add(after.before()));
        List<Document> found = new ArrayList<>();
        entries().find(Filters.and(filters)).sort(NEWEST_FIRST).limit(size + 1).into(found);
        Optional<String> next = Optional.empty();
        if (found.size() > size) {
            found = found.subList(0, size);
            next = Optional.of(ProviderCallCursor.after(found.get(size - 1)).encode());
        }
        return new ProviderCallPage(
                found.stream().map(ProviderCallDocuments::record).toList(), next);
    }

    @Override
    public Map<IntegrationId, ProviderCallSummary> summaries(Collection<IntegrationId> integrations) {
        Map<IntegrationId, ProviderCallSummary> found = new HashMap<>();
        if (integrations.isEmpty()) {
            return found;
        }
        List<String> ids =
                integrations.stream().map(IntegrationId::value).distinct().toList();
        for (Document stored : summaries().find(Filters.in(ID, ids))) {
            if (stored.get(LAST_CALL) instanceof Document) {
                found.put(new IntegrationId(stored.getString(ID)), ProviderCallDocuments.summary(stored));
            }
        }
        return found;
    }

    private Date oldestKept() {
        return Date.from(clock.instant().minus(settings.retention()));
    }

    private MongoCollection<Document> entries() {
        return mongo.getCollection(ENTRIES);
    }

    private MongoCollection<Document> summaries() {
        return mongo.getCollection(SUMMARIES);
    }
}
