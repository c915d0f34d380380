package io.integrationregistry.adapters.axon;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What processors read: the events after a position, in position order, read by their positions (a unique
 * field), never by time and never by scanning the store.
 * <p>
 * A position taken but not yet filled (an append under way, on this instance or another) stops the read there:
 * the events after it wait, so that no integration's events are ever handled out of order. Once a position has
 * been seen empty, behind a filled one, for {@code gapWait}, the append that took it has failed for good (an
 * append is bounded by a shorter timeout): the reader voids the position, and moves on. Voiding and a late insert
 * race for the same unique position: whichever is stored first holds, so an event is either read or never
 * acknowledged, never stored and skipped.
 * <p>
 * When nothing was appended since the last read, a read costs at most one look at the counter, by {@code _id}
 * (none within 100 ms of the last one).
 */
final class TrackedReads {

    private static final Logger log = LoggerFactory.getLogger(TrackedReads.class);
    /** Empty positions being waited for, with when this instance first saw each empty; bounded. */
    private static final int WATCHED_GAPS = 10_000;
    /** Positions whose documents are kept for the other segments' reads; about a megabyte per 1,000. */
    private static final int REMEMBERED_POSITIONS = 2_048;

    /** How long a read of the counter is taken as current. */
    private static final Duration COUNTER_FRESH = Duration.ofMillis(100);

    private final EventPositions positions;
    private final Duration gapWait;
    private volatile long counterReadAt = System.nanoTime() - COUNTER_FRESH.toNanos();
    private final Function<Document, Stream<? extends DomainEventData<?>>> extract;
    /**
     * The documents at the positions read last, events and voids alike: a filled position never changes, so the
     * processor segments of this instance, which each read every position, read each one from the database once.
     */
    private final Map<Long, Document> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Document> eldest) {
            return size() > REMEMBERED_POSITIONS;
        }
    };

    private final Map<Long, Long> emptySince = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > WATCHED_GAPS;
        }
    };

    TrackedReads(
            EventPositions positions,
            Duration gapWait,
            Function<Document, Stream<? extends DomainEventData<?>>> extract) {
        this.positions = positions;
        this.gapWait = gapWait;
        this.extract = extract;
    }

    /** The position a token stands at: every event up to it has been read. Any other kind of token reads from 0. */
    static long positionOf(TrackingToken token) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return lowerBound instanceof GlobalSequenceTrackingToken global ? global.getGlobalIndex() : 0;
    }

    List<? extends TrackedEventData<?>> after(
            MongoCollection<Document> events, TrackingToken lastToken, int batchSize) {
        List<TrackedEventData<?>> read = new ArrayList<>();
        long next = positionOf(lastToken) + 1;
        long last = positions.lastKnown();
        boolean counterRead = false;
        // Positions that hold no event (voids) are passed over; the read goes on until it holds an event, meets a
        // position still waited for, or has passed the last position taken.
        while (true) {
            if (next > last) {
                // Everything this instance knows of is read (or void). This instance's own appends are known without
                // a read; the counter is read for the others', at most every COUNTER_FRESH: a reader that has just
                // caught up asks again at once, and would read it twice in a row. A read that passed over voids up
                // to the last position known must look at the counter too, or it would wait there for an append of
                // this instance while other instances' events are stored after the voids.
                long now = System.nanoTime();
                if (counterRead || now - counterReadAt < COUNTER_FRESH.toNanos()) {
                    return read;
                }
                counterReadAt = now;
                counterRead = true;
                last = positions.last();
                if (next > last) {
                    return read;
                }
            }
            long upTo = Math.min(last, next + batchSize - 1);
            long stoppedAt = readRange(events, next, upTo, read);
            if (!read.isEmpty() || stoppedAt <= upTo) {
                return read;
            }
            next = stoppedAt;
        }
    }

    /** Reads positions {@code first} to {@code upTo} into {@code read}; answers the position it stopped at. */
    private long readRange(MongoCollection<Document> events, long first, long upTo, List<TrackedEventData<?>> read) {
        Map<Long, Document> stored = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        synchronized (remembered) {
            for (long position = first; position <= upTo; position++) {
                Document known = remembered.get(position);
                if (known == null) {
                    missing.add(position);
                } else {
                    stored.put(position, known);
                }
            }
        }
        // A few positions a query: the embedded server matches every document found against the whole list.
        for (int from = 0; from < missing.size(); from += EventKeys.MOST_KEYS) {
            List<Long> wanted = missing.subList(from, Math.min(missing.size(), from + EventKeys.MOST_KEYS));
            for (Document document : events.find(Filters.in(EventKeys.POSITION, wanted))) {
                long position = ((Number) document.get(EventKeys.POSITION)).longValue();
                stored.put(position, document);
                synchronized (remembered) {
                    remembered.put(position, document);
                }
            }
        }
        long position = first;
        for (; position <= upTo; position++) {
            Document document = stored.get(position);
            if (document == null && !voidedAfterWaiting(events, position)) {
                break;
            }
            forget(position);
            if (document != null && !EventKeys.isVoid(document)) {
                TrackingToken token = new GlobalSequenceTrackingToken(position);
                extract.apply(document).forEach(event -> read.add(new TrackedDomainEventData<>(token, event)));
            }
        }
        return position;
    }

    /**
     * Whether the empty {@code position} is given up on: seen empty for {@code gapWait} and now void (voided
     * here, or filled by a late insert that lost the race, which the next read finds).
     */
    private boolean voidedAfterWaiting(MongoCollection<Document> events, long position) {
        long now = System.nanoTime();
        Long since;
        synchronized (emptySince) {
            since = emptySince.putIfAbsent(position, now);
        }
        if (since == null || now - since < gapWait.toNanos()) {
            return false;
        }
        try {
            events.insertOne(EventKeys.voidAt(position));
            log.warn(
                    "Position {} of the event store stayed empty for {}: voided, the append that took it failed",
                    position,
                    gapWait);
            return true;
        } catch (MongoWriteException | MongoBulkWriteException filled) {
            // an insert got there first: read again
            return false;
        }
    }

    private void forget(long position) {
        synchronized (emptySince) {
            emptySince.remove(position);
        }
    }
}
