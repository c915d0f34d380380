package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.mongo.MongoIdempotencyKeys;
import io.integrationregistry.adapters.mongo.MongoIntegrationList;
import io.integrationregistry.adapters.mongo.MongoNameReservations;
import io.integrationregistry.application.IntegrationService;
import io.integrationregistry.application.RegistrySettings;
import io.integrationregistry.application.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.application.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.port.out.ForReservingNames;
import io.integrationregistry.application.port.out.ForSealingSecrets;
import io.integrationregistry.application.port.out.ForStoringIntegrations;
import io.integrationregistry.domain.PlainHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Wires the application's use cases to the adapters that implement its driven ports. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The list read model; named so that the event feed finds the one to keep. */
    @Bean(name = "integrationList")
    MongoIntegrationList integrationList(MongoTemplate mongo) {
        MongoIntegrationList list = new MongoIntegrationList(mongo);
        list.ensureIndexes();
        return list;
    }

    @Bean
    ForReservingNames nameReservations(MongoTemplate mongo) {
        MongoNameReservations reservations = new MongoNameReservations(mongo);
        reservations.ensureIndexes();
        return reservations;
    }

    /** Replaces the stock MongoDB health indicator (which the embedded server cannot answer). */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    ForGeneratingIdentifiers identifiers(RegistryProperties properties) {
        return new RandomIdentifiers(properties.publicUrl());
    }

    @Bean
    ForRememberingIdempotencyKeys idempotencyKeys(MongoTemplate mongo) {
        MongoIdempotencyKeys keys = new MongoIdempotencyKeys(mongo);
        keys.ensureIndexes();
        return keys;
    }

    @Bean
    IntegrationService integrationService(ForStoringIntegrations store, MongoIntegrationList list,
                                          ForSealingSecrets secrets, ForGeneratingIdentifiers identifiers,
                                          ForReservingNames names, ForRememberingIdempotencyKeys idempotencyKeys,
                                          Clock clock, RegistryProperties properties) {
        return new IntegrationService(store, list, secrets, identifiers, names, idempotencyKeys, clock,
                new RegistrySettings(properties.allowPlainHttp() ? PlainHttp.ALLOWED : PlainHttp.REFUSED,
                        properties.nameReservationGrace(), properties.readYourWritesTimeout(),
                        properties.idempotencyRetention()));
    }
}
