package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positioned store contract on a real MongoDB 7, and the plans MongoDB chooses for the store's reads: each by
 * an index, none a collection scan. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class PositionedStoreOnMongo7Test extends PositionedStoreContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MONGO.getConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    MongoClient client() {
        return client;
    }

    @Test
    void everyReadOfTheStoreUsesAnIndex() {
        String id = IntegrationId.of(java.util.UUID.randomUUID()).value();
        assertUsesAnIndex(
                "domainevents",
                Filters.in("_id", List.of(EventKeys.key(id, 0), EventKeys.key(id, 1))),
                "an integration's events by key");
        assertUsesAnIndex("domainevents", Filters.in(EventKeys.POSITION, List.of(1L, 2L, 3L)), "events by position");
        assertUsesAnIndex("snapshotevents", Filters.eq("_id", id), "a snapshot by key");
        assertUsesAnIndex(EventPositions.COLLECTION, Filters.eq("_id", "events"), "the counter");
    }

    private void assertUsesAnIndex(String collection, Bson filter, String read) {
        template.eventCollection().insertOne(new Document("_id", "probe").append(EventKeys.POSITION, 999L));
        Document explained = database.runCommand(
                new Document("explain", new Document("find", collection).append("filter", filter.toBsonDocument())));
        String plan = explained.get("queryPlanner", Document.class).toJson();
        assertThat(plan).as(read).doesNotContain("COLLSCAN");
        template.eventCollection().deleteOne(Filters.eq("_id", "probe"));
    }
}
