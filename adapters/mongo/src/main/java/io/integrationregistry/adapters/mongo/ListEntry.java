package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.RequestParameters;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Date;
import java.util.function.BiConsumer;

/** The stored shape of one entry of the integration list, and how each event changes it. */
final class ListEntry {

    static final String ID = "_id";
    static final String COMPANY_ID = "companyId";
    static final String NAME = "name";
    static final String NAME_KEY = "nameKey";
    static final String BASE_API_URL = "baseApiUrl";
    static final String REQUEST_PARAMETERS = "requestParameters";
    static final String STATUS = "status";
    static final String VERSION = "version";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String LAST_CHANGED_BY = "lastChangedBy";
    static final String AUTHENTICATION = "authentication";

    private ListEntry() {}

    /** The whole entry, written only when it does not exist yet, so a replayed addition never undoes later changes. */
    static Update insertedBy(RecordedEvent recorded, IntegrationAdded added) {
        Update update = new Update();
        BiConsumer<String, Object> insertOnly = update::setOnInsert;
        editableFields(added.name(), added.baseApiUrl(), added.requestParameters(), added.authentication(), insertOnly);
        insertOnly.accept(COMPANY_ID, added.companyId().value());
        insertOnly.accept(STATUS, (added.active() ? IntegrationStatus.ACTIVE : IntegrationStatus.INACTIVE).name());
        insertOnly.accept(CREATED_AT, Date.from(added.occurredAt()));
        insertOnly.accept(UPDATED_AT, Date.from(added.occurredAt()));
        insertOnly.accept(LAST_CHANGED_BY, recorded.actor());
        insertOnly.accept(VERSION, recorded.sequence());
        return update;
    }

    /** The fields a later event changes, stamped with its sequence number as the entry's version. */
    static Update changedBy(RecordedEvent recorded) {
        IntegrationEvent event = recorded.event();
        Update update = new Update()
                .set(VERSION, recorded.sequence())
                .set(UPDATED_AT, Date.from(event.occurredAt()))
                .set(LAST_CHANGED_BY, recorded.actor());
        if (event instanceof IntegrationEdited edited) {
            editableFields(
                    edited.name(),
                    edited.baseApiUrl(),
                    edited.requestParameters(),
                    edited.authentication(),
                    update::set);
        } else if (event instanceof IntegrationActivated) {
            update.set(STATUS, IntegrationStatus.ACTIVE.name());
        } else if (event instanceof IntegrationDeactivated) {
            update.set(STATUS, IntegrationStatus.INACTIVE.name());
        } else {
            throw new IllegalArgumentException(
                    "not a change of an existing entry: " + event.getClass().getName());
        }
        return update;
    }

    static IntegrationView view(Document stored) {
        return new IntegrationView(
                stored.getString(ID),
                stored.getString(COMPANY_ID),
                stored.getString(NAME),
                stored.getString(BASE_API_URL),
                stored.getString(REQUEST_PARAMETERS),
                IntegrationStatus.valueOf(stored.getString(STATUS)),
                stored.get(VERSION, Number.class).longValue(),
                stored.getDate(CREATED_AT).toInstant(),
                stored.getDate(UPDATED_AT).toInstant(),
                stored.getString(LAST_CHANGED_BY),
                AuthenticationDocument.view(stored.get(AUTHENTICATION, Document.class)));
    }

    private static void editableFields(
            IntegrationName name,
            BaseApiUrl baseApiUrl,
            RequestParameters parameters,
            Authentication authentication,
            BiConsumer<String, Object> field) {
        field.accept(NAME, name.value());
        field.accept(NAME_KEY, name.uniquenessKey());
        field.accept(BASE_API_URL, baseApiUrl.value());
        field.accept(REQUEST_PARAMETERS, parameters.value());
        field.accept(AUTHENTICATION, AuthenticationDocument.of(authentication));
    }
}
