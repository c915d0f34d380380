package io.integrationregistry.adapters.embeddedmongo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server keeps no secondary index: one the service asks for is accepted and recorded, a query on
 * its keys still answers (by scanning), and the server says so once when it starts, not once an index.
 */
class SecondaryIndexesTest {

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void listen() {
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(lines);
    }

    @Test
    void aSecondaryIndexIsAcceptedWithoutAWarningWhenCreatedAndWhenReopened() {
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(folder, 0);
                MongoClient client = MongoClients.create(server.connectionString("registry"))) {
            MongoCollection<Document> entries = client.getDatabase("registry").getCollection("entries");
            entries.insertOne(new Document("_id", "e-1").append("company", "acme"));
            entries.createIndex(Indexes.ascending("company", "at"));
        }
        try (EmbeddedMongoServer reopened = new EmbeddedMongoServer(folder, 0);
                MongoClient client = MongoClients.create(reopened.connectionString("registry"))) {
            MongoCollection<Document> entries = client.getDatabase("registry").getCollection("entries");

            assertThat(entries.listIndexes().map(index -> index.getString("name")))
                    .contains("company_1_at_1");
            assertThat(entries.find(Filters.eq("company", "acme")).first()).isNotNull();
        }

        assertThat(lines.list)
                .filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
                .isEmpty();
        assertThat(lines.list)
                .filteredOn(line -> line.getFormattedMessage().contains("secondary ind"))
                .hasSize(2) // one for each start
                .allSatisfy(line -> {
                    assertThat(line.getLevel()).isEqualTo(Level.INFO);
                    assertThat(line.getLoggerName()).isEqualTo(EmbeddedMongoServer.class.getName());
                });
    }
}
