package io.integrationregistry.adapters.mongo;

import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small helpers the storage contracts share. */
final class Fixtures {

    private Fixtures() {}

    static IntegrationId newId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    /** BSON dates hold milliseconds. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The key documents of a collection's indexes, e.g. {@code {companyId: 1, nameKey: 1}}. */
    static List<Document> indexKeys(MongoTemplate mongo, String collection) {
        List<Document> keys = new ArrayList<>();
        mongo.getCollection(collection)
                .listIndexes()
                .forEach(index -> keys.add(normalised(index.get("key", Document.class))));
        return keys;
    }

    static Document keys(String... fields) {
        Document keys = new Document();
        for (String field : fields) {
            keys.append(field, 1);
        }
        return keys;
    }

    static boolean isUnique(MongoTemplate mongo, String collection, Document keys) {
        List<Document> indexes = new ArrayList<>();
        mongo.getCollection(collection).listIndexes().into(indexes);
        return indexes.stream()
                .anyMatch(index -> normalised(index.get("key", Document.class)).equals(keys)
                        && Boolean.TRUE.equals(index.getBoolean("unique")));
    }

    /** Servers answer the direction as an int, a long or a double; compare it as an int. */
    private static Document normalised(Document keys) {
        Document normalised = new Document();
        keys.forEach((field, direction) ->
                normalised.append(field, direction instanceof Number number ? number.intValue() : direction));
        return normalised;
    }
}
