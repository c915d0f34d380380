package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.port.out.ForReservingNames;
import io.integrationregistry.application.port.out.NameReservation;
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

/** Name reservations, one document per company and name key under a unique index. */
public final class MongoNameReservations implements ForReservingNames {

    static final String COLLECTION = "integration_names";

    private final MongoTemplate mongo;

    public MongoNameReservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("companyId", Sort.Direction.ASC)
                .on("nameKey", Sort.Direction.ASC).unique().named("company_name_unique"));
    }

    @Override
    public boolean tryReserve(CompanyId company, String nameKey, IntegrationId holder, Instant at) {
        try {
            mongo.insert(new ReservationDocument(null, company.value(), nameKey, holder.value(), at), COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<NameReservation> reservationOf(CompanyId company, String nameKey) {
        return Optional.ofNullable(mongo.findOne(byName(company, nameKey), ReservationDocument.class, COLLECTION))
                .map(found -> new NameReservation(new IntegrationId(found.holder()), found.reservedAt()));
    }

    @Override
    public boolean replace(CompanyId company, String nameKey, NameReservation stale, IntegrationId holder, Instant at) {
        Query exactlyTheStaleOne = byName(company, nameKey)
                .addCriteria(Criteria.where("holder").is(stale.holder().value()))
                .addCriteria(Criteria.where("reservedAt").is(stale.reservedAt()));
        return mongo.updateFirst(exactlyTheStaleOne,
                new Update().set("holder", holder.value()).set("reservedAt", at), COLLECTION).getModifiedCount() == 1;
    }

    @Override
    public void release(CompanyId company, String nameKey, IntegrationId holder) {
        mongo.remove(byName(company, nameKey).addCriteria(Criteria.where("holder").is(holder.value())), COLLECTION);
    }

    private static Query byName(CompanyId company, String nameKey) {
        return Query.query(Criteria.where("companyId").is(company.value()).and("nameKey").is(nameKey));
    }

    record ReservationDocument(String id, String companyId, String nameKey, String holder, Instant reservedAt) {
    }
}
