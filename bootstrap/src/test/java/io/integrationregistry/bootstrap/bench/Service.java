package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoDatabase;
import io.integrationregistry.bootstrap.RunningRegistry;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole service, started in-process on a backend, with the users the benchmarks sign in as, and
 * allowed to call a provider stub on loopback over plain http.
 */
final class Service implements AutoCloseable {

    static final String ADMIN = "alice";
    static final String ADMIN_PASSWORD = "alice-pw";
    static final String ADMIN_COMPANY = "acme";
    static final String READER = "rita";
    static final String READER_PASSWORD = "rita-pw";
    static final String READER_COMPANY = "bench-read-path";

    private final RunningRegistry registry;
    private final Backend backend;
    private final MongoCommandStats commands;

    private Service(RunningRegistry registry, Backend backend, MongoCommandStats commands) {
        this.registry = registry;
        this.backend = backend;
        this.commands = commands;
    }

    /** Every property the service under test runs with, as command-line arguments. */
    static List<String> arguments(Backend backend, int port) {
        List<String> arguments = new ArrayList<>();
        for (String property : properties(backend, port)) {
            arguments.add("--" + property);
        }
        return arguments;
    }

    static List<String> properties(Backend backend, int port) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=" + port,
                "spring.main.banner-mode=off",
                "logging.level.root=ERROR",
                "logging.level.de.bwaldvogel=ERROR",
                "registry.security.users." + ADMIN + ".password={noop}" + ADMIN_PASSWORD,
                "registry.security.users." + ADMIN + ".company=" + ADMIN_COMPANY,
                "registry.security.users." + ADMIN + ".roles=INTEGRATION_ADMIN,DOCUMENT_USER",
                "registry.security.users." + READER + ".password={noop}" + READER_PASSWORD,
                "registry.security.users." + READER + ".company=" + READER_COMPANY,
                "registry.security.users." + READER + ".roles=INTEGRATION_ADMIN",
                "registry.outbound.allow-plain-http=true",
                "registry.outbound.allowed-private-hosts=127.0.0.1",
                // B5 makes its concurrent document calls to one integration of one company: the service is
                // configured, as an operator would, to admit that many at once (the defaults admit fewer).
                "registry.outbound.max-concurrent-calls-per-integration=" + GatewayOverhead.CLIENTS,
                "registry.outbound.max-concurrent-calls-per-company=" + GatewayOverhead.CLIENTS));
        properties.addAll(backend.properties());
        return properties;
    }

    /** Starts the service, its MongoDB client reporting to a {@link MongoCommandStats} (off until profiling). */
    static Service start(Backend backend) {
        MongoCommandStats commands = new MongoCommandStats();
        MongoClientSettingsBuilderCustomizer listening = settings -> settings.addCommandListener(commands);
        RunningRegistry registry = RunningRegistry.start(
                properties(backend, 0),
                starting -> starting.getBeanFactory().registerSingleton("benchmarkMongoCommandStats", listening));
        return new Service(registry, backend, commands);
    }

    MongoCommandStats commands() {
        return commands;
    }

    Backend backend() {
        return backend;
    }

    <T> T bean(Class<T> type) {
        return registry.bean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return registry.bean(name, type);
    }

    MongoTemplate mongo() {
        return registry.bean(MongoTemplate.class);
    }

    /** The service's own database, through the service's own client: what the raw baselines use. */
    MongoDatabase database() {
        return mongo().getDb();
    }

    int port() {
        return registry.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    Http admin(int connections) {
        return Http.basic(baseUrl(), connections, ADMIN, ADMIN_PASSWORD);
    }

    Http reader(int connections) {
        return Http.basic(baseUrl(), connections, READER, READER_PASSWORD);
    }

    @Override
    public void close() {
        registry.close();
    }
}
