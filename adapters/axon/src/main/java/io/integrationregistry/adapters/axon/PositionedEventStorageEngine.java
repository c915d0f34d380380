package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Axon's Mongo event store, with tokens that are positions of the store (see {@link EventPositions}): the head
 * is the newest stored event's position, found by key from the counter down.
 */
final class PositionedEventStorageEngine extends MongoEventStorageEngine {

    /** Positions looked at together when looking for the newest stored event. */
    private static final int PROBE = 16;

    private final MongoTemplate template;
    private final EventPositions positions;

    PositionedEventStorageEngine(Builder builder, MongoTemplate template, EventPositions positions) {
        super(builder.mongoTemplate(template));
        this.template = template;
        this.positions = positions;
    }

    /** The newest stored event's position (0: none): every position after it is empty or void. */
    static long newestStored(MongoCollection<Document> events, EventPositions positions) {
        long upTo = positions.last();
        while (upTo > 0) {
            List<Long> probed = new ArrayList<>(PROBE);
            for (long position = upTo; position > Math.max(0, upTo - PROBE); position--) {
                probed.add(position);
            }
            long newest = 0;
            for (Document document : events.find(Filters.in(EventKeys.POSITION, probed))
                    .projection(Projections.include(EventKeys.POSITION))) {
                if (!EventKeys.isVoid(document)) {
                    newest = Math.max(newest, ((Number) document.get(EventKeys.POSITION)).longValue());
                }
            }
            if (newest > 0) {
                return newest;
            }
            upTo -= PROBE;
        }
        return 0;
    }

    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(newestStored(template.eventCollection(), positions));
    }

    /**
     * The position just before the first event stored at or after {@code at}. Rare (an operator's reset to a
     * time), so it may scan: the store keeps no index by time.
     */
    @Override
    public TrackingToken createTokenAt(Instant at) {
        Document first = template.eventCollection()
                .find(Filters.gte("timestamp", DateTimeUtils.formatInstant(at)))
                .sort(Sorts.ascending(EventKeys.POSITION))
                .projection(Projections.include(EventKeys.POSITION))
                .first();
        long position = first == null
                ? newestStored(template.eventCollection(), positions)
                : ((Number) first.get(EventKeys.POSITION)).longValue() - 1;
        return new GlobalSequenceTrackingToken(position);
    }
}
