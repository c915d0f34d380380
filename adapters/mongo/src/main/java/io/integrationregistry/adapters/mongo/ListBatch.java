package io.integrationregistry.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.integrationregistry.adapters.mongo.ListEntry.ID;
import static io.integrationregistry.adapters.mongo.ListEntry.VERSION;

/**
 * A batch of events written into the integration list as one write per integration: the fields its events set,
 * each as the newest of them sets it, stamped with the newest event's sequence number and applied only where the
 * entry's version is older. On an entry at any version between the batch's first and last event (an earlier
 * delivery of part of the batch) it leaves what each event applied in turn would have left; on a newer one it
 * does nothing. A batch holding an integration's addition may create the entry (the upsert meets an existing
 * entry as a duplicate key: it is at least as new and stays); one without only changes an existing entry.
 */
final class ListBatch {

    private ListBatch() {}

    /** The writes of a batch, one per integration; the newest sequence number written for each. */
    record Writes(List<WriteModel<Document>> models, Map<String, Long> versions) {}

    static Writes of(List<RecordedEvent> events) {
        Map<String, TreeMap<Long, RecordedEvent>> byIntegration = new LinkedHashMap<>();
        for (RecordedEvent recorded : events) {
            byIntegration
                    .computeIfAbsent(recorded.event().integrationId().value(), id -> new TreeMap<>())
                    .put(recorded.sequence(), recorded);
        }
        List<WriteModel<Document>> models = new ArrayList<>(byIntegration.size());
        Map<String, Long> versions = new LinkedHashMap<>();
        byIntegration.forEach((id, inSequence) -> {
            Document fields = new Document();
            boolean adds = false;
            for (RecordedEvent recorded : inSequence.values()) {
                Update update;
                if (recorded.event() instanceof IntegrationAdded added) {
                    update = ListEntry.insertedBy(recorded, added);
                    adds = true;
                } else {
                    update = ListEntry.changedBy(recorded);
                }
                for (String operator : List.of("$setOnInsert", "$set")) {
                    Document set = (Document) update.getUpdateObject().get(operator);
                    if (set != null) {
                        fields.putAll(set);
                    }
                }
            }
            long newest = inSequence.lastKey();
            models.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq(ID, id), Filters.lt(VERSION, newest)),
                    new Document("$set", fields),
                    new UpdateOptions().upsert(adds)));
            versions.put(id, newest);
        });
        return new Writes(models, versions);
    }
}
