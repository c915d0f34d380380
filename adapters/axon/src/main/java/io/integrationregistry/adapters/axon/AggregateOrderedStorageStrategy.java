package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.common.DateTimeUtils.parseInstant;

/**
 * One document per event, as Axon's {@link DocumentPerEventStorageStrategy}, but never stored earlier than the
 * integration's previous event. Processors read the store in (timestamp, sequence number) order, and Axon stamps
 * an event with the clock of the instance that decides it: when that clock is behind the one that stored the
 * integration's previous event, the later event would come first, and a projection that keeps an integration at
 * its newest version would then drop the earlier one. Such an event takes its predecessor's timestamp instead
 * (at the store's millisecond precision; the sequence number orders the two), so that every integration's events
 * are read in sequence, on a live stream as in a replay.
 */
final class AggregateOrderedStorageStrategy extends DocumentPerEventStorageStrategy {

    AggregateOrderedStorageStrategy(EventEntryConfiguration configuration, Duration lookBack) {
        super(configuration, lookBack);
    }

    @Override
    public void appendEvents(MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events,
                             Serializer serializer) {
        super.appendEvents(eventCollection, notBeforeTheirPredecessors(eventCollection, events), serializer);
    }

    private List<EventMessage<?>> notBeforeTheirPredecessors(MongoCollection<Document> eventCollection,
                                                             List<? extends EventMessage<?>> events) {
        Map<String, Instant> previousOf = new HashMap<>();
        List<EventMessage<?>> stamped = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain) || domain.getAggregateIdentifier() == null
                    || domain.getSequenceNumber() == 0) {
                stamped.add(event);
                if (event instanceof DomainEventMessage<?> first && first.getAggregateIdentifier() != null) {
                    previousOf.put(first.getAggregateIdentifier(), first.getTimestamp());
                }
                continue;
            }
            String aggregate = domain.getAggregateIdentifier();
            Instant previous = previousOf.containsKey(aggregate) ? previousOf.get(aggregate)
                    : storedTimestamp(eventCollection, aggregate, domain.getSequenceNumber() - 1);
            EventMessage<?> inOrder = domain;
            if (previous != null && domain.getTimestamp().truncatedTo(ChronoUnit.MILLIS)
                    .isBefore(previous.truncatedTo(ChronoUnit.MILLIS))) {
                inOrder = restamped(domain, previous);
            }
            previousOf.put(aggregate, inOrder.getTimestamp());
            stamped.add(inOrder);
        }
        return stamped;
    }

    private static <T> DomainEventMessage<T> restamped(DomainEventMessage<T> event, Instant timestamp) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event, timestamp.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The timestamp the given event was stored with; null if it is not stored. */
    private Instant storedTimestamp(MongoCollection<Document> eventCollection, String aggregate, long sequence) {
        EventEntryConfiguration fields = eventConfiguration();
        Document stored = eventCollection.find(Filters.and(
                        Filters.eq(fields.aggregateIdentifierProperty(), aggregate),
                        Filters.eq(fields.sequenceNumberProperty(), sequence)))
                .projection(Projections.include(fields.timestampProperty()))
                .first();
        Object timestamp = stored == null ? null : stored.get(fields.timestampProperty());
        return timestamp == null ? null : parseInstant(timestamp.toString());
    }
}
