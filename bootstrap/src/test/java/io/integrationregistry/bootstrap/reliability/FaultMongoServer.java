package io.integrationregistry.bootstrap.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A MongoDB-wire server (mongo-java-server, H2 backend on a file) on a fixed loopback port, which a
 * test stops and starts again on the same port and file, as an operator restarting the database would.
 */
final class FaultMongoServer implements AutoCloseable {

    static final String DATABASE = "registry";

    private final Path file;
    private final int port;
    private MongoServer server;
    private MongoClient client;

    private FaultMongoServer(Path file, int port) {
        this.file = file;
        this.port = port;
    }

    /** Starts the server on a free port with its data in {@code folder}. */
    static FaultMongoServer start(Path folder) {
        FaultMongoServer server = new FaultMongoServer(folder.resolve("reliability.mv.db"), freePort());
        server.start();
        return server;
    }

    /** Starts (again) on the same port and file; the port may take a moment to be free again. */
    synchronized Duration start() {
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofSeconds(30).toNanos();
        while (true) {
            MongoServer starting = new MongoServer(new H2Backend(file.toString()));
            try {
                starting.bind("127.0.0.1", port);
                server = starting;
                return Duration.ofNanos(System.nanoTime() - begin);
            } catch (RuntimeException portTaken) {
                starting.shutdownNow();
                if (System.nanoTime() > deadline) {
                    throw portTaken;
                }
                sleep();
            }
        }
    }

    /** Stops the server: every connection is closed, the file is closed cleanly. */
    synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The database, through a client of the test's own (for the checks, never for the service). */
    synchronized MongoDatabase database() {
        if (client == null) {
            client = MongoClients.create(uri());
        }
        return client.getDatabase(DATABASE);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
