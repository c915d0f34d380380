package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.ForKeepingIdReservations;
import io.integrationregistry.application.integrations.port.out.IdReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Integration ids reserved ahead of their integration, one document per id (the id is the document's
 * key, so an id is never reserved twice). A TTL index on the expiry lets MongoDB purge the reservations
 * nobody used; servers without TTL indexes keep them until the company's next reservation removes its
 * expired ones, and reads answer expired reservations for the caller to judge. An index on company and
 * expiry serves the count of a company's open reservations and the removal of its expired ones.
 */
public class MongoIdReservations implements ForKeepingIdReservations {

    static final String COLLECTION = "integration_id_reservations";
    static final String ID = "_id";
    static final String COMPANY_ID = "companyId";
    static final String RESERVED_AT = "reservedAt";
    static final String EXPIRES_AT = "expiresAt";

    private final MongoTemplate mongo;

    public MongoIdReservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the TTL index on the expiry and the company's index, unless they exist; safe at every start. */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index()
                        .on(EXPIRES_AT, Sort.Direction.ASC)
                        .expire(Duration.ZERO)
                        .named("expires_at_ttl"));
        mongo.indexOps(COLLECTION)
                .createIndex(new Index()
                        .on(COMPANY_ID, Sort.Direction.ASC)
                        .on(EXPIRES_AT, Sort.Direction.ASC)
                        .named("company_expires_at"));
    }

    @Override
    public void reserve(IdReservation reservation) {
        Document stored = new Document(ID, reservation.id().value())
                .append(COMPANY_ID, reservation.company().value());
        PreciseInstants.put(stored, RESERVED_AT, reservation.reservedAt());
        PreciseInstants.put(stored, EXPIRES_AT, reservation.expiresAt());
        mongo.insert(stored, COLLECTION);
    }

    @Override
    public Optional<IdReservation> find(IntegrationId id) {
        return Optional.ofNullable(
                        mongo.findOne(Query.query(Criteria.where(ID).is(id.value())), Document.class, COLLECTION))
                .map(found -> new IdReservation(
                        new IntegrationId(found.getString(ID)),
                        new CompanyId(found.getString(COMPANY_ID)),
                        PreciseInstants.get(found, RESERVED_AT),
                        PreciseInstants.get(found, EXPIRES_AT)));
    }

    @Override
    public long countOpen(CompanyId company, Instant now) {
        // BSON dates hold milliseconds: a reservation expiring within the current millisecond counts as open,
        // one more than the application's own judgement, never one fewer.
        return mongo.count(
                Query.query(Criteria.where(COMPANY_ID)
                        .is(company.value())
                        .and(EXPIRES_AT)
                        .gte(Date.from(now))),
                COLLECTION);
    }

    @Override
    public void removeExpired(CompanyId company, Instant now) {
        mongo.remove(
                Query.query(Criteria.where(COMPANY_ID)
                        .is(company.value())
                        .and(EXPIRES_AT)
                        .lt(Date.from(now))),
                COLLECTION);
    }

    @Override
    public void release(CompanyId company, IntegrationId id) {
        mongo.remove(
                Query.query(Criteria.where(ID).is(id.value()).and(COMPANY_ID).is(company.value())), COLLECTION);
    }
}
