package io.integrationregistry.adapters.mongo;

import com.mongodb.client.model.Filters;
import io.integrationregistry.domain.InvalidValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.AT;
import static io.integrationregistry.adapters.mongo.ProviderCallDocuments.ID;

/** Where a page of the provider-call log ended: the last entry's start and id, as an opaque URL-safe cursor. */
record ProviderCallCursor(Date at, ObjectId id) {

    static ProviderCallCursor after(Document entry) {
        return new ProviderCallCursor(entry.getDate(AT), entry.getObjectId(ID));
    }

    /** The entries that come after this one, newest first. */
    Bson before() {
        return Filters.or(Filters.lt(AT, at), Filters.and(Filters.eq(AT, at), Filters.lt(ID, id)));
    }

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((at.getTime() + ":" + id.toHexString()).getBytes(StandardCharsets.UTF_8));
    }

    static ProviderCallCursor decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = decoded.indexOf(':');
            if (separator <= 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new ProviderCallCursor(
                    new Date(Long.parseLong(decoded.substring(0, separator))),
                    new ObjectId(decoded.substring(separator + 1)));
        } catch (IllegalArgumentException notACursor) {
            throw new InvalidValue("cursor", "is not a cursor of this log");
        }
    }
}
