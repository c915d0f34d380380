package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.projections.port.out.ForCountingPoisonedEvents;
import org.bson.Document;

import java.util.Date;

/**
 * {@code projection_poison}: one document per event a projection could not apply and skipped, keyed by the
 * projection and the event's id (a redelivery records it once). It holds where the event is (integration,
 * sequence number), the error's class and message, never the event's content.
 */
final class PoisonedEvents implements ForCountingPoisonedEvents {

    static final String COLLECTION = "projection_poison";
    private static final int MESSAGE_LENGTH = 300;

    private final MongoDatabase database;

    PoisonedEvents(MongoDatabase database) {
        this.database = database;
    }

    void record(String projection, RecordedEvent event, Throwable error) {
        String message = String.valueOf(error.getMessage());
        Document poison = new Document("projection", projection)
                .append("eventId", event.eventId())
                .append("integrationId", event.event().integrationId().value())
                .append("sequence", event.sequence())
                .append("eventType", event.event().getClass().getSimpleName())
                .append("errorClass", error.getClass().getName())
                .append("message", message.length() > MESSAGE_LENGTH ? message.substring(0, MESSAGE_LENGTH) : message)
                .append("at", new Date());
        collection()
                .updateOne(
                        Filters.eq("_id", projection + "/" + event.eventId()),
                        new Document("$setOnInsert", poison),
                        new UpdateOptions().upsert(true));
    }

    @Override
    public long poisoned(String projection) {
        try {
            return collection().countDocuments(Filters.eq("projection", projection));
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }
}
