package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoDatabase;
import io.integrationregistry.application.audit.port.out.ForKeepingTheAuditTrail;
import io.integrationregistry.application.integrations.port.out.ForKeepingTheIntegrationList;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Axon on MongoDB without Axon Server: events, snapshots and tracking tokens in the service's
 * MongoDB database, serialized with Jackson. There is no Spring Boot starter for this extension, so
 * the beans are declared here.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    static final String SNAPSHOT_TRIGGER = "integrationSnapshotTrigger";
    static final String COMMAND_TARGET_RESOLVER = "integrationCommandTargetResolver";
    static final int REBUILD_BATCH = 1_000;
    static final Duration POLL_EVERY = Duration.ofMillis(100);

    /** Axon looks this bean up by name for its Jackson serializer. */
    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return DomainJackson.objectMapper();
    }

    /** Axon's own template, on the same database as the read models. */
    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabaseFactory databases) {
        return eventStoreTemplate(databases.getMongoDatabase());
    }

    /**
     * Events, snapshots and tokens are read from the primary with read concern {@code majority}, whatever the
     * connection string says: a projection or an aggregate then never acts on an event that a failover of
     * the replica set could still roll back (with the default {@code local}, a primary's unreplicated write
     * is visible until it is lost). Writes are acknowledged as the connection string says ({@code w=majority}).
     */
    static MongoTemplate eventStoreTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(
                        database.withReadConcern(ReadConcern.MAJORITY).withReadPreference(ReadPreference.primary()))
                .build();
    }

    /**
     * The Mongo event store, read by key and by position only (see {@link AggregateOrderedStorageStrategy}): no read
     * of a command or a processor grows with the number of events stored, on MongoDB as on the embedded server,
     * which has no secondary indexes. Processors read the store in the order of its positions; a position taken by
     * an append is waited for {@code registry.axon.gap-wait}, then voided (see {@link TrackedReads}). An append is
     * bounded by {@code registry.axon.append-timeout} (a 503 past it); the wait must exceed it plus a margin (see
     * {@link EventTimeBounds}; checked at start). A store written before positions is brought to this layout at
     * the first start (see {@link PositionedLayout}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            MongoTemplate axonMongoTemplate,
            MongoDatabaseFactory databases,
            Serializer eventSerializer,
            Serializer serializer,
            @Value("${registry.axon.gap-wait:PT5S}") Duration gapWait,
            @Value("${registry.axon.append-timeout:PT2S}") Duration appendTimeout) {
        new EventTimeBounds(gapWait, appendTimeout).checked();
        return positionedEngine(
                databases.getMongoDatabase(),
                axonMongoTemplate,
                MongoEventStorageEngine.builder()
                        .eventSerializer(eventSerializer)
                        .snapshotSerializer(serializer)
                        .snapshotFilter(AxonIntegration.SNAPSHOTS)
                        .upcasterChain(upcasters())
                        // Events read a query at a time: a replay reads the store in this many queries fewer.
                        .batchSize(REBUILD_BATCH),
                new AggregateOrderedStorageStrategy(databases.getMongoDatabase(), gapWait, appendTimeout));
    }

    /**
     * The event store on {@code database}, laid out by position (brought to it first if need be); Axon's engine
     * creates the index as it is built.
     */
    static MongoEventStorageEngine positionedEngine(
            MongoDatabase database,
            MongoTemplate template,
            MongoEventStorageEngine.Builder builder,
            AggregateOrderedStorageStrategy strategy) {
        PositionedLayout.ensure(
                database, template.eventCollection(), template.snapshotCollection(), strategy.positions());
        return new PositionedEventStorageEngine(builder.storageStrategy(strategy), template, strategy.positions());
    }

    /**
     * The event store Axon's Spring Boot support would declare, with a stream of its own for each processor and
     * failing fast on a snapshot read when the database is away (see {@link RegistryEventStore}).
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon) {
        return new RegistryEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(axon.getComponent(EventBusSpanFactory.class)),
                // How often the processors look for events stored by other instances (this instance's own wake
                // them at once). A look costs one read of the position counter by key, so it can be frequent.
                POLL_EVERY);
    }

    /** The revisions events are written in; Axon's serializers take this bean. */
    @Bean
    RevisionResolver revisionResolver() {
        return new EventRevisions();
    }

    static EventUpcasterChain upcasters() {
        // in the order of the revisions: each upcaster reads the shape the one before it wrote
        return new EventUpcasterChain(new IntegrationEditedUpcaster(), new ScopesUpcaster());
    }

    /**
     * The token store's owner name is this instance's claim on a processor segment. Axon's default, the
     * JVM's {@code pid@host}, is the same for two instances in one JVM and for two containers that share
     * the host's name and both run as pid 1: they would both "own" every segment and process it twice.
     * Unless {@code registry.axon.node-id} names the instance, each start gets a name of its own.
     */
    @Bean
    TokenStore tokenStore(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            @Value("${registry.axon.token-claim-timeout:PT10S}") Duration claimTimeout,
            @Value("${registry.axon.node-id:}") String nodeId) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId.isBlank() ? uniqueNodeId() : nodeId.strip())
                .build();
    }

    static String uniqueNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean(name = SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition integrationSnapshotTrigger(
            Snapshotter snapshotter, @Value("${registry.axon.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(name = COMMAND_TARGET_RESOLVER)
    CommandTargetResolver integrationCommandTargetResolver() {
        return new IntegrationCommandTargetResolver();
    }

    /**
     * A projection whose database fails must not skip the event: the error goes back to the processor, which
     * retries the batch with back-off instead of moving its token past it. An event a projection cannot apply
     * for any other reason never gets here: its feed records it and moves on (see {@link ProjectionFeed}).
     */
    @Bean
    ConfigurerModule projectionsRetryInsteadOfSkipping() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Who gave a command, for which company, in which request and channel: recorded on every event it causes. */
    @Bean
    CorrelationDataProvider actingUserOnEveryEvent() {
        return new SimpleCorrelationDataProvider(
                AxonIntegrationStore.ACTOR,
                AxonIntegrationStore.COMPANY,
                AxonIntegrationStore.REQUEST_ID,
                AxonIntegrationStore.SOURCE);
    }

    @Bean
    ForStoringIntegrations axonIntegrationStore(CommandGateway commandGateway, EventStore eventStore) {
        return new AxonIntegrationStore(commandGateway, eventStore);
    }

    /** The events the projections skipped, in {@code projection_poison}. */
    @Bean
    PoisonedEvents poisonedEvents(MongoDatabaseFactory databases) {
        return new PoisonedEvents(databases.getMongoDatabase());
    }

    @Bean
    AuditTrailFeed auditTrailFeed(
            ForKeepingTheAuditTrail auditTrail, EventStore eventStore, PoisonedEvents poisonedEvents) {
        return new AuditTrailFeed(auditTrail, eventStore, poisonedEvents);
    }

    /**
     * {@code registry.axon.rebuild-check}: how often each instance follows the rebuilds (starts or stops the
     * rebuild processors, sets a requested rebuild up, looks for one whose replay caught up).
     */
    @Bean
    AxonProjectionReplays axonProjectionReplays(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            MongoTemplate axonMongoTemplate,
            IntegrationListFeed listFeed,
            AuditTrailFeed auditFeed,
            @Value("${registry.axon.token-claim-timeout:PT10S}") Duration claimTimeout,
            @Value("${registry.axon.rebuild-check:PT0.5S}") Duration every) {
        Map<String, ForRebuildingAReadModel> models = new LinkedHashMap<>();
        models.put(IntegrationListFeed.PROCESSING_GROUP, listFeed.model());
        models.put(AuditTrailFeed.PROCESSING_GROUP, auditFeed.model());
        return new AxonProjectionReplays(processing, eventStore, axonMongoTemplate, claimTimeout, models)
                .followingRebuildsEvery(every);
    }

    @Bean
    RebuildFeeds.IntegrationList integrationListRebuildFeed(
            @Qualifier("integrationList") ForKeepingTheIntegrationList list, PoisonedEvents poisonedEvents) {
        return new RebuildFeeds.IntegrationList(list, poisonedEvents);
    }

    @Bean
    RebuildFeeds.AuditTrail auditTrailRebuildFeed(ForKeepingTheAuditTrail auditTrail, PoisonedEvents poisonedEvents) {
        return new RebuildFeeds.AuditTrail(auditTrail, poisonedEvents);
    }

    /**
     * The rebuild processors: two segments, a thread for each, batches of {@value #REBUILD_BATCH} events (each
     * written into the rebuilt model in bulk), and not started with the service (the replays start them while a
     * rebuild is under way, on every instance).
     */
    @Bean
    ConfigurerModule rebuildProcessorsStartOnDemand() {
        return configurer -> {
            for (String feed : List.of(RebuildFeeds.INTEGRATION_LIST, RebuildFeeds.AUDIT_TRAIL)) {
                configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                feed,
                                org.axonframework.config.Configuration::eventStore,
                                axon -> TrackingEventProcessorConfiguration.forParallelProcessing(2)
                                        .andInitialSegmentsCount(2)
                                        .andBatchSize(REBUILD_BATCH)
                                        .andAutoStart(false)
                                        .andTokenClaimInterval(500, TimeUnit.MILLISECONDS));
            }
        };
    }

    @Bean
    IntegrationListFeed integrationListFeed(
            @Qualifier("integrationList") ForKeepingTheIntegrationList list,
            EventStore eventStore,
            PoisonedEvents poisonedEvents) {
        return new IntegrationListFeed(list, eventStore, poisonedEvents);
    }
}
