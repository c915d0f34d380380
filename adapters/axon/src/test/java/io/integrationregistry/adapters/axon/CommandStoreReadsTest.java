package io.integrationregistry.adapters.axon;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
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
                        commands.add(event.getCommandName() + " " + collection
                                + (body.containsKey("sort") ? " sorted" : ""));
                    }
                })
                .build());
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client.getDatabase("additions"))
                        .build())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .storageStrategy(new AggregateOrderedStorageStrategy(
                        EventEntryConfiguration.getDefault(), Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .build();
        engine.ensureIndexes();
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
        assertThat(commands).noneMatch(command -> command.startsWith("find"));
        assertThat(commands).contains("insert domainevents");
    }

    @Test
    void anEditStampsItsEventWithoutReadingThePreviousEventAgain() {
        IntegrationId id = Samples.newId();
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(Samples.add(id));
        commands.clear();

        CommandOutcome outcome = gateway.sendAndWait(Samples.editToApiKey(id, 1));

        assertThat(outcome.version()).isEqualTo(1);
        // The load: the snapshot, then the events in sequence; then the append. No look-up of one event.
        assertThat(commands)
                .containsExactly("find snapshotevents sorted", "find domainevents sorted", "insert domainevents");
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
