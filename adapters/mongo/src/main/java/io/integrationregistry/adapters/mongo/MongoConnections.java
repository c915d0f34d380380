package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Optional;

import static org.springframework.data.mongodb.core.ReplaceOptions.none;
import static org.springframework.data.mongodb.core.ReplaceOptions.replaceOptions;

/**
 * The users' OAuth 2.0 connections, one document per integration and user. The tokens are stored only
 * as their sealed secrets (key id, ciphertext and the optional hint), never in plain text. A refresh
 * replaces the document in one conditional write on its revision, so that of two racing refreshes
 * only one is stored, without transactions. The scope the provider granted is no secret and is stored
 * as it is; a document without one is a connection whose provider named no scope.
 */
public class MongoConnections implements ForKeepingConnections {

    static final String COLLECTION = "oauth2_connections";
    static final String ID = "_id";
    static final String INTEGRATION_ID = "integrationId";
    static final String USER = "user";
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String EXPIRES_AT = "expiresAt";
    static final String RECONNECT_REQUIRED = "reconnectRequired";
    static final String CLIENT_FINGERPRINT = "clientFingerprint";
    static final String CONNECTED_AT = "connectedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String REVISION = "revision";
    static final String GRANTED_SCOPE = "grantedScope";
    private static final String KEY_ID = "keyId";
    private static final String CIPHERTEXT = "ciphertext";
    private static final String LAST4 = "last4";

    private final MongoTemplate mongo;

    public MongoConnections(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the index that finds an integration's connections, unless it exists; safe to call at every start. */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index().on(INTEGRATION_ID, Sort.Direction.ASC).named("integration"));
    }

    @Override
    public Optional<StoredConnection> find(ConnectionKey key) {
        return Optional.ofNullable(mongo.findOne(byKey(key), Document.class, COLLECTION))
                .map(MongoConnections::connection);
    }

    @Override
    public void save(StoredConnection connection) {
        Query byKey = byKey(connection.key());
        Document stored = document(connection);
        try {
            mongo.replace(byKey, stored, replaceOptions().upsert(), COLLECTION);
        } catch (DuplicateKeyException concurrentlyInserted) {
            // Another save inserted the document between this upsert's match and its insert; it is there now.
            mongo.replace(byKey, stored, replaceOptions().upsert(), COLLECTION);
        }
    }

    @Override
    public boolean replace(long expectedRevision, StoredConnection replacement) {
        Query stillAtTheExpectedRevision =
                byKey(replacement.key()).addCriteria(Criteria.where(REVISION).is(expectedRevision));
        return mongo.replace(stillAtTheExpectedRevision, document(replacement), none(), COLLECTION)
                        .getMatchedCount()
                == 1;
    }

    @Override
    public void delete(ConnectionKey key) {
        mongo.remove(byKey(key), COLLECTION);
    }

    @Override
    public long deleteAllOf(IntegrationId integration) {
        return mongo.remove(Query.query(Criteria.where(INTEGRATION_ID).is(integration.value())), COLLECTION)
                .getDeletedCount();
    }

    /**
     * The document id of a key: the integration id, a line feed, the user. Integration ids are UUIDs,
     * which hold no line feed and have one length, so no two keys share an id whatever their users hold.
     */
    static String idOf(ConnectionKey key) {
        return key.integration().value() + "\n" + key.user();
    }

    private static Query byKey(ConnectionKey key) {
        return Query.query(Criteria.where(ID).is(idOf(key)));
    }

    private static Document document(StoredConnection connection) {
        Document stored = new Document(ID, idOf(connection.key()))
                .append(INTEGRATION_ID, connection.key().integration().value())
                .append(USER, connection.key().user())
                .append(ACCESS_TOKEN, secret(connection.accessToken()));
        connection.refreshToken().ifPresent(token -> stored.append(REFRESH_TOKEN, secret(token)));
        connection.expiresAt().ifPresent(at -> PreciseInstants.put(stored, EXPIRES_AT, at));
        stored.append(RECONNECT_REQUIRED, connection.reconnectRequired())
                .append(CLIENT_FINGERPRINT, connection.clientFingerprint());
        PreciseInstants.put(stored, CONNECTED_AT, connection.connectedAt());
        PreciseInstants.put(stored, UPDATED_AT, connection.updatedAt());
        connection.grantedScope().ifPresent(scope -> stored.append(GRANTED_SCOPE, scope));
        return stored.append(REVISION, connection.revision());
    }

    private static StoredConnection connection(Document stored) {
        ConnectionKey key =
                new ConnectionKey(new IntegrationId(stored.getString(INTEGRATION_ID)), stored.getString(USER));
        return new StoredConnection(
                key,
                sealed(stored.get(ACCESS_TOKEN, Document.class)),
                Optional.ofNullable(stored.get(REFRESH_TOKEN, Document.class)).map(MongoConnections::sealed),
                Optional.ofNullable(PreciseInstants.get(stored, EXPIRES_AT)),
                stored.getBoolean(RECONNECT_REQUIRED, false),
                stored.getString(CLIENT_FINGERPRINT),
                PreciseInstants.get(stored, CONNECTED_AT),
                PreciseInstants.get(stored, UPDATED_AT),
                ((Number) stored.get(REVISION)).longValue(),
                Optional.ofNullable(stored.getString(GRANTED_SCOPE)));
    }

    private static Document secret(SealedSecret secret) {
        Document stored = new Document(KEY_ID, secret.keyId()).append(CIPHERTEXT, secret.ciphertext());
        if (secret.last4() != null) {
            stored.append(LAST4, secret.last4());
        }
        return stored;
    }

    private static SealedSecret sealed(Document stored) {
        return new SealedSecret(stored.getString(KEY_ID), stored.getString(CIPHERTEXT), stored.getString(LAST4));
    }
}
