package io.integrationregistry.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.ForKeepingTheIntegrationList;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import static io.integrationregistry.adapters.mongo.ListEntry.BASE_API_URL;
import static io.integrationregistry.adapters.mongo.ListEntry.COMPANY_ID;
import static io.integrationregistry.adapters.mongo.ListEntry.ID;
import static io.integrationregistry.adapters.mongo.ListEntry.NAME_KEY;
import static io.integrationregistry.adapters.mongo.ListEntry.STATUS;
import static io.integrationregistry.adapters.mongo.ListEntry.VERSION;

/**
 * The integration list read model: one document per integration, holding no secret but whether each
 * is set. Every write is one conditional single-document write, so that applying an event twice or
 * out of date changes nothing, without transactions. A batch of events is one bulk write, one conditional
 * write per integration (see {@link ListBatch}).
 * <p>
 * A rebuild fills {@code integration_list_rebuild} from its own feed while {@code integration_list} keeps
 * answering reads and receiving new events from the served feed. Finishing copies every rebuilt entry over
 * the served one unless the served one is newer (see {@link RebuiltCopy}): no entry ever disappears from the
 * served list on the way, and an event the rebuild feed had not reached yet is already in the served one.
 */
public class MongoIntegrationList implements ForListingIntegrations, ForKeepingTheIntegrationList {

    static final String COLLECTION = "integration_list";
    static final String REBUILD = "integration_list_rebuild";

    /**
     * How long a waiter trusts this instance's signal alone before it looks at the store again (another
     * instance may have applied the event), doubling up to the last.
     */
    private static final long FIRST_RECHECK_NANOS = Duration.ofMillis(25).toNanos();

    private static final long LAST_RECHECK_NANOS = Duration.ofMillis(200).toNanos();

    private final MongoTemplate mongo;
    private final AppliedEvents applied = new AppliedEvents();
    private final RebuildState rebuild;
    private final long firstWaitNanos;

    public MongoIntegrationList(MongoTemplate mongo) {
        this(mongo, Duration.ofNanos(FIRST_RECHECK_NANOS));
    }

    /**
     * With {@code firstWait}: how long a waiter waits for this instance to apply the event before it first
     * asks the store.
     */
    MongoIntegrationList(MongoTemplate mongo, Duration firstWait) {
        this.mongo = mongo;
        this.rebuild = new RebuildState(mongo, COLLECTION);
        this.firstWaitNanos = firstWait.toNanos();
    }

    /** Creates the indexes the queries need, unless they exist; safe to call at every start (see {@link ListIndexes}). */
    public void ensureIndexes() {
        ListIndexes.ensure(mongo.indexOps(COLLECTION));
    }

    /** Rewrites the stored name keys to their current form; safe to call at every start. */
    public int migrateNameKeys() {
        return NameKeyMigration.entries(mongo, COLLECTION, ListEntry.NAME, NAME_KEY)
                + NameKeyMigration.entries(mongo, REBUILD, ListEntry.NAME, NAME_KEY);
    }

    @Override
    public void apply(RecordedEvent recorded) {
        applyTo(COLLECTION, recorded);
        applied.applied(recorded.event().integrationId().value(), recorded.sequence());
    }

    @Override
    public void applyAll(List<RecordedEvent> events) {
        ListBatch.Writes writes = ListBatch.of(events);
        BulkWrites.unordered(mongo.getCollection(COLLECTION), writes.models());
        writes.versions().forEach(applied::applied);
    }

    @Override
    public void applyAllToRebuild(List<RecordedEvent> events) {
        BulkWrites.unordered(mongo.getCollection(REBUILD), ListBatch.of(events).models());
    }

    @Override
    public Map<IntegrationId, Long> appliedVersions(Collection<IntegrationId> ids) {
        Map<IntegrationId, Long> versions = new HashMap<>();
        List<String> values = ids.stream().map(IntegrationId::value).toList();
        for (Document found :
                mongo.getCollection(COLLECTION).find(Filters.in(ID, values)).projection(Projections.include(VERSION))) {
            if (found.get(VERSION) instanceof Number version) {
                versions.put(new IntegrationId(found.getString(ID)), version.longValue());
            }
        }
        return versions;
    }

    @Override
    public OptionalLong appliedVersion(IntegrationId id) {
        Query entry = byId(id);
        entry.fields().include(VERSION);
        Document found = mongo.findOne(entry, Document.class, COLLECTION);
        return found == null || found.get(VERSION) == null
                ? OptionalLong.empty()
                : OptionalLong.of(((Number) found.get(VERSION)).longValue());
    }

