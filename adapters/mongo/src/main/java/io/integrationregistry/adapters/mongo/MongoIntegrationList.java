package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.port.out.ForKeepingTheIntegrationList;
import io.integrationregistry.application.port.out.ForListingIntegrations;
import io.integrationregistry.application.port.out.RecordedEvent;
import io.integrationregistry.application.view.AuthenticationView;
import io.integrationregistry.application.view.IntegrationPage;
import io.integrationregistry.application.view.IntegrationQuery;
import io.integrationregistry.application.view.IntegrationView;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The integration list read model: one document per integration, holding no secret but whether each
 * is set. Every write is one conditional single-document update, so that applying an event twice or
 * out of date changes nothing, without transactions.
 */
public final class MongoIntegrationList implements ForListingIntegrations, ForKeepingTheIntegrationList {

    static final String COLLECTION = "integration_list";

    private final MongoTemplate mongo;

    public MongoIntegrationList(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void ensureIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.ensureIndex(new Index().on("companyId", Sort.Direction.ASC).on("nameKey", Sort.Direction.ASC)
                .named("company_name"));
        indexes.ensureIndex(new Index().on("companyId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("nameKey", Sort.Direction.ASC).named("company_status_name"));
    }

    @Override
    public void apply(RecordedEvent recorded) {
        IntegrationEvent event = recorded.event();
        if (event instanceof IntegrationAdded added) {
            Update insertOnly = new Update();
            fields(added.name(), added.baseApiUrl().value(), added.requestParameters().value(),
                    added.authentication()).forEach(insertOnly::setOnInsert);
            insertOnly.setOnInsert("companyId", added.companyId().value())
                    .setOnInsert("status", added.active() ? IntegrationStatus.ACTIVE.name() : IntegrationStatus.INACTIVE.name())
                    .setOnInsert("createdAt", added.occurredAt())
                    .setOnInsert("updatedAt", added.occurredAt())
                    .setOnInsert("lastChangedBy", recorded.actor())
                    .setOnInsert("version", recorded.sequence());
            mongo.upsert(byId(added.integrationId()), insertOnly, COLLECTION);
            return;
        }
        Update update = new Update()
                .set("version", recorded.sequence())
                .set("updatedAt", event.occurredAt())
                .set("lastChangedBy", recorded.actor());
        if (event instanceof IntegrationEdited edited) {
            fields(edited.name(), edited.baseApiUrl().value(), edited.requestParameters().value(),
                    edited.authentication()).forEach(update::set);
        } else if (event instanceof IntegrationActivated) {
            update.set("status", IntegrationStatus.ACTIVE.name());
        } else if (event instanceof IntegrationDeactivated) {
            update.set("status", IntegrationStatus.INACTIVE.name());
        }
        mongo.updateFirst(byId(event.integrationId()).addCriteria(Criteria.where("version").lt(recorded.sequence())),
                update, COLLECTION);
    }

    @Override
    public void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @Override
    public IntegrationPage page(CompanyId company, IntegrationQuery query) {
        Criteria criteria = Criteria.where("companyId").is(company.value());
        query.status().ifPresent(status -> criteria.and("status").is(status.name()));
        query.nameContains().ifPresent(part ->
                criteria.and("nameKey").regex(Pattern.quote(part.toLowerCase(Locale.ROOT))));
        long total = mongo.count(Query.query(criteria), COLLECTION);
        Query page = Query.query(criteria)
                .with(Sort.by("nameKey", "_id"))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        List<IntegrationView> items = mongo.find(page, IntegrationDocument.class, COLLECTION).stream()
                .map(IntegrationDocument::view)
                .toList();
        return new IntegrationPage(items, query.page(), query.size(), total);
    }

    @Override
    public Optional<IntegrationView> find(CompanyId company, IntegrationId id) {
        return Optional.ofNullable(mongo.findOne(byId(id).addCriteria(Criteria.where("companyId").is(company.value())),
                        IntegrationDocument.class, COLLECTION))
                .map(IntegrationDocument::view);
    }

    private static Query byId(IntegrationId id) {
        return Query.query(Criteria.where("_id").is(id.value()));
    }

    private static java.util.Map<String, Object> fields(IntegrationName name, String baseApiUrl,
                                                         String requestParameters, Authentication authentication) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", name.value());
        fields.put("nameKey", name.uniquenessKey());
        fields.put("baseApiUrl", baseApiUrl);
        fields.put("requestParameters", requestParameters);
        fields.put("authentication", AuthenticationView.of(authentication));
        return fields;
    }
}
