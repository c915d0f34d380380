package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.List;

/**
 * The notices of stored events, shared by the instances: one document, read by {@code _id} only, holding a
 * counter of the notices given and the last {@value #KEPT} of them (the integration id and the instance that
 * stored its event). Its cost neither grows with the event store nor depends on an index: a reader asks for
 * the counter, and only when it moved for the notices it has not seen.
 */
final class IntegrationChangeNotices {

    /** Notices kept; a reader more than this many behind forgets everything instead. */
    static final int KEPT = 512;

    static final String COLLECTION = "integration_changes";

    private static final int MARGIN = 64;

    private static final String ID = "notices";
    private static final String COUNT = "count";
    private static final String RECENT = "recent";
    private static final String INTEGRATION = "i";
    private static final String INSTANCE = "n";

    /** A notice: the integration whose event was stored, and by which instance. */
    record Notice(String integration, String instance) {}

    /** What a reader sees: the counter, and the notices past the one it had seen, oldest first. */
    record Seen(long count, List<Notice> notices, boolean missedSome) {}

    private final MongoCollection<Document> collection;

    IntegrationChangeNotices(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Gives the notices of the events just stored, in one write. */
    void give(List<Notice> notices) {
        List<Document> entries = notices.stream()
                .map(notice -> new Document(INTEGRATION, notice.integration()).append(INSTANCE, notice.instance()))
                .toList();
        collection.updateOne(
                Filters.eq("_id", ID),
                Updates.combine(
                        Updates.inc(COUNT, (long) entries.size()),
                        Updates.pushEach(RECENT, entries, new PushOptions().slice(-KEPT))),
                new UpdateOptions().upsert(true));
    }

    /** The counter now, with no notice: where a new reader starts. */
    long count() {
        Document head = collection
                .find(Filters.eq("_id", ID))
                .projection(Projections.include(COUNT))
                .first();
        return head == null ? 0 : head.get(COUNT, Number.class).longValue();
    }

    /** The notices given since the counter stood at {@code seen}. */
    Seen since(long seen) {
        long count = count();
        if (count == seen) {
            return new Seen(count, List.of(), false);
        }
        long missing = count - seen;
        if (missing < 0 || missing > KEPT) {
            // The store was reset, or the reader fell further behind than the notices kept.
            return new Seen(count, List.of(), true);
        }
        // A margin, for the notices given between the two reads.
        int wanted = (int) Math.min(KEPT, missing + MARGIN);
        Document head = collection
                .find(Filters.eq("_id", ID))
                .projection(Projections.fields(Projections.include(COUNT), Projections.slice(RECENT, -wanted)))
                .first();
        if (head == null) {
            return new Seen(0, List.of(), true);
        }
        long now = head.get(COUNT, Number.class).longValue();
        List<Document> recent = head.getList(RECENT, Document.class, List.of());
        long needed = now - seen;
        if (needed < 0 || needed > recent.size()) {
            return new Seen(now, List.of(), true);
        }
        return new Seen(
                now,
                recent.subList(recent.size() - (int) needed, recent.size()).stream()
                        .map(entry -> new Notice(entry.getString(INTEGRATION), entry.getString(INSTANCE)))
                        .toList(),
                false);
    }
}
