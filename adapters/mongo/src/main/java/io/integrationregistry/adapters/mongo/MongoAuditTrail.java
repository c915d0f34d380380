package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
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
import io.integrationregistry.domain.InvalidValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static io.integrationregistry.adapters.mongo.AuditDocuments.ACTOR;
import static io.integrationregistry.adapters.mongo.AuditDocuments.AT;
import static io.integrationregistry.adapters.mongo.AuditDocuments.COMPANY;
import static io.integrationregistry.adapters.mongo.AuditDocuments.ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.INTEGRATION_ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.TYPE;
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
        var entries = mongo.getCollection(ENTRIES);
        entries.createIndex(
                Indexes.compoundIndex(Indexes.ascending(COMPANY), Indexes.descending(AT), Indexes.descending(ID)),
                new IndexOptions().name("company_newest"));
        for (String field : List.of(INTEGRATION_ID, ACTOR, TYPE)) {
            entries.createIndex(
                    Indexes.compoundIndex(
                            Indexes.ascending(COMPANY),
                            Indexes.ascending(field),
                            Indexes.descending(AT),
                            Indexes.descending(ID)),
                    new IndexOptions().name("company_" + field + "_newest"));
        }
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
        Bson filter = filter(company, query);
        if (cursor.isPresent()) {
            Position after = Position.decode(cursor.get());
            filter = Filters.and(
                    filter,
                    Filters.or(
                            Filters.lt(AT, after.at()),
                            Filters.and(Filters.eq(AT, after.at()), Filters.lt(ID, after.eventId()))));
        }
        List<AuditEntry> items = new ArrayList<>();
        for (Document document :
                mongo.getCollection(ENTRIES).find(filter).sort(NEWEST_FIRST).limit(size + 1)) {
            items.add(AuditDocuments.entry(document));
        }
        Optional<String> next = Optional.empty();
        if (items.size() > size) {
            items = items.subList(0, size);
            AuditEntry last = items.get(size - 1);
            next = Optional.of(new Position(Date.from(last.at()), last.eventId()).encode());
        }
        return new AuditPage(items, next);
    }

    @Override
    public void export(CompanyId company, AuditQuery query, Consumer<AuditEntry> sink) {
        try (MongoCursor<Document> entries = mongo.getCollection(ENTRIES)
                .find(filter(company, query))
                .sort(NEWEST_FIRST)
                .batchSize(EXPORT_BATCH)
                .iterator()) {
            while (entries.hasNext()) {
                sink.accept(AuditDocuments.entry(entries.next()));
            }
        }
    }

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending(AT), Sorts.descending(ID));

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

    private static Bson filter(CompanyId company, AuditQuery query) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(COMPANY, company.value()));
        query.integrationId().ifPresent(id -> filters.add(Filters.eq(INTEGRATION_ID, id)));
        query.actor().ifPresent(actor -> filters.add(Filters.eq(ACTOR, actor)));
        query.type().ifPresent(type -> filters.add(Filters.eq(TYPE, type.name())));
        query.from().ifPresent(from -> filters.add(Filters.gte(AT, Date.from(from))));
        query.to().ifPresent(to -> filters.add(Filters.lt(AT, Date.from(to))));
        return Filters.and(filters);
    }

    /** Where a page ended: the last entry's time and event id, as an opaque URL-safe cursor. */
    private record Position(Date at, String eventId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((at.getTime() + ":" + eventId).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int separator = decoded.indexOf(':');
                if (separator <= 0 || separator == decoded.length() - 1) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Position(
                        new Date(Long.parseLong(decoded.substring(0, separator))), decoded.substring(separator + 1));
            } catch (IllegalArgumentException notACursor) {
                throw new InvalidValue("cursor", "is not a cursor of this trail");
            }
        }
    }
}
