package io.integrationregistry.adapters.axon;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.shared.StorageUnavailable;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.net.ServerSocket;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** An outage of MongoDB leaves this adapter as the application's StorageUnavailable, and nothing else does. */
class StorageOutageTranslationTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final EventStore events = mock(EventStore.class);
    private final AxonIntegrationStore store = new AxonIntegrationStore(commands, events);

    @Test
    void aCommandTheEventStoreCouldNotStoreForAnOutageThrowsStorageUnavailable() {
        when(commands.sendAndWait(any()))
                .thenThrow(new CommandExecutionException(
                        "not stored", new MongoSocketOpenException("refused", new ServerAddress())));

        assertThatThrownBy(() -> store.execute(
                        Samples.add(Samples.newId()), OptionalLong.empty(), Origin.generated(Origin.Source.API)))
                .isInstanceOf(StorageUnavailable.class)
                .hasRootCauseInstanceOf(MongoSocketOpenException.class);
    }

    @Test
    void aReadOfTheEventStoreDuringAnOutageThrowsStorageUnavailable() {
        when(events.readEvents(anyString()))
                .thenThrow(new DataAccessResourceFailureException(
                        "no server", new MongoTimeoutException("no server chosen")));

        assertThatThrownBy(() -> store.load(Samples.newId())).isInstanceOf(StorageUnavailable.class);
    }

    @Test
    void aFailureThatIsNoOutagePassesAsItIs() {
        IllegalStateException bug = new IllegalStateException("no outage");
        when(events.readEvents(anyString())).thenThrow(bug);

        assertThatThrownBy(() -> store.load(Samples.newId())).isSameAs(bug);
        assertThat(StorageOutages.translated(bug)).isSameAs(bug);
    }

    @Test
    void countingPoisonedEventsDuringAnOutageThrowsStorageUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=200&connectTimeoutMS=200")) {
            PoisonedEvents poisoned = new PoisonedEvents(client.getDatabase("absent"));

            assertThatThrownBy(() -> poisoned.poisoned("integration-list"))
                    .isInstanceOf(StorageUnavailable.class)
                    .hasRootCauseInstanceOf(MongoTimeoutException.class);
        }
    }
}
