package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.RememberedRequest;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys of creation requests, one document per company and key under a unique index. A TTL
 * index on the first-seen time lets the database delete a key once its retention is over; the service
 * treats a key past its retention as gone whether or not it was deleted yet (TTL deletion runs about once
 * a minute, and a server may not run it at all).
 */
public class MongoIdempotencyKeys implements ForRememberingIdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String TTL_INDEX = "first_seen_ttl";
    private static final String FIRST_SEEN = "firstSeen";

    private final MongoTemplate mongo;
    private final Duration retention;

    /** @param retention how long a key is remembered: its documents expire that long after first seen */
    public MongoIdempotencyKeys(MongoTemplate mongo, Duration retention) {
        this.mongo = mongo;
        this.retention = retention;
    }

    /**
     * Creates the unique index and the TTL index, unless they exist; safe to call at every start. A TTL
     * index left by another retention is replaced, since a server refuses to change it in place.
     */
    public void ensureIndexes() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index()
                .on("companyId", Sort.Direction.ASC)
                .on("key", Sort.Direction.ASC)
                .unique()
                .named("company_key_unique"));
        boolean otherRetention = indexes.getIndexInfo().stream()
                .anyMatch(index -> index.getName().equals(TTL_INDEX)
                        && !index.getExpireAfter().map(retention::equals).orElse(false));
        if (otherRetention) {
            indexes.dropIndex(TTL_INDEX);
        }
        indexes.createIndex(
                new Index().on(FIRST_SEEN, Sort.Direction.ASC).expire(retention).named(TTL_INDEX));
    }

    @Override
    public Optional<RememberedRequest> claim(CompanyId company, String key, RememberedRequest request) {
        try {
            mongo.insert(KeyDocument.of(company, key, request), COLLECTION);
            return Optional.empty();
        } catch (DuplicateKeyException alreadyThere) {
            return find(company, key);
        }
    }

    @Override
    public boolean replace(CompanyId company, String key, RememberedRequest expired, RememberedRequest request) {
        Update update = new Update()
                .set("integrationId", request.integrationId().value())
                .set("salt", request.salt())
                .set("fingerprint", request.fingerprint())
                .set(FIRST_SEEN, request.firstSeen())
                .set("answer", request.answer());
        return mongo.updateFirst(exactly(company, key, expired), update, COLLECTION)
                        .getMatchedCount()
                == 1;
    }

    @Override
    public Optional<RememberedRequest> find(CompanyId company, String key) {
        return Optional.ofNullable(mongo.findOne(byKey(company, key), KeyDocument.class, COLLECTION))
                .map(KeyDocument::request);
    }

    @Override
    public void answer(CompanyId company, String key, RememberedRequest request, RememberedRequest answered) {
        mongo.updateFirst(exactly(company, key, request), new Update().set("answer", answered.answer()), COLLECTION);
    }

    @Override
    public void forget(CompanyId company, String key, RememberedRequest request) {
        mongo.remove(exactly(company, key, request), COLLECTION);
    }

    private static Query byKey(CompanyId company, String key) {
        return Query.query(
                Criteria.where("companyId").is(company.value()).and("key").is(key));
    }

    private static Query exactly(CompanyId company, String key, RememberedRequest request) {
        return byKey(company, key)
                .addCriteria(Criteria.where("integrationId")
                        .is(request.integrationId().value()))
                .addCriteria(Criteria.where("fingerprint").is(request.fingerprint()));
    }

    record KeyDocument(
            String id,
            String companyId,
            String key,
            String integrationId,
            String salt,
            String fingerprint,
            Instant firstSeen,
            IntegrationView answer) {

        static KeyDocument of(CompanyId company, String key, RememberedRequest request) {
            return new KeyDocument(
                    null,
                    company.value(),
                    key,
                    request.integrationId().value(),
                    request.salt(),
                    request.fingerprint(),
                    request.firstSeen(),
                    request.answer());
        }

        RememberedRequest request() {
            return new RememberedRequest(new IntegrationId(integrationId), salt, fingerprint, firstSeen, answer);
        }
    }
}
