package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.mongo.MongoIntegrationList;
import io.integrationregistry.adapters.mongo.MongoProviderCalls;
import io.integrationregistry.adapters.mongo.ProviderCallLogSettings;
import io.integrationregistry.adapters.mongo.ProviderCallLogWriter;
import io.integrationregistry.application.documents.ProviderCallLogService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/**
 * Wires the provider-call log: the writer observes every provider call (one of the observers the document
 * calls are given) and writes them in the background; the log and the health of integrations are read
 * through {@link ProviderCallLogService}.
 */
@Configuration(proxyBeanMethods = false)
class ProviderCallLogConfiguration {

    @Bean
    MongoProviderCalls providerCalls(MongoTemplate mongo, RegistryProperties properties, Clock clock) {
        MongoProviderCalls calls = new MongoProviderCalls(mongo, settings(properties), clock);
        calls.ensureIndexes();
        return calls;
    }

    /** Started here; closed with the context, after writing what still waits. */
    @Bean(destroyMethod = "close")
    ProviderCallLogWriter providerCallLogWriter(MongoProviderCalls calls, RegistryProperties properties, Clock clock) {
        ProviderCallLogWriter writer = new ProviderCallLogWriter(calls, settings(properties), clock);
        writer.start();
        return writer;
    }

    @Bean
    ProviderCallLogService providerCallLog(MongoProviderCalls calls, MongoIntegrationList list, Clock clock) {
        return new ProviderCallLogService(calls, list, clock);
    }

    /** The calls the log lost: observed with its queue full, or in a write that failed. */
    @Bean
    MeterBinder providerCallLogDropped(ProviderCallLogWriter writer) {
        return registry -> FunctionCounter.builder(
                        "registry.provider.calls.log.dropped", writer, ProviderCallLogWriter::dropped)
                .description("Provider calls the call log dropped: its queue full, or a write failed")
                .register(registry);
    }

    private static ProviderCallLogSettings settings(RegistryProperties properties) {
        RegistryProperties.ProviderCalls calls = properties.providerCalls();
        return new ProviderCallLogSettings(
                calls.queueCapacity(), calls.flushInterval(), calls.retention(), calls.maxPerIntegration());
    }
}
