package io.integrationregistry.bootstrap.reliability;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.bootstrap.RunningRegistry;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Framing;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Header;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole service on its embedded default, started once for the fuzzer, with users of two companies,
 * a provider on loopback that accepts everything, and three real integrations to aim at.
 */
final class FuzzService implements AutoCloseable {

    static final String EVENTS = "domainevents";

    private final DocumentProviderStub provider;
    private final RunningRegistry registry;
    private final MongoTemplate mongo;
    private final FuzzClient client;
    private final List<FuzzEndpoint> endpoints;

    private FuzzService(DocumentProviderStub provider, RunningRegistry registry) {
        this.provider = provider;
        this.registry = registry;
        this.mongo = registry.bean(MongoTemplate.class);
        this.client = new FuzzClient(registry.port());
        this.endpoints =
                FuzzEndpoint.of(registry.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
    }

    static FuzzService start() {
        DocumentProviderStub provider = DocumentProviderStub.open();
        provider.documents().makeUpMissingItems(true);
        try {
            List<String> properties = new ArrayList<>(List.of(
                    "registry.embedded-mongo.path=" + Files.createTempDirectory("registry-fuzz"),
                    "registry.public-url=https://registry.acme.example",
                    "registry.outbound.allow-plain-http=true",
                    "registry.outbound.allowed-private-hosts=127.0.0.1",
                    "registry.outbound.connect-timeout=PT1S",
                    "registry.outbound.read-timeout=PT2S",
                    // The fuzzer sends wrong credentials now and then; were its address locked out after ten of
                    // them, most requests would meet the sign-in throttle (tested on its own) and no endpoint.
                    "registry.security.sign-in.max-failures=1000000",
                    // Nor may its reservations of integration ids (a soak sends thousands) meet their bound,
                    // which is tested on its own.
                    "registry.integrations.max-open-reservations=1000000"));
            properties.addAll(List.of(FuzzCaller.PROPERTIES));
            return new FuzzService(provider, RunningRegistry.start(properties));
        } catch (IOException failed) {
            provider.close();
            throw new UncheckedIOException(failed);
        } catch (RuntimeException failed) {
            provider.close();
            throw failed;
        }
    }

    List<FuzzEndpoint> endpoints() {
        return endpoints;
    }

    String providerUrl() {
        return provider.baseApiUrl();
    }

    FuzzClient.Answer send(
            String method, String target, List<Header> headers, byte[] body, Framing framing, boolean raw) {
        return client.send(method, target, headers, body, framing, raw);
    }

    /** The number of events in the event store. */
    long events() {
        return mongo.getCollection(EVENTS).countDocuments();
    }

    /** The number of documents in every collection of the database. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            counts.put(collection, mongo.getCollection(collection).countDocuments());
        }
        // The trail's entries of events, apart from its records of connection tests, which no event makes.
        if (counts.containsKey("audit_trail")) {
            long tests = mongo.getCollection("audit_trail").countDocuments(new org.bson.Document("type", "TESTED"));
            counts.put("audit_trail", counts.get("audit_trail") - tests);
            counts.put("audit_trail connection tests", tests);
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            provider.close();
        }
    }
}
