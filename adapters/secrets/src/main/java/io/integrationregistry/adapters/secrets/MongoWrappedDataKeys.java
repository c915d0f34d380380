package io.integrationregistry.adapters.secrets;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The wrapped data keys in the collection {@value #COLLECTION}, one document per integration under its
 * id: the unique {@code _id} makes the first of two concurrent creations win, and the revision makes a
 * re-wrap a compare-and-set. An outage of the database leaves it as the application's
 * {@code StorageUnavailable}.
 */
public final class MongoWrappedDataKeys implements WrappedDataKeys {

    public static final String COLLECTION = "integration_data_keys";
    static final String WRAPPED_KEY = "wrappedKey";
    static final String MASTER_KEY_ID = "masterKeyId";
    static final String CREATED_AT = "createdAt";
    static final String REWRAPPED_AT = "rewrappedAt";
    static final String REVISION = "revision";

    private final MongoTemplate mongo;

    public MongoWrappedDataKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<WrappedDataKey> find(String integrationId) {
        try {
            return Optional.ofNullable(mongo.findOne(byId(integrationId), Document.class, COLLECTION))
                    .map(MongoWrappedDataKeys::dataKey);
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    @Override
    public boolean insertIfAbsent(WrappedDataKey dataKey) {
        Document document = new Document("_id", dataKey.integrationId())
                .append(WRAPPED_KEY, new Binary(dataKey.wrappedKey()))
                .append(MASTER_KEY_ID, dataKey.masterKeyId())
                .append(CREATED_AT, Date.from(dataKey.createdAt()))
                .append(REWRAPPED_AT, dataKey.rewrappedAt() == null ? null : Date.from(dataKey.rewrappedAt()))
                .append(REVISION, dataKey.revision());
        try {
            mongo.insert(document, COLLECTION);
            return true;
        } catch (DuplicateKeyException anotherInstanceWasFaster) {
            return false;
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    @Override
    public boolean rewrap(WrappedDataKey current, byte[] wrappedKey, String masterKeyId, Instant at) {
        Query stillAsRead = byId(current.integrationId())
                .addCriteria(Criteria.where(REVISION).is(current.revision()));
        Update rewrapped = new Update()
                .set(WRAPPED_KEY, new Binary(wrappedKey))
                .set(MASTER_KEY_ID, masterKeyId)
                .set(REWRAPPED_AT, Date.from(at))
                .set(REVISION, current.revision() + 1);
        try {
            return mongo.updateFirst(stillAsRead, rewrapped, COLLECTION).getMatchedCount() == 1;
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    @Override
    public void forEach(Consumer<WrappedDataKey> action) {
        Query all = new Query().with(Sort.by(Sort.Direction.ASC, "_id"));
        try (Stream<Document> documents = mongo.stream(all, Document.class, COLLECTION)) {
            documents.map(MongoWrappedDataKeys::dataKey).forEach(action);
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    private static Query byId(String integrationId) {
        return Query.query(Criteria.where("_id").is(integrationId));
    }

    private static WrappedDataKey dataKey(Document document) {
        Object wrapped = document.get(WRAPPED_KEY);
        byte[] bytes = wrapped instanceof Binary binary ? binary.getData() : (byte[]) wrapped;
        Date rewrappedAt = document.getDate(REWRAPPED_AT);
        Number revision = document.get(REVISION, Number.class);
        return new WrappedDataKey(
                document.getString("_id"),
                bytes,
                document.getString(MASTER_KEY_ID),
                document.getDate(CREATED_AT).toInstant(),
                rewrappedAt == null ? null : rewrappedAt.toInstant(),
                revision == null ? 0 : revision.longValue());
    }
}
