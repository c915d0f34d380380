package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.InvalidValue;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.integrationregistry.adapters.mongo.AuditDocuments.ACTOR;
import static io.integrationregistry.adapters.mongo.AuditDocuments.AT;
import static io.integrationregistry.adapters.mongo.AuditDocuments.COMPANY;
import static io.integrationregistry.adapters.mongo.AuditDocuments.ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.INTEGRATION_ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.REQUEST_ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.SOURCE;
import static io.integrationregistry.adapters.mongo.AuditDocuments.TYPE;

/**
 * How the audit trail is filtered, ordered and paged: the filter of a query (always within one company), the
 * sort of its order, the cursor of a page, and the indexes that serve them. Every index starts with the company
 * and ends on time and event id, the order of the pages; a scan backwards serves the oldest first.
 */
final class AuditTrailQueries {

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending(AT), Sorts.descending(ID));
    private static final Bson OLDEST_FIRST = Sorts.orderBy(Sorts.ascending(AT), Sorts.ascending(ID));

    private AuditTrailQueries() {}

    static void ensureIndexes(MongoCollection<Document> entries) {
        entries.createIndex(
                Indexes.compoundIndex(Indexes.ascending(COMPANY), Indexes.descending(AT), Indexes.descending(ID)),
                new IndexOptions().name("company_newest"));
        for (String field : List.of(INTEGRATION_ID, ACTOR, TYPE, SOURCE, REQUEST_ID)) {
            entries.createIndex(
                    Indexes.compoundIndex(
                            Indexes.ascending(COMPANY),
                            Indexes.ascending(field),
                            Indexes.descending(AT),
                            Indexes.descending(ID)),
                    new IndexOptions().name("company_" + field + "_newest"));
        }
    }

    static Bson sort(AuditQuery query) {
        return query.order() == AuditQuery.Order.OLDEST_FIRST ? OLDEST_FIRST : NEWEST_FIRST;
    }

    static Bson filter(CompanyId company, AuditQuery query) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(COMPANY, company.value()));
        query.integrationId().ifPresent(id -> filters.add(Filters.eq(INTEGRATION_ID, id)));
        // Part of the name, any case; what was typed is taken literally, never as a pattern.
        query.actor()
                .ifPresent(actor -> filters.add(
                        Filters.regex(ACTOR, Pattern.compile(Pattern.quote(actor), Pattern.CASE_INSENSITIVE))));
        query.type().ifPresent(type -> filters.add(Filters.eq(TYPE, type.name())));
        // Connection tests of earlier versions kept the source in capitals.
        query.source()
                .ifPresent(source -> filters.add(
                        Filters.in(SOURCE, source.toLowerCase(Locale.ROOT), source.toUpperCase(Locale.ROOT))));
        query.requestId().ifPresent(requestId -> filters.add(Filters.eq(REQUEST_ID, requestId)));
        query.from().ifPresent(from -> filters.add(Filters.gte(AT, Date.from(from))));
        query.to().ifPresent(to -> filters.add(Filters.lt(AT, Date.from(to))));
        return Filters.and(filters);
    }

    /** The entries after the cursor's position in the query's order. */
    static Bson after(AuditQuery query, String cursor) {
        Position after = Position.decode(cursor);
        boolean oldestFirst = query.order() == AuditQuery.Order.OLDEST_FIRST;
        return Filters.or(
                oldestFirst ? Filters.gt(AT, after.at()) : Filters.lt(AT, after.at()),
                Filters.and(
                        Filters.eq(AT, after.at()),
                        oldestFirst ? Filters.gt(ID, after.eventId()) : Filters.lt(ID, after.eventId())));
    }

    static String cursor(Date at, String eventId) {
        return new Position(at, eventId).encode();
    }

    /** Where a page ended: the last entry's time and event id, as an opaque URL-safe cursor. */
    private record Position(Date at, String eventId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((at.getTime() + ":" + eventId).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int separator = decoded.indexOf(':');
                if (separator <= 0 || separator == decoded.length() - 1) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Position(
                        new Date(Long.parseLong(decoded.substring(0, separator))), decoded.substring(separator + 1));
            } catch (IllegalArgumentException notACursor) {
                throw new InvalidValue("cursor", "is not a cursor of this trail");
            }
        }
    }
}
