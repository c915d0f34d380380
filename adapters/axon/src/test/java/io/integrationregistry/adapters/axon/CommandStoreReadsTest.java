package io.integrationregistry.adapters.axon;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a command reads from the event store. An addition names a new identifier, so the aggregate is not
 * loaded for it: its command stores its event without reading the event store first; an identifier already
 * stored is still refused, by the event store's unique (aggregate, sequence number) key. A later command
 * loads the integration's events and stamps its own event from the newest one's timestamp, without reading
 * that event again.
 */
class CommandStoreReadsTest {

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(DomainJackson.objectMapper())
            .revisionResolver(new EventRevisions())
            .build();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private MongoServer server;
    private MongoClient client;
    private Configuration axon;

    // The service creates the event store's indexes the same way (see AxonMongoConfiguration).
    @SuppressWarnings("deprecation")
    @BeforeEach
    void start() {
        server = new MongoServer(new H2Backend(new MVStore.Builder().open()));
        String uri = server.bindAndGetConnectionString();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        var body = event.getCommand();
                        var target = body.get(event.getCommandName());
                        String collection = target != null && target.isString()
                                ? target.asString().getValue()
                                : "";
                        String filter = body.containsKey("filter")
                                ? " by "
                                        + String.join(
                                                ",", body.getDocument("filter").keySet())
                                : body.containsKey("query")
                                        ? " by "
                                                + String.join(
                                                        ",",
                                                        body.getDocument("query")
                                                                .keySet())
                                        : "";
                        commands.add(event.getCommandName() + " " + collection + filter
                                + (body.containsKey("sort") ? " sorted" : ""));
                    }
                })
                .build());
        MongoDatabase database = client.getDatabase("additions");
        MongoEventStorageEngine engine = AxonMongoConfiguration.positionedEngine(
                database,
                DefaultMongoTemplate.builder().mongoDatabase(database).build(),
                MongoEventStorageEngine.builder().eventSerializer(serializer).snapshotSerializer(serializer),
                new AggregateOrderedStorageStrategy(database, Duration.ofSeconds(5), Duration.ofSeconds(2)));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AxonIntegration.class)
                        .configureCommandTargetResolver(c -> new IntegrationCommandTargetResolver()))
                .start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void anAdditionStoresItsEventWithoutReadingTheEventStore() {
        IntegrationId id = Samples.newId();
        commands.clear();

        CommandOutcome outcome = axon.commandGateway().sendAndWait(Samples.add(id));

        assertThat(outcome.version()).isZero();
        // It takes its position, then stores its event.
        assertThat(commands).containsExactly("update event_positions", "insert domainevents");
    }

    @Test
    void anEditStampsItsEventWithoutReadingThePreviousEventAgain() {
        IntegrationId id = Samples.newId();
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(Samples.add(id));
        commands.clear();

        CommandOutcome outcome = gateway.sendAndWait(Samples.editToApiKey(id, 1));

        assertThat(outcome.version()).isEqualTo(1);
        // The load: the snapshot and the events, by key; then the append. No look-up of one event, no scan.
        assertThat(commands)
                .containsExactly(
                        "find snapshotevents by _id",
                        "find domainevents by _id",
                        "update event_positions",
                        "insert domainevents");
    }

    @Test
    void anAdditionOfAStoredIdentifierIsRefusedByTheEventStore() {
        IntegrationId id = Samples.newId();
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(Samples.add(id));

        // Either is answered as a concurrent modification (see AxonIntegrationStore).
        assertThatThrownBy(() -> gateway.sendAndWait(Samples.add(id)))
                .isInstanceOfAny(ConcurrencyException.class, AggregateStreamCreationException.class);
    }
}
