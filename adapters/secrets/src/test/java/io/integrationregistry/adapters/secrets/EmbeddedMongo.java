package io.integrationregistry.adapters.secrets;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The embedded MongoDB-wire server on its H2 file backend, as the embedded default runs it, with a client. */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    EmbeddedMongo(Path folder) {
        server = new MongoServer(new H2Backend(folder.resolve("data-keys.mv.db").toString()));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    MongoTemplate template() {
        return new MongoTemplate(client, "secrets");
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
