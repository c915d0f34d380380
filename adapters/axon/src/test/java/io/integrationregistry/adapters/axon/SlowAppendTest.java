package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.integrationregistry.domain.IntegrationId;
import io.netty.channel.Channel;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An insert into the event store that takes longer than the append timeout fails instead of landing late. */
class SlowAppendTest {

    private static final Duration APPEND_TIMEOUT = Duration.ofMillis(500);
    private static final long INSERT_DELAY_MILLIS = 4_000;

    private volatile boolean slowInserts;
    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = new MongoServer(new H2Backend(new MVStore.Builder().open()) {
            @Override
            public de.bwaldvogel.mongo.bson.Document handleCommand(
                    Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
                if (slowInserts && command.equals("insert")) {
                    try {
                        Thread.sleep(INSERT_DELAY_MILLIS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.handleCommand(channel, database, command, query);
            }
        });
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anAppendSlowerThanItsTimeoutFailsAsAnOutageInsteadOfLandingUnseen() {
        MongoDatabase database = client.getDatabase("slow_append");
        MongoCollection<Document> events = database.getCollection("domainevents");
        AggregateOrderedStorageStrategy strategy =
                new AggregateOrderedStorageStrategy(database, Duration.ofSeconds(5), APPEND_TIMEOUT);
        var serializer = JacksonSerializer.builder()
                .objectMapper(DomainJackson.objectMapper())
                .build();
        // A first append at the usual pace, unbounded: connection and serializer ready.
        new AggregateOrderedStorageStrategy(database, Duration.ofSeconds(5), Duration.ofSeconds(30))
                .appendEvents(events, List.of(addition(Samples.newId())), serializer);
        var held = addition(Samples.newId());
        slowInserts = true;

        long started = System.nanoTime();
        assertThatThrownBy(() -> strategy.appendEvents(events, List.of(held), serializer))
                .satisfies(failure ->
                        assertThat(AxonIntegrationStore.isOutage(failure)).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(INSERT_DELAY_MILLIS - 1_000));
    }

    private static GenericDomainEventMessage<?> addition(IntegrationId id) {
        return new GenericDomainEventMessage<>(
                "Integration",
                id.value(),
                0,
                Samples.added(id),
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                Instant.now());
    }
}
