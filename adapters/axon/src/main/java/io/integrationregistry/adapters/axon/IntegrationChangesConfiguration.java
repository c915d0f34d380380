package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.connections.port.in.ForNoticingIntegrationChanges;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Duration;

/**
 * Provider calls keep integrations in memory and learn of their changes from {@link IntegrationChangeFollower}.
 * {@code registry.gateway.change-check} (default 250 ms): how often each instance reads which integrations the
 * events stored since its last read belong to. A kept integration serves unasked for at most a second past the last successful
 * read, so a change made on any instance reaches every instance's provider calls within a second.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationChangesConfiguration {

    /** A change reaches every instance's provider calls within this, the check included. */
    static final Duration WITHIN = Duration.ofSeconds(1);

    @Bean
    IntegrationChangeFollower integrationChangeFollower(
            EventStore eventStore,
            MongoDatabaseFactory databases,
            ForNoticingIntegrationChanges providerCalls,
            @Value("${registry.gateway.change-check:PT0.25S}") Duration every) {
        if (every.isNegative() || every.isZero() || every.compareTo(WITHIN.dividedBy(2)) > 0) {
            throw new IllegalStateException("registry.gateway.change-check must be more than 0 and at most "
                    + WITHIN.dividedBy(2).toMillis() + " ms, so that a change reaches every instance within "
                    + WITHIN.toMillis() + " ms; it is " + every.toMillis() + " ms");
        }
        return new IntegrationChangeFollower(
                eventStore,
                new StoredChanges(
                        AxonMongoConfiguration.eventStoreTemplate(databases.getMongoDatabase())
                                .eventCollection(),
                        new EventPositions(databases.getMongoDatabase())),
                providerCalls,
                every,
                // A read that began more than this ago no longer vouches for what is kept.
                WITHIN.minus(every));
    }
}
