package io.integrationregistry.adapters.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.Locale;
import java.util.Set;

/**
 * The H2 file backend, committing every write before it is acknowledged. By itself the backend
 * commits about once a second, so a process killed in between would lose writes the service had
 * already confirmed to its callers. Its databases keep no secondary index ({@link WithoutSecondaryIndexes}).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "dropindexes",
            "drop",
            "dropdatabase",
            "create",
            "renamecollection");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new WithoutSecondaryIndexes(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
        }
    }
}
