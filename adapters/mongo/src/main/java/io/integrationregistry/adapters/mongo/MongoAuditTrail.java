package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.UpdateOptions;
import io.integrationregistry.application.audit.AuditEntries;
import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.out.ForKeepingTheAuditTrail;
import io.integrationregistry.application.audit.port.out.ForQueryingTheAuditTrail;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static io.integrationregistry.adapters.mongo.AuditDocuments.ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.VERSION;

/**
 * The audit trail: one entry per event (keyed by the event's id), and per integration the subject the
 * next event is compared with. Without transactions, the entry is written first (insert-only) and the
 * subject advanced after it under a version guard: a redelivered event finds the subject advanced and
 * does nothing; a crash between the two writes is repaired by the next delivery, which computes the
 * very same entry again. A batch of events is written the same way, in two bulk writes (see {@link AuditBatch}).
 * <p>
 * A rebuild fills {@code audit_trail_rebuild} and {@code audit_subjects_rebuild} from its own feed while the
 * served trail keeps answering and receiving new events from the served feed. Finishing copies
 * the rebuilt subjects (unless the served one is newer) and entries over the served ones in place (see
 * {@link RebuiltCopy}); entries no event derives, such as connection tests, are not in the rebuilt trail
 * and stay as they are.
 */
public class MongoAuditTrail implements ForKeepingTheAuditTrail, ForQueryingTheAuditTrail {

    static final String ENTRIES = "audit_trail";
    static final String SUBJECTS = "audit_subjects";
    static final String REBUILD_ENTRIES = "audit_trail_rebuild";
    static final String REBUILD_SUBJECTS = "audit_subjects_rebuild";
    private static final int EXPORT_BATCH = 500;

    private final MongoTemplate mongo;
    private final RebuildState rebuild;