    @Override
    public void catchUp(IntegrationId id, List<RecordedEvent> history) {
        long applied = appliedVersion(id).orElse(-1);
        for (RecordedEvent event : history) {
            if (event.sequence() > applied) {
                apply(new RecordedEvent(
                        event.eventId(),
                        event.sequence(),
                        event.actor(),
                        event.requestId(),
                        event.source(),
                        event.event()));
            }
        }
    }

    @Override
    public void applyToRebuild(RecordedEvent recorded) {
        applyTo(REBUILD, recorded);
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
        RebuiltCopy.drop(mongo, REBUILD);
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
        RebuiltCopy.overServed(mongo, REBUILD, COLLECTION, VERSION);
        rebuild.serving();
        RebuiltCopy.drop(mongo, REBUILD);
        return true;
    }

    @Override
    public boolean rebuilding() {
        return rebuild.underWay();
    }

    private void applyTo(String collection, RecordedEvent recorded) {
        if (recorded.event() instanceof IntegrationAdded added) {
            insertOnce(collection, byId(added.integrationId()), ListEntry.insertedBy(recorded, added));
            return;
        }
        Query notYetApplied = byId(recorded.event().integrationId())
                .addCriteria(Criteria.where(VERSION).lt(recorded.sequence()));
        mongo.updateFirst(notYetApplied, ListEntry.changedBy(recorded), collection);
    }

    @Override
    public IntegrationPage page(CompanyId company, IntegrationQuery query) {
        Criteria filter = Criteria.where(COMPANY_ID).is(company.value());
        query.status().ifPresent(status -> filter.and(STATUS).is(status.name()));
        if (query.nameContains().filter(part -> part.indexOf('\u0000') >= 0).isPresent()) {
            // No name holds a control character, and MongoDB cannot carry a NUL in a pattern: nothing matches.
            return new IntegrationPage(List.of(), query.page(), query.size(), 0);
        }
        // The search text is a part of the (folded) name or of the base API URL, in any case.
        query.nameContains()
                .ifPresent(part -> filter.orOperator(
                        Criteria.where(NAME_KEY).regex(Pattern.quote(IntegrationName.fold(part))),
                        Criteria.where(BASE_API_URL).regex(Pattern.quote(part), "i")));
        long total = mongo.count(Query.query(filter), COLLECTION);
        Query onePage = Query.query(filter)
                .with(ListOrder.of(query))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        List<IntegrationView> items = mongo.find(onePage, Document.class, COLLECTION).stream()
                .map(ListEntry::view)
                .toList();
        return new IntegrationPage(items, query.page(), query.size(), total);
    }

    @Override
    public Optional<IntegrationView> find(CompanyId company, IntegrationId id) {
        Query ofThisCompany = byId(id).addCriteria(Criteria.where(COMPANY_ID).is(company.value()));
        return Optional.ofNullable(mongo.findOne(ofThisCompany, Document.class, COLLECTION))
                .map(ListEntry::view);
    }

    @Override
    public boolean awaitVersion(IntegrationId id, long version, Duration timeout) {
        Query caughtUp = byId(id).addCriteria(Criteria.where(VERSION).gte(version));
        caughtUp.fields().include(ID);
        long deadline = System.nanoTime() + timeout.toNanos();
        long recheck = FIRST_RECHECK_NANOS;
        applied.watch(id.value());
        try {
            // Applied here within the first wait (the usual case): the store is not asked at all.
            if (applied.awaitVersion(id.value(), version, Math.min(timeout.toNanos(), firstWaitNanos))) {
                return true;
            }
            while (true) {
                if (mongo.findOne(caughtUp, Document.class, COLLECTION) != null) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Applied here: no need to ask the store. Applied by another instance: the next look finds it.
                if (applied.awaitVersion(id.value(), version, Math.min(left, recheck))) {
                    return true;
                }
                recheck = Math.min(recheck * 2, LAST_RECHECK_NANOS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            applied.unwatch(id.value());
        }
    }

    private void insertOnce(String collection, Query byId, Update insertOnly) {
        try {
            mongo.upsert(byId, insertOnly, collection);
        } catch (DuplicateKeyException concurrentlyInserted) {
            // Two deliveries of the same addition raced to insert; the other one won, which is all we wanted.
        }
    }

    private static Query byId(IntegrationId id) {
        return Query.query(Criteria.where(ID).is(id.value()));
    }
}
