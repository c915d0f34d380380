package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.port.out.RememberedRequest;
import io.integrationregistry.application.view.IntegrationView;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys of creation requests, one document per company and key under a unique index. */
public final class MongoIdempotencyKeys implements ForRememberingIdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";

    private final MongoTemplate mongo;

    public MongoIdempotencyKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("companyId", Sort.Direction.ASC)
                .on("key", Sort.Direction.ASC).unique().named("company_key_unique"));
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
                .set("firstSeen", request.firstSeen())
                .set("answer", request.answer());
        return mongo.updateFirst(exactly(company, key, expired), update, COLLECTION).getMatchedCount() == 1;
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
        return Query.query(Criteria.where("companyId").is(company.value()).and("key").is(key));
    }

    private static Query exactly(CompanyId company, String key, RememberedRequest request) {
        return byKey(company, key)
                .addCriteria(Criteria.where("integrationId").is(request.integrationId().value()))
                .addCriteria(Criteria.where("fingerprint").is(request.fingerprint()));
    }

    record KeyDocument(String id, String companyId, String key, String integrationId, String salt,
                       String fingerprint, Instant firstSeen, IntegrationView answer) {

        static KeyDocument of(CompanyId company, String key, RememberedRequest request) {
            return new KeyDocument(null, company.value(), key, request.integrationId().value(), request.salt(),
                    request.fingerprint(), request.firstSeen(), request.answer());
        }

        RememberedRequest request() {
            return new RememberedRequest(new IntegrationId(integrationId), salt, fingerprint, firstSeen, answer);
        }
    }
}
