package io.integrationregistry.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.adapters.axon.ProjectionsHealthIndicator;
import io.integrationregistry.adapters.axon.RandomIdentifiers;
import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoSettings;
import io.integrationregistry.adapters.mongo.MongoAuditTrail;
import io.integrationregistry.adapters.mongo.MongoConnectionTestTrail;
import io.integrationregistry.adapters.mongo.MongoIdReservations;
import io.integrationregistry.adapters.mongo.MongoIdempotencyKeys;
import io.integrationregistry.adapters.mongo.MongoIntegrationList;
import io.integrationregistry.adapters.mongo.MongoNameReservations;
import io.integrationregistry.adapters.mongo.MongoPingHealthIndicator;
import io.integrationregistry.adapters.rest.admin.ProjectionsEndpoint;
import io.integrationregistry.application.audit.AuditService;
import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.integrations.IdReservations;
import io.integrationregistry.application.integrations.IntegrationService;
import io.integrationregistry.application.integrations.ReadYourWrites;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.TransportPolicy;
import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.integrations.port.out.ForKeepingIdReservations;
import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.projections.ProjectionService;
import io.integrationregistry.application.projections.port.out.ForCountingPoisonedEvents;
import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.PlainHttp;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Wires the application's use cases to the adapters that implement its driven ports. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    /**
     * The web layer's JSON mapper, as Spring Boot configures it. It must be primary: the event store's
     * own mapper (with the domain's mix-ins) is an ObjectMapper bean too, and would otherwise replace it.
     */
    @Bean
    @Primary
    ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /**
     * Fail fast when the database is away, so that a request answers 503 within seconds instead of
     * hanging on the driver's 30-second default.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer failFastWhenTheDatabaseIsAway(RegistryProperties properties) {
        RegistryProperties.Mongo mongo = properties.mongo();
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        mongo.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(mongo.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                .readTimeout(mongo.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The list read model; named so that the event feed finds the one to keep. */
    @Bean(name = "integrationList")
    MongoIntegrationList integrationList(MongoTemplate mongo) {
        MongoIntegrationList list = new MongoIntegrationList(mongo);
        list.ensureIndexes();
        list.migrateNameKeys();
        return list;
    }

    @Bean
    ForReservingNames nameReservations(MongoTemplate mongo) {
        MongoNameReservations reservations = new MongoNameReservations(mongo);
        reservations.ensureIndexes();
        reservations.migrateNameKeys();
        return reservations;
    }

    /** Replaces the stock MongoDB health indicator (which the embedded server cannot answer). */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    /** Where the embedded default (used when no MongoDB URI is configured) keeps its data and listens. */
    @Bean
    EmbeddedMongoSettings embeddedMongoSettings(RegistryProperties properties) {
        return new EmbeddedMongoSettings(
                properties.embeddedMongo().path(), properties.embeddedMongo().port());
    }

    @Bean
    ForGeneratingIdentifiers identifiers(RegistryProperties properties) {
        return new RandomIdentifiers(properties.publicUrl());
    }

    @Bean
    MongoAuditTrail auditTrail(MongoTemplate mongo) {
        MongoAuditTrail trail = new MongoAuditTrail(mongo);
        trail.ensureIndexes();
        return trail;
    }

    /** Connection tests, recorded as entries of the audit trail. */
    @Bean
    ForRecordingConnectionTests connectionTestTrail(MongoTemplate mongo) {
        return new MongoConnectionTestTrail(mongo);
    }

    @Bean
    AuditService auditService(MongoAuditTrail auditTrail, ForStoringIntegrations store) {
        return new AuditService(auditTrail, store);
    }

    @Bean
    ProjectionService projectionAdministration(ForReplayingProjections replays, ForCountingPoisonedEvents poisoned) {
        return new ProjectionService(replays, poisoned);
    }

    @Bean
    ProjectionsHealthIndicator projectionsHealthIndicator(
            ProjectionService projections, ReadYourWrites readYourWrites) {
        return new ProjectionsHealthIndicator(projections, readYourWrites::timeouts);
    }

    @Bean
    ProjectionsEndpoint projectionsEndpoint(ProjectionService projections) {
        return new ProjectionsEndpoint(projections);
    }

    @Bean
    ForRememberingIdempotencyKeys idempotencyKeys(MongoTemplate mongo, RegistryProperties properties) {
        MongoIdempotencyKeys keys = new MongoIdempotencyKeys(mongo, properties.idempotencyRetention());
        keys.ensureIndexes();
        return keys;
    }

    @Bean
    RegistrySettings registrySettings(RegistryProperties properties) {
        return new RegistrySettings(
                properties.outbound().allowPlainHttp() ? PlainHttp.ALLOWED : PlainHttp.REFUSED,
                properties.nameReservationGrace(),
                properties.readYourWritesTimeout(),
                properties.idempotencyRetention());
    }

    @Bean
    TransportPolicy transportPolicy(RegistrySettings settings, ForJudgingOutboundUrls outbound) {
        return new TransportPolicy(settings.plainHttp(), outbound);
    }

    @Bean
    ReadYourWrites readYourWrites(MongoIntegrationList list, ForStoringIntegrations store, RegistrySettings settings) {
        return new ReadYourWrites(list, store, settings.readYourWritesTimeout());
    }

    @Bean
    ForKeepingIdReservations idReservationStore(MongoTemplate mongo) {
        MongoIdReservations reservations = new MongoIdReservations(mongo);
        reservations.ensureIndexes();
        return reservations;
    }

    @Bean
    IdReservations idReservations(
            ForKeepingIdReservations reservations,
            ForGeneratingIdentifiers identifiers,
            ForStoringIntegrations store,
            Clock clock,
            RegistryProperties properties) {
        return new IdReservations(
                reservations,
                identifiers,
                store,
                clock,
                properties.integrations().reservationTtl(),
                properties.integrations().maxOpenReservations());
    }

    @Bean
    IntegrationService integrationService(
            ForStoringIntegrations store,
            MongoIntegrationList list,
            ForSealingSecrets secrets,
            ForGeneratingIdentifiers identifiers,
            ForReservingNames names,
            ForRememberingIdempotencyKeys idempotencyKeys,
            Clock clock,
            RegistrySettings settings,
            TransportPolicy transport,
            ReadYourWrites readYourWrites,
            ForKeepingConnections connections,
            IdReservations idReservations) {
        return new IntegrationService(
                store,
                list,
                secrets,
                identifiers,
                names,
                idempotencyKeys,
                clock,
                settings,
                transport,
                readYourWrites,
                connections,
                idReservations);
    }
}