    public MongoAuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
        this.rebuild = new RebuildState(mongo, ENTRIES);
    }

    public void ensureIndexes() {
        AuditTrailQueries.ensureIndexes(mongo.getCollection(ENTRIES));
    }

    @Override
    public void apply(RecordedEvent recorded) {
        applyTo(ENTRIES, SUBJECTS, recorded);
    }

    @Override
    public void applyAll(List<RecordedEvent> events) {
        AuditBatch.write(mongo.getCollection(ENTRIES), mongo.getCollection(SUBJECTS), events);
    }

    @Override
    public void applyAllToRebuild(List<RecordedEvent> events) {
        AuditBatch.write(mongo.getCollection(REBUILD_ENTRIES), mongo.getCollection(REBUILD_SUBJECTS), events);
    }

    @Override
    public Map<IntegrationId, Long> appliedVersions(Collection<IntegrationId> ids) {
        Map<IntegrationId, Long> versions = new HashMap<>();
        List<String> values = ids.stream().map(IntegrationId::value).toList();
        for (Document stored :
                mongo.getCollection(SUBJECTS).find(Filters.in(ID, values)).projection(new Document(VERSION, 1))) {
            if (stored.get(VERSION) instanceof Number version) {
                versions.put(new IntegrationId(stored.getString(ID)), version.longValue());
            }
        }
        return versions;
    }

    /** The version of the integration's subject: the last event its entries were computed from. */
    @Override
    public OptionalLong appliedVersion(IntegrationId id) {
        Document stored = mongo.getCollection(SUBJECTS)
                .find(Filters.eq(ID, id.value()))
                .projection(new Document(VERSION, 1))
                .first();
        return stored == null || stored.get(VERSION) == null
                ? OptionalLong.empty()
                : OptionalLong.of(((Number) stored.get(VERSION)).longValue());
    }

    @Override
    public void applyToRebuild(RecordedEvent recorded) {
        applyTo(REBUILD_ENTRIES, REBUILD_SUBJECTS, recorded);
    }

    @Override
    public boolean requestRebuild() {
        return rebuild.requested();
    }

    @Override
    public boolean preparing() {
        return rebuild.preparing();
    }

    @Override
    public void replayStarted(String upTo) {
        if (!rebuild.maySetUp()) {
            return;
        }
        RebuiltCopy.drop(mongo, REBUILD_ENTRIES);
        RebuiltCopy.drop(mongo, REBUILD_SUBJECTS);
        rebuild.replaying(upTo);
    }

    @Override
    public Optional<String> replayingUpTo() {
        return rebuild.replayingUpTo();
    }

    @Override
    public boolean caughtUp(int segment, int segments) {
        if (!rebuild.caughtUpAndMayFinish(segment, segments)) {
            return false;
        }
        // Subjects first: an event applied to the served trail meanwhile is then compared with the rebuilt subject.
        RebuiltCopy.overServed(mongo, REBUILD_SUBJECTS, SUBJECTS, VERSION);
        RebuiltCopy.overServed(mongo, REBUILD_ENTRIES, ENTRIES, null);
        rebuild.serving();
        RebuiltCopy.drop(mongo, REBUILD_ENTRIES);
        RebuiltCopy.drop(mongo, REBUILD_SUBJECTS);
        return true;
    }

    @Override
    public boolean rebuilding() {
        return rebuild.underWay();
    }

    private void applyTo(String entries, String subjects, RecordedEvent recorded) {
        String integrationId = recorded.event().integrationId().value();
        Document stored = mongo.getCollection(subjects)
                .find(Filters.eq(ID, integrationId))
                .first();
        if (stored != null && ((Number) stored.get(VERSION)).longValue() >= recorded.sequence()) {
            return;
        }
        AuditSubject before = stored == null ? null : AuditDocuments.subject(stored);
        AuditEntries.Step step = AuditEntries.next(before, recorded);
        Document entry = AuditDocuments.entry(step.entry());
        entry.remove(ID);
        mongo.getCollection(entries)
                .updateOne(
                        Filters.eq(ID, recorded.eventId()),
                        new Document("$setOnInsert", entry),
                        new UpdateOptions().upsert(true));
        Bson notYetAdvanced = Filters.and(Filters.eq(ID, integrationId), Filters.lt(VERSION, recorded.sequence()));
        Document subject = AuditDocuments.subject(step.after(), recorded.sequence());
        if (stored == null) {
            insertFirstSubject(subjects, integrationId, subject);
        } else {
            mongo.getCollection(subjects).updateOne(notYetAdvanced, new Document("$set", subject));
        }
    }

    @Override
    public AuditPage page(CompanyId company, AuditQuery query, Optional<String> cursor, int size) {
        Bson filter = AuditTrailQueries.filter(company, query);
        if (cursor.isPresent()) {
            filter = Filters.and(filter, AuditTrailQueries.after(query, cursor.get()));
        }
        List<AuditEntry> items = new ArrayList<>();
        for (Document document : mongo.getCollection(ENTRIES)
                .find(filter)
                .sort(AuditTrailQueries.sort(query))
                .limit(size + 1)) {
            items.add(AuditDocuments.entry(document));
        }
        Optional<String> next = Optional.empty();
        if (items.size() > size) {
            items = items.subList(0, size);
            AuditEntry last = items.get(size - 1);
            next = Optional.of(AuditTrailQueries.cursor(Date.from(last.at()), last.eventId()));
        }
        return new AuditPage(items, next);
    }

    @Override
    public void export(CompanyId company, AuditQuery query, Consumer<AuditEntry> sink) {
        try (MongoCursor<Document> entries = mongo.getCollection(ENTRIES)
                .find(AuditTrailQueries.filter(company, query))
                .sort(AuditTrailQueries.sort(query))
                .batchSize(EXPORT_BATCH)
                .iterator()) {
            while (entries.hasNext()) {
                sink.accept(AuditDocuments.entry(entries.next()));
            }
        }
    }

    private void insertFirstSubject(String subjects, String integrationId, Document subject) {
        // Upsert under the version guard: a concurrent first delivery that already advanced it wins.
        try {
            mongo.getCollection(subjects)
                    .findOneAndUpdate(
                            Filters.and(Filters.eq(ID, integrationId), Filters.lt(VERSION, subject.get(VERSION))),
                            new Document("$set", subject),
                            new FindOneAndUpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException alreadyAdvanced) {
            if (alreadyAdvanced.getError().getCode() != 11000) {
                throw alreadyAdvanced;
            }
        } catch (com.mongodb.MongoCommandException alreadyAdvanced) {
            if (alreadyAdvanced.getErrorCode() != 11000) {
                throw alreadyAdvanced;
            }
        }
    }
}
