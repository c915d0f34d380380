package io.integrationregistry.adapters.embeddedmongo;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process MongoDB-wire server on a loopback port, persisting to one H2 file in the data folder,
 * so that the service runs on a bare machine. Closing it closes the file cleanly.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    public static final String DATA_FILE = "registry.mv.db";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;

    public EmbeddedMongoServer(Path folder, int port) {
        try {
            Files.createDirectories(folder);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot create the data folder " + folder.toAbsolutePath(), unwritable);
        }
        Path file = folder.resolve(DATA_FILE).toAbsolutePath();
        this.server = new MongoServer(new DurableH2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
        log.info(
                "Embedded MongoDB-wire server on {} with data in {} (set spring.data.mongodb.uri to use a real MongoDB)",
                address,
                file);
        log.info("The embedded server keeps no secondary indexes: any query other than by _id or a unique key scans "
                + "its collection; use MongoDB (spring.data.mongodb.uri) for real loads");
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
