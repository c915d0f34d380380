package io.integrationregistry.adapters.mongo;

import io.integrationregistry.domain.IntegrationName;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.function.Function;

/**
 * Rewrites stored name keys to the current {@link IntegrationName#uniquenessKey()} at start-up. Each
 * document is rewritten by one conditional update on its former key, so that running it again, or on
 * two instances at once, changes nothing more. A reservation is never deleted on the way: should two
 * stored names become one key (say "Straße" and "STRASSE"), the one whose key is already the current
 * one keeps it (else the oldest takes it), the other keeps its former key, and a warning names it. Both
 * integrations keep their names and stay editable; no new integration can take that name (its current key
 * is held); the former key is held by nobody's name any more and is left behind once its holder is renamed.
 */
final class NameKeyMigration {

    private static final Logger log = LoggerFactory.getLogger(NameKeyMigration.class);
    private static final String ID = "_id";

    private NameKeyMigration() {}

    /** Rewrites the key of every reservation, the oldest first; answers how many it rewrote. */
    static int reservations(
            MongoTemplate mongo, String collection, String keyField, String companyField, String reservedAtField) {
        Query oldestFirst = new Query().with(Sort.by(Sort.Direction.ASC, reservedAtField, ID));
        oldestFirst.fields().include(keyField).include(companyField);
        int rewritten = 0;
        for (Document reservation : mongo.find(oldestFirst, Document.class, collection)) {
            String former = reservation.getString(keyField);
            String current = IntegrationName.keyOf(former);
            if (current.equals(former)) {
                continue;
            }
            try {
                rewritten += rewrite(mongo, collection, reservation.get(ID), keyField, former, current);
            } catch (DuplicateKeyException collides) {
                log.warn(
                        "The name reservation {} of company {} keeps its former key: another reservation of the "
                                + "company already holds its current key '{}'; both integrations keep their names",
                        reservation.get(ID),
                        reservation.getString(companyField),
                        current);
            }
        }
        return rewritten;
    }

    /** Rewrites the key of every entry from its stored name; answers how many it rewrote. */
    static int entries(MongoTemplate mongo, String collection, String nameField, String keyField) {
        Query all = new Query();
        all.fields().include(nameField).include(keyField);
        List<Document> entries = mongo.find(all, Document.class, collection);
        Function<Document, String> currentKey = entry -> IntegrationName.keyOf(entry.getString(nameField));
        int rewritten = 0;
        for (Document entry : entries) {
            if (entry.getString(nameField) == null || currentKey.apply(entry).equals(entry.getString(keyField))) {
                continue;
            }
            rewritten += rewrite(
                    mongo, collection, entry.get(ID), keyField, entry.getString(keyField), currentKey.apply(entry));
        }
        return rewritten;
    }

    private static int rewrite(
            MongoTemplate mongo, String collection, Object id, String keyField, String former, String current) {
        Query stillFormer = Query.query(Criteria.where(ID).is(id).and(keyField).is(former));
        return (int) mongo.updateFirst(stillFormer, Update.update(keyField, current), collection)
                .getModifiedCount();
    }
}
