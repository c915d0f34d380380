package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.NameReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Name reservations, one document per company and name key under a unique index: the index, not a
 * read before the write, is what lets only one of two concurrent reservations succeed.
 */
public class MongoNameReservations implements ForReservingNames {

    static final String COLLECTION = "integration_names";
    private static final String COMPANY_ID = "companyId";
    private static final String NAME_KEY = "nameKey";
    private static final String HOLDER = "holder";
    private static final String RESERVED_AT = "reservedAt";

    private final MongoTemplate mongo;

    public MongoNameReservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the unique index on company and name key, unless it exists; safe to call at every start. */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index()
                        .on(COMPANY_ID, Sort.Direction.ASC)
                        .on(NAME_KEY, Sort.Direction.ASC)
                        .unique()
                        .named("company_name_unique"));
    }

    /**
     * Rewrites the stored keys to the current form of name keys (see {@link NameKeyMigration}); safe to
     * call at every start. Answers how many it rewrote.
     */
    public int migrateNameKeys() {
        return NameKeyMigration.reservations(mongo, COLLECTION, NAME_KEY, COMPANY_ID, RESERVED_AT);
    }

    @Override
    public boolean tryReserve(CompanyId company, String nameKey, IntegrationId holder, Instant at) {
        Document reservation = new Document(COMPANY_ID, company.value())
                .append(NAME_KEY, nameKey)
                .append(HOLDER, holder.value())
                .append(RESERVED_AT, Date.from(at));
        try {
            mongo.insert(reservation, COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<NameReservation> reservationOf(CompanyId company, String nameKey) {
        return Optional.ofNullable(mongo.findOne(byName(company, nameKey), Document.class, COLLECTION))
                .map(found -> new NameReservation(
                        new IntegrationId(found.getString(HOLDER)),
                        found.getDate(RESERVED_AT).toInstant()));
    }

    @Override
    public boolean replace(CompanyId company, String nameKey, NameReservation stale, IntegrationId holder, Instant at) {
        Query exactlyTheStaleOne = byName(company, nameKey)
                .addCriteria(Criteria.where(HOLDER).is(stale.holder().value()))
                .addCriteria(Criteria.where(RESERVED_AT).is(Date.from(stale.reservedAt())));
        Update takeOver = new Update().set(HOLDER, holder.value()).set(RESERVED_AT, Date.from(at));
        return mongo.updateFirst(exactlyTheStaleOne, takeOver, COLLECTION).getMatchedCount() == 1;
    }

    @Override
    public void release(CompanyId company, String nameKey, IntegrationId holder) {
        mongo.remove(byName(company, nameKey).addCriteria(Criteria.where(HOLDER).is(holder.value())), COLLECTION);
    }

    private static Query byName(CompanyId company, String nameKey) {
        return Query.query(
                Criteria.where(COMPANY_ID).is(company.value()).and(NAME_KEY).is(nameKey));
    }
}
