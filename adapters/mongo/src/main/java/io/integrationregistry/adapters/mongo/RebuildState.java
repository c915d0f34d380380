package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Where the rebuild of one read model stands, kept in one document of {@code read_model_rebuilds} so that
 * every instance follows the same: no document (or {@code SERVING}) while none runs; {@code PREPARING} from the
 * request until the rebuild feed is set up to start from the first event (no instance runs it meanwhile);
 * {@code REPLAYING} while every instance runs the rebuild feed, with the segments caught up so far;
 * {@code FINISHING} while one instance brings the served model to the rebuilt one. Each move is one
 * conditional single-document write, so two requests never both start a rebuild and two instances never both
 * finish one; one that died while finishing is taken over after {@link #FINISHING_TAKEN_OVER_AFTER},
 * finishing being idempotent.
 */
final class RebuildState {

    static final String COLLECTION = "read_model_rebuilds";
    static final Duration FINISHING_TAKEN_OVER_AFTER = Duration.ofMinutes(1);

    private static final String PHASE = "phase";
    private static final String CAUGHT_UP = "caughtUp";
    private static final String SINCE = "since";
    private static final String UP_TO = "upTo";
    private static final String SETTING_UP = "settingUpSince";
    private static final String PREPARING = "PREPARING";
    private static final String REPLAYING = "REPLAYING";
    private static final String FINISHING = "FINISHING";
    private static final String SERVING = "SERVING";
    private static final int DUPLICATE_KEY = 11000;

    /**
     * How long this instance trusts what it last read of the phase. It only answers the status: which feed
     * gets which event does not depend on it.
     */
    private static final long TRUSTED_NANOS = Duration.ofSeconds(1).toNanos();

    private final MongoTemplate mongo;
    private final String model;
    private volatile boolean lastUnderWay;
    private volatile long lastReadAt = System.nanoTime() - TRUSTED_NANOS;

    RebuildState(MongoTemplate mongo, String model) {
        this.mongo = mongo;
        this.model = model;
    }

    /** Whether a rebuild is under way, as read at most {@link #TRUSTED_NANOS} ago. */
    boolean underWay() {
        if (System.nanoTime() - lastReadAt < TRUSTED_NANOS) {
            return lastUnderWay;
        }
        Document state = states().find(Filters.eq("_id", model)).first();
        remember(state != null && List.of(PREPARING, REPLAYING, FINISHING).contains(state.getString(PHASE)));
        return lastUnderWay;
    }

    private void remember(boolean underWay) {
        lastUnderWay = underWay;
        lastReadAt = System.nanoTime();
    }

    /** Moves to {@code PREPARING} unless a rebuild is under way; answers whether it did. */
    boolean requested() {
        Bson idle = Filters.and(Filters.eq("_id", model), Filters.nin(PHASE, PREPARING, REPLAYING, FINISHING));
        Bson preparing = Updates.combine(
                Updates.set(PHASE, PREPARING),
                Updates.set(CAUGHT_UP, List.of()),
                Updates.set(SINCE, new Date()),
                Updates.unset(UP_TO),
                Updates.unset(SETTING_UP));
        try {
            UpdateResult result = states().updateOne(idle, preparing, new UpdateOptions().upsert(true));
            if (result.getModifiedCount() == 0 && result.getUpsertedId() == null) {
                return false;
            }
        } catch (MongoWriteException underWay) {
            // The upsert met the document of a rebuild under way (its phase did not match): none is started.
            if (underWay.getError().getCode() != DUPLICATE_KEY) {
                throw underWay;
            }
            return false;
        } catch (MongoCommandException underWay) {
            if (underWay.getErrorCode() != DUPLICATE_KEY) {
                throw underWay;
            }
            return false;
        }
        remember(true);
        return true;
    }

    boolean preparing() {
        return states().find(Filters.and(Filters.eq("_id", model), Filters.eq(PHASE, PREPARING)))
                        .first()
                != null;
    }

    /**
     * Answers true to the one caller that may set the requested rebuild up (empty the model beside the served one,
     * then {@link #replaying}): two instances emptying it at once could otherwise empty it after the rebuild feed
     * began to fill it. A caller silent for {@link #FINISHING_TAKEN_OVER_AFTER} is taken over.
     */
    boolean maySetUp() {
        Date now = new Date();
        Bson free = Filters.and(
                Filters.eq("_id", model),
                Filters.eq(PHASE, PREPARING),
                Filters.or(
                        Filters.exists(SETTING_UP, false),
                        Filters.lt(SETTING_UP, Date.from(now.toInstant().minus(FINISHING_TAKEN_OVER_AFTER)))));
        return states().findOneAndUpdate(free, Updates.set(SETTING_UP, now)) != null;
    }

    /** From {@code PREPARING} to {@code REPLAYING}; the model beside the served one must be empty by then. */
    void replaying(String upTo) {
        states().updateOne(
                        Filters.and(Filters.eq("_id", model), Filters.eq(PHASE, PREPARING)),
                        Updates.combine(
                                Updates.set(PHASE, REPLAYING),
                                Updates.set(UP_TO, upTo),
                                Updates.set(SINCE, new Date()),
                                Updates.unset(SETTING_UP)));
    }

    Optional<String> replayingUpTo() {
        Document state = states().find(Filters.and(Filters.eq("_id", model), Filters.in(PHASE, REPLAYING, FINISHING)))
                .first();
        return state == null ? Optional.empty() : Optional.ofNullable(state.getString(UP_TO));
    }

    /**
     * Records a caught-up segment; answers true to the one caller that may now finish the rebuild (every
     * segment caught up, or a finisher silent for too long).
     */
    boolean caughtUpAndMayFinish(int segment, int segments) {
        Document state = states().findOneAndUpdate(
                        Filters.and(Filters.eq("_id", model), Filters.eq(PHASE, REPLAYING)),
                        Updates.addToSet(CAUGHT_UP, segment),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        Date now = new Date();
        Bson mayFinish;
        if (state != null && state.getList(CAUGHT_UP, Integer.class, List.of()).size() >= segments) {
            mayFinish = Filters.eq(PHASE, REPLAYING);
        } else {
            mayFinish = Filters.and(
                    Filters.eq(PHASE, FINISHING),
                    Filters.lt(SINCE, Date.from(Instant.now().minus(FINISHING_TAKEN_OVER_AFTER))));
        }
        return states().findOneAndUpdate(
                                Filters.and(Filters.eq("_id", model), mayFinish),
                                Updates.combine(Updates.set(PHASE, FINISHING), Updates.set(SINCE, now)))
                != null;
    }

    void serving() {
        remember(false);
        states().updateOne(
                        Filters.and(Filters.eq("_id", model), Filters.eq(PHASE, FINISHING)),
                        Updates.combine(
                                Updates.set(PHASE, SERVING),
                                Updates.set(CAUGHT_UP, List.of()),
                                Updates.set(SINCE, new Date())));
    }

    private MongoCollection<Document> states() {
        return mongo.getCollection(COLLECTION);
    }
}
